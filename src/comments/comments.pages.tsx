/** The few pages of the comments domain itself: reply without JavaScript, errors, data deletion. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../core/errors.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { pageLanguage, sendSmallPage } from '../site/small-page.js';
import { commentStrings } from './comments.strings.js';

export { pageLanguage };

/** A small, never-cached, never-indexed page in the site's layout, with the comment section's style. */
export function sendCommentsPage(
  request: FastifyRequest,
  reply: FastifyReply,
  settings: SiteSettings,
  page: { language: string; title: string; status?: number; body: ComponentChildren },
) {
  return sendSmallPage(request, reply, settings, {
    ...page,
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
