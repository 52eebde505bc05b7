import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { localSection, sectionsShowing } from '../content/sections.service.js';
import { sectionPath } from '../content/urls.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { PageRequest } from './page-request.js';
import { setSecurityHeaders } from './security-headers.js';
import { sendPage } from './send-page.js';
import type { Alternate, PageMeta } from './seo.js';
import { Layout } from './views/layout.js';
import type { PageBeacon } from './views/components/beacon.js';

/** A full HTML document from a JSX tree; preact escapes every string it did not get as HTML. */
export function renderPage(tree: VNode): string {
  return `<!doctype html>${renderToString(tree)}`;
}

export interface SitePage {
  language: string;
  meta: PageMeta;
  versions: Alternate[];
  body: VNode;
  status?: number;
  lastModified?: string | null;
  maxAge: number;
  /** Loads the copy-link script. */
  script?: boolean;
  /** A preview: see PageResponse.private. */
  private?: boolean;
  /** A page readers' views are counted on (when analytics are on): which article and kind of page. */
  counted?: PageBeacon;
}

/** Previews, error pages and private pages are not counted; nothing is while analytics are off. */
function beaconOf(settings: SiteSettings, page: SitePage): PageBeacon | undefined {
  return settings.analytics && !page.private && (page.status ?? 200) === 200 ? page.counted : undefined;
}

/** Renders a page in the theme's layout with the security headers and HTTP validators. */
export async function sendSitePage(request: FastifyRequest, reply: FastifyReply, settings: SiteSettings, page: SitePage) {
  setSecurityHeaders(reply);
  // The menu: the top-level sections editors put in it that have a name in this language, at
  // most as many as the settings say. No cache key: a change to any section drops every cached
  // page (see src/cache/invalidation.ts).
  const sections = (await sectionsShowing(request.server.herald.database.db))
    .filter((s) => s.parentId === null && s.inMenu && s.names[page.language])
    .slice(0, settings.menuSections)
    .map((s) => localSection(s, page.language))
    .map((s) => ({ name: s.name, href: sectionPath(page.language, s.slug) }));
  const html = renderPage(
    <PageRequest.Provider value={request}>
      <Layout settings={settings} language={page.language} meta={page.meta} versions={page.versions} sections={sections} script={page.script} beacon={beaconOf(settings, page)}>
        {page.body}
      </Layout>
    </PageRequest.Provider>,
  );
  return sendPage(request, reply, { status: page.status, html, lastModified: page.lastModified, maxAge: page.maxAge, private: page.private });
}
