import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { absoluteUrl } from '../content/urls.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { sendSitePage } from './render.js';
import type { PageMeta } from './seo.js';

/** A language the site speaks, from a form or a query string; the default language otherwise. */
export function pageLanguage(settings: SiteSettings, wanted: unknown): string {
  return typeof wanted === 'string' && settings.languages.includes(wanted) ? wanted : settings.defaultLanguage;
}

/**
 * A small page a reader reaches from a form or a mailed link (comments' data deletion, a
 * newsletter's confirmation): in the site's layout, never cached, never indexed.
 */
export function sendSmallPage(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: SiteSettings,
  page: { language: string; title: string; status?: number; body: ComponentChildren },
) {
  const meta: PageMeta = {
    title: `${page.title} · ${settings.name}`,
    description: page.title,
    canonical: absoluteUrl(settings.baseUrl, request.url.split('?')[0]),
    alternates: [],
    ogType: 'website',
    image: null,
    feeds: [],
    jsonLd: [],
    robots: 'noindex',
  };
  return sendSitePage(request, reply, settings, { language: page.language, meta, versions: [], status: page.status, maxAge: 0, private: true, body: <>{page.body}</> });
}
