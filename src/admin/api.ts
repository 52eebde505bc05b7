/**
 * The admin app's only way to the server: the Admin API, authenticated by the session cookie.
 * Every write carries the session's CSRF token in `x-csrf-token`; the server refuses a
 * cookie-authenticated write without it.
 */
export const API = '/api/admin/v1';

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** A field the server found at fault (FieldError in src/core/errors.ts): `code` says what, in stable terms. */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  limit?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body instanceof Blob) {
    // A file sent as it is (an export to import), typed by the caller.
    headers['content-type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(API + path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 204) return undefined as T;
  if (!response.ok) throw await refusal(response);
  return (await response.json().catch(() => ({}))) as T;
}

/** The error an answer that is not OK carries in its JSON body. */
async function refusal(response: Response): Promise<ApiError> {
  const data = await response.json().catch(() => ({}));
  const { code = 'ERROR', message = response.statusText, fields = [], ...details } = data.error ?? {};
  return new ApiError(response.status, code, message, fields, details);
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** A query string from the defined values of an object. */
export function query(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * POSTs a file to a route that tells its progress as newline-delimited JSON: `onLine` gets each
 * line as it comes; the answer is the last one (none when the server ended the answer before
 * its first line: the caller says so in the admin's words). A refusal (4xx) or an `error` line throws.
 */
export async function postWithProgress<T>(path: string, body: Blob, onLine: (line: T) => void): Promise<T | undefined> {
  const headers = { 'x-csrf-token': csrfToken, 'content-type': body.type || 'application/octet-stream', accept: 'application/x-ndjson' };
  const response = await fetch(API + path, { method: 'POST', headers, body, credentials: 'same-origin' });
  if (!response.ok || !response.body) throw await refusal(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  let last: T | undefined;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    pending += chunk.value;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const text of lines.filter(Boolean)) {
      const line = JSON.parse(text) as T & { error?: { code: string; message: string; fields?: FieldError[] } };
      if (line.error) throw new ApiError(500, line.error.code, line.error.message, line.error.fields ?? []);
      onLine(line);
      last = line;
    }
  }
  return last;
}
