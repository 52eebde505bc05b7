import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';
import { useText } from './i18n/index.js';
import { useSession } from './session.js';

/** GETs an Admin API path; `reload` fetches it again. Null path fetches nothing. */
export function useApi<T>(path: string | null): { data: T | null; error: ApiError | null; reload(): void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    api.get<T>(path).then(
      (value) => live && (setData(value), setError(null)),
      (caught: ApiError) => live && setError(caught),
    );
    return () => void (live = false);
  }, [path, tick]);
  return { data, error, reload: () => setTick((n) => n + 1) };
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A moment as the newsroom means it: on the site's clock, whatever the browser's, and saying
 * which clock ("3 Dec 2026, 14:05 (Europe/Paris)"), in the admin's language.
 */
export function formatDate(iso: string | null, zone: string, language: string = 'en'): string {
  if (!iso) return '';
  const key = `${language} ${zone}`;
  let format = dateFormats.get(key);
  // English reads day, month, year: the newsroom's clock is not necessarily American.
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone })));
  return `${format.format(new Date(iso))} (${zone})`;
}

/** `formatDate` on the site's clock and in the admin's language, for a signed-in screen. */
export function useSiteTime(): (iso: string | null) => string {
  const zone = useSession().site.timeZone;
  const { lang } = useText();
  return (iso) => formatDate(iso, zone, lang);
}

/**
 * The one way a screen runs what a person asked for: a refusal (any 4xx: 403, a 409 conflict,
 * a 400 naming fields) is kept as `error` for the screen's `FormError`, which shows it on screen.
 */
export interface Action {
  /** The API error the last run ended with, for a `FormError` (cleared by the next run). */
  error: ApiError | null;
  /** Shows an error found outside a run (a failed load, a check before sending). */
  fail(error: ApiError | null): void;
  /** Runs what a button does. */
  run(work: () => Promise<unknown>): Promise<void>;
  /** A form's submit handler running `work` instead of the browser's own submission. */
  submit(work: () => Promise<unknown>): (event: Event) => void;
}

export function useAction(): Action {
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(asApiError(caught));
    }
  };
  const submit = (work: () => Promise<unknown>) => (event: Event) => {
    event.preventDefault();
    void run(work);
  };
  return { error, fail: setError, run, submit };
}

/** Anything thrown, as an error a screen can show: the API's own, or a network failure in words. */
export function asApiError(caught: unknown): ApiError {
  if (caught instanceof ApiError) return caught;
  return new ApiError(0, 'NETWORK', caught instanceof Error ? caught.message : String(caught));
}
