import type { FieldError } from './errors.js';

/**
 * Characters no text in Herald may hold: the C0 controls (NUL among them) except tab, line
 * feed and carriage return; DEL and the C1 controls; UTF-16 surrogates without their pair;
 * and the noncharacters U+FFFE and U+FFFF. PostgreSQL refuses NUL, SQLite stores it, and XML
 * (feeds, sitemaps) can carry none of them. A single line (a name, an e-mail address, a part
 * of a URL path) may not hold tab or line breaks either.
 */
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const UNSAFE_IN_TEXT = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`);
const UNSAFE_IN_LINE = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`);

/** `text` allows tab and line breaks; `line` allows no control character at all. */
export type TextKind = 'text' | 'line';

/** The first character `value` may not hold, as `U+0000`, or null when it holds none. */
export function unsafeCharacter(value: string, kind: TextKind = 'text'): string | null {
  const match = (kind === 'line' ? UNSAFE_IN_LINE : UNSAFE_IN_TEXT).exec(value);
  return match ? codePoint(match[0]) : null;
}

function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function unsafeTextMessage(char: string): string {
  return `must not contain control characters or unpaired surrogates (found ${char})`;
}

export const INVALID_ENCODING_MESSAGE = 'is not valid UTF-8 (an overlong, surrogate or incomplete percent-encoding)';

/** A fault for `field` when `value` holds a character it may not hold; null otherwise. */
export function textFault(field: string, value: string | null | undefined, kind: TextKind = 'text'): FieldError | null {
  const char = typeof value === 'string' ? unsafeCharacter(value, kind) : null;
  return char ? { field, message: unsafeTextMessage(char) } : null;
}

/** `value` with the characters it may not hold written as `\uXXXX`, to name a field by it. */
export function visible(value: string): string {
  return value.replace(new RegExp(UNSAFE_IN_LINE.source, 'g'), (char) => `\\u${codePoint(char).slice(2)}`);
}

const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `raw` with its %XX escapes decoded, or null when a run of them is not UTF-8: an overlong
 * form (`%C0%80`, `%E0%80%80`), an encoded surrogate (`%ED%A0%80`), a stray or cut-off byte.
 * A `%` that starts no escape (`100%`) stays as it is, as the query-string parser leaves it.
 */
export function decodeEscapes(raw: string): string | null {
  if (!raw.includes('%')) return raw;
  let valid = true;
  const decoded = raw.replace(ESCAPE_RUN, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16));
    try {
      return UTF8.decode(bytes);
    } catch {
      valid = false;
      return '';
    }
  });
  return valid ? decoded : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  // Object.prototype, or the prototype-less one the form parser's objects descend from.
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

const MAX_FAULTS = 20;

/**
 * Every string of a parsed request body (JSON or form) that holds a character text may not
 * hold, named by its dotted path (`title`, `source.name`, `tags.0`); a property name is held
 * to the single-line rule. Walks without recursion: a deeply nested body cannot overflow the
 * stack. Streams, buffers and other objects a parser hands over are not looked into.
 */
export function unsafeTextIn(body: unknown): FieldError[] {
  const faults: FieldError[] = [];
  const pending: Array<[unknown, string]> = [[body, '']];
  const at = (path: string, name: string) => (path ? `${path}.${name}` : name);
  while (pending.length && faults.length < MAX_FAULTS) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      const fault = textFault(path || 'body', value);
      if (fault) faults.push(fault);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) pending.push([value[i], at(path, String(i))]);
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value).filter((key) => {
        const char = unsafeCharacter(key, 'line');
        if (char) faults.push({ field: at(path, visible(key)), message: `is a field name that ${unsafeTextMessage(char)}` });
        return !char;
      });
      for (let i = keys.length - 1; i >= 0; i--) pending.push([value[keys[i]], at(path, keys[i])]);
    }
  }
  return faults;
}
