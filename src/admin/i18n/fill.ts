import type { ComponentChildren } from 'preact';

/**
 * A template's `{slots}` filled with elements (a name in <bdi>, a link in <code>) where the
 * translation puts them, for sentences `format` would flatten to plain text.
 */
export function fill(template: string, values: Record<string, ComponentChildren>): ComponentChildren[] {
  return template.split(/\{(\w+)\}/g).map((part, index) => (index % 2 ? (values[part] ?? '') : part));
}
