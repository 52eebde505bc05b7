import { PIXEL_PATH, type PageKind } from '../../../analytics/beacon.js';
import { ASSETS } from '../../site.assets.js';

/** The page as the analytics count it: the article shown (0 for none) and the kind of page. */
export interface PageBeacon {
  article: number;
  kind: PageKind;
}

/**
 * The beacon script, and for readers without JavaScript an image that reports the view. Both are
 * the same for every reader, so the page stays in the shared cache.
 */
export function Beacon({ page, language }: { page: PageBeacon; language: string }) {
  const query = new URLSearchParams({ article: String(page.article), language, kind: page.kind });
  return (
    <>
      <script src={ASSETS.beacon.url} defer data-article={String(page.article)} data-language={language} data-kind={page.kind} />
      <noscript>
        <img src={`${PIXEL_PATH}?${query}`} alt="" width={1} height={1} hidden />
      </noscript>
    </>
  );
}
