/** The few pages of the comments domain itself: reply without JavaScript, errors, data deletion. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { absoluteUrl } from '../content/urls.js';
import type { FieldError } from '../core/errors.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { sendSitePage } from '../site/render.js';
import type { PageMeta } from '../site/seo.js';
import { commentStrings } from './comments.strings.js';

export function pageLanguage(settings: SiteSettings, wanted: unknown): string {
  return typeof wanted === 'string' && settings.languages.includes(wanted) ? wanted : settings.defaultLanguage;
}

/** A small, never-cached, never-indexed page in the site's layout. */
export function sendCommentsPage(
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
  return sendSitePage(request, reply, settings, {
    language: page.language,
    meta,
    versions: [],
    status: page.status,
    maxAge: 0,
    body: (
      <section class="prose comments-page" lang={commentStrings(page.language).lang}>
        <link rel="stylesheet" href="/comments/comments.css" />
        <h1>{page.title}</h1>
        {page.body}
      </section>
    ),
  });
}

export function ProblemList({ message, fields, back }: { message: string; fields: FieldError[]; back: string | null; language: string }) {
  return (
    <>
      <p role="alert">{message}</p>
      {fields.length ? (
        <ul>
          {fields.map((f) => (
            <li>
              {f.field}: {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      {back ? (
        <p>
          <a href={back}>←</a>
        </p>
      ) : null}
    </>
  );
}
