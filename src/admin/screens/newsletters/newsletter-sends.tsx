import { query } from '../../api.js';
import { useApi, useSiteTime } from '../../hooks.js';
import { FormError } from '../../components/form.js';
import { useText } from '../../i18n/index.js';
import type { Newsletter } from './newsletter-types.js';
import type { SendSummary } from '../../../newsletters/sends.service.js';

/** A send and its counts, as the Admin API gives it (the server's own type). */
type Send = Omit<SendSummary, 'kind' | 'status'> & { kind: 'story' | 'digest'; status: 'queued' | 'sent' | 'paused' };

interface Sends {
  items: Send[];
  /** Whether an SMTP server is configured, and whether it has stopped answering. */
  email: { configured: boolean; paused: boolean };
}

const STATUS_CLASS: Record<Send['status'], string> = { queued: 'progress', sent: 'ok', paused: 'warn' };

/** A newsletter's latest sends and what became of their recipients; says so when e-mail cannot go out. */
export function NewsletterSends({ newsletter }: { newsletter: Newsletter }) {
  const t = useText();
  const words = t.newsletters;
  const siteTime = useSiteTime();
  const sends = useApi<Sends>(`/newsletter-sends${query({ newsletter: newsletter.id })}`);
  return (
    <section class="card newsletter-sends" aria-labelledby="sends-heading">
      <h2 id="sends-heading">{t.format(words.sendsHeading, { name: newsletter.name })}</h2>
      <FormError error={sends.error} />
      {sends.data && !sends.data.email.configured && <p class="error" role="alert">{words.emailNotConfigured}</p>}
      {sends.data?.items.length === 0 && <p class="muted">{words.noSends}</p>}
      {!!sends.data?.items.length && (
        <table class="sends">
          <thead>
            <tr>
              <th>{words.subject}</th>
              <th>{words.sentAt}</th>
              <th>{words.recipients}</th>
              <th>{words.delivered}</th>
              <th>{words.failed}</th>
              <th>{words.waiting}</th>
              <th>{words.skipped}</th>
              <th>
                <abbr title={words.unknownHint}>{words.unknown}</abbr>
              </th>
              <th>{words.unsubscribedSince}</th>
            </tr>
          </thead>
          <tbody>
            {sends.data.items.map((send) => (
              <tr key={send.id}>
                <td>
                  <bdi lang={newsletter.language}>{send.subject}</bdi> <span class="badge">{words[`kind_${send.kind}`]}</span>
                  <span class={`badge ${STATUS_CLASS[send.status]}`}>{words[`sendStatus_${send.status}`]}</span>
                </td>
                <td>{siteTime(send.createdAt)}</td>
                <td data-label={words.recipients}>{send.recipients}</td>
                <td data-label={words.delivered}>{send.delivered}</td>
                <td data-label={words.failed}>{send.failed}</td>
                <td data-label={words.waiting}>{send.pending}</td>
                <td data-label={words.skipped}>{send.skipped}</td>
                <td data-label={words.unknown} title={words.unknownHint}>
                  {send.unknown}
                </td>
                <td data-label={words.unsubscribedSince}>{send.unsubscribedSince}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
