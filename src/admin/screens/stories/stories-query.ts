import { navigate } from '../../router.js';

/** What the stories list shows, kept in the address so a filtered view can be linked and survives a reload. */
export const FILTERS = ['q', 'language', 'status', 'review', 'section', 'author', 'translation', 'trashed', 'page'] as const;
export type Filter = (typeof FILTERS)[number];
export type Filters = Partial<Record<Filter, string>>;

export function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.flatMap((name) => (params.get(name) ? [[name, params.get(name)!]] : [])));
}

/**
 * Shows the list with `change` applied to `current`; any change but paging goes back to the
 * first page. `current` is read from the address when called, not when rendered: a search
 * applied a moment after typing stops must keep a filter chosen in that moment.
 */
export function showFilters(change: Filters, current: Filters = filtersOf(new URLSearchParams(location.search))): void {
  const next: Filters = { ...current, ...('page' in change ? {} : { page: undefined }), ...change };
  const params = new URLSearchParams(Object.entries(next).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  navigate(`/stories${search ? `?${search}` : ''}`, { replace: true });
}
