import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** A full HTML document from a JSX tree; preact escapes every string it did not get as HTML. */
export function renderPage(tree: VNode): string {
  return `<!doctype html>${renderToString(tree)}`;
}
