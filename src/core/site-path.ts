/**
 * Whether a redirect target stays on this site: a path with exactly one leading slash and no
 * control character. Browsers read `//host` and `/\host` as another host, so a path built from
 * a request's own (decoded) parts must pass here before it goes into a `Location` header.
 */
export function isSitePath(target: string): boolean {
  return /^\/(?![/\\])/.test(target) && !/[\u0000-\u001f\u007f\\]/.test(target);
}
