import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';

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

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '';
}

export interface Action {
  /** The API error the last run ended with, for a `FormError` (cleared by the next run). */
  error: ApiError | null;
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
      setError(caught as ApiError);
    }
  };
  const submit = (work: () => Promise<unknown>) => (event: Event) => {
    event.preventDefault();
    void run(work);
  };
  return { error, run, submit };
}
