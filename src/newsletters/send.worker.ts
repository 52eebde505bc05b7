/**
 * Sends the newsletter queue (newsletter_deliveries) over SMTP. Runs in the delivery process
 * (delivery-process.ts); recipients are claimed in the database, so each row is sent by one
 * process only, however many run.
 *
 * Exactly once, and what a crash leaves. A row goes pending → sending (claimed, under a lease
 * and a random claim) → handed → delivered | failed | pending again (4xx, connection refused).
 * An SMTP server accepts a message only at its final dot (RFC 5321 §4.1.1.4), so the question a
 * crash leaves is whether that dot was written. Two records answer it:
 *   - the database: a row becomes 'handed' before its dot, and only if the claim is still this
 *     process's (a stalled process whose lease was taken over abandons the message instead).
 *     This is what keeps two processes from sending one row.
 *   - the process's handover journal (handover-journal.ts), a local SQLite file written with
 *     synchronous calls: the claim's token before the claim is asked of the database, and the
 *     row right before its dot is released, in the same tick. On SQLite the database's commit
 *     is synchronous too, but on PostgreSQL it is a network round trip: a kill after PostgreSQL
 *     committed 'handed' and before the dot left rows marked 'handed' whose mail never left
 *     (3–4 in 5,000 in the crash test). The journal closes that window on both engines.
 * When the process comes back (or another one starts on the same data directory), it takes the
 * journal of the dead one and, before claiming anything, resolves that process's claims: a row
 * noted as handed over may have been accepted and is marked 'unknown' (never sent again, since a
 * reader must never get a newsletter twice); any other row of those claims never had its dot
 * written and goes back to the queue, even if it was already marked 'handed' or 'unknown'.
 *
 * A process that never comes back leaves what only its journal could tell: once its lease ran
 * out, its 'sending' rows are sent again by the others (no dot was written) and its 'handed'
 * rows are counted 'unknown' (they keep their claim, so that its journal, if it ever returns,
 * still puts those never handed over back in the queue). Journal and dot are a few instructions
 * apart, not zero: a kill between them leaves an 'unknown' row whose mail did not leave.
 */
import { randomBytes } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { NewsletterDeliveryConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Schema } from '../db/schema.js';
import { siteSecret } from '../core/signing.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { unsubscribeUrl } from '../members/unsubscribe-link.js';
import { mimeMessage, mimeTemplate, type MimeTemplate } from './mime.js';
import { renderDigestSend, renderStorySend, UNSUBSCRIBE_SLOT } from './send-content.js';
import { SmtpSender, type SmtpOutcome } from './smtp-sender.js';
import { HandoverJournal, type Leftovers } from './handover-journal.js';

export interface SendWorkerOptions extends NewsletterDeliveryConfig {
  smtpUrl: string;
  /** HERALD_MAIL_FROM: `Name <address>` or an address; the newsletter's sender name replaces the name. */
  from: string;
  settings: () => Promise<SiteSettings>;
  /** Attempts after which a recipient temporarily refused is given up. */
  maxAttempts?: number;
  onError: (error: unknown) => void;
  /** Where the handover journal lives (the data directory), and how hard it syncs (HERALD_SQLITE_SYNCHRONOUS). */
  journal: { dir: string; synchronous?: 'normal' | 'full' };
}

const MAX_BACKOFF_MS = 6 * 3600_000;
/** Permanent refusals in a row after which an address gets nothing more. */
export const SUPPRESS_AFTER = 3;

export function backoff(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

interface Recipient {
  id: number;
  send_id: number;
  member_id: number;
  attempts: number;
  email: string;
  suppressed_at: string | null;
  subscription: string | null;
}

interface SendMail {
  template: MimeTemplate;
  newsletterId: number;
}

/**
 * Rows whose process stopped, seen from any process: back to the queue if their message never
 * reached its end, else 'unknown' until the journal of their process says otherwise.
 */
export async function recoverAbandoned(db: Kysely<Schema>, now: Date): Promise<void> {
  const iso = now.toISOString();
  await db
    .updateTable('newsletter_deliveries')
    .set({ status: 'pending', claim: null, locked_until: null })
    .where('status', '=', 'sending')
    .where('locked_until', '<', iso)
    .execute();
  await db
    .updateTable('newsletter_deliveries')
    .set({ status: 'unknown', locked_until: null, last_error: ABANDONED })
    .where('status', '=', 'handed')
    .where('locked_until', '<', iso)
    .execute();
}

const ABANDONED = 'the sending process stopped after handing the message to SMTP; not sent again';

/** The claims of a process that died, resolved from its journal (see the comment at the top). */
export async function resolveLeftovers(db: Kysely<Schema>, leftovers: Leftovers): Promise<void> {
  for (const [token, handedOver] of leftovers) {
    await db.transaction().execute(async (trx) => {
      const ofClaim = () => trx.updateTable('newsletter_deliveries').where('claim', '=', token);
      if (handedOver.length > 0) {
        await ofClaim().set({ status: 'unknown', claim: null, locked_until: null, last_error: ABANDONED }).where('status', 'in', ['handed', 'unknown']).where('id', 'in', handedOver).execute();
      }
      await ofClaim().set({ status: 'pending', claim: null, locked_until: null }).where('status', 'in', ['sending', 'handed', 'unknown']).execute();
    });
  }
}

async function claim(db: Kysely<Schema>, token: string, now: Date, size: number, leaseMs: number): Promise<number[]> {
  const iso = now.toISOString();
  const due = db
    .selectFrom('newsletter_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', iso)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(size);
  // The conditional update is the lock: a row another process claimed first is no longer pending.
  const rows = await db
    .updateTable('newsletter_deliveries')
    .set({ status: 'sending', claim: token, locked_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: sql`attempts + 1` })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

async function recipients(db: Kysely<Schema>, ids: number[]): Promise<Recipient[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('newsletter_deliveries as d')
    .innerJoin('newsletter_sends as s', 's.id', 'd.send_id')
    .innerJoin('members as m', 'm.id', 'd.member_id')
    .leftJoin('member_subscriptions as ms', (join) => join.onRef('ms.member_id', '=', 'd.member_id').onRef('ms.newsletter_id', '=', 's.newsletter_id'))
    .select(['d.id', 'd.send_id', 'd.member_id', 'd.attempts', 'm.email', 'm.suppressed_at', 'ms.status as subscription'])
    .where('d.id', 'in', ids)
    .orderBy('d.id')
    .execute();
}

async function renderSend(db: Kysely<Schema>, settings: SiteSettings, from: string, sendId: number): Promise<SendMail | null> {
  const send = await db
    .selectFrom('newsletter_sends as s')
    .innerJoin('newsletters as n', 'n.id', 's.newsletter_id')
    .select(['s.kind', 's.article_id', 's.period_start', 's.period_end', 's.created_at', 'n.id as newsletterId', 'n.name', 'n.language', 'n.sender_name', 'n.reply_to'])
    .where('s.id', '=', sendId)
    .executeTakeFirst();
  if (!send) return null;
  const newsletter = { name: send.name, language: send.language };
  const mail =
    send.kind === 'story' && send.article_id !== null
      ? await renderStorySend(db, settings, newsletter, send.article_id)
      : send.period_start && send.period_end
        ? await renderDigestSend(db, settings, newsletter, { start: send.period_start, end: send.period_end })
        : null;
  if (!mail) return null;
  const template = mimeTemplate(mail, UNSUBSCRIBE_SLOT, { name: send.sender_name || settings.name, address: senderAddress(from) }, {
    replyTo: send.reply_to || undefined,
    listId: `newsletter-${send.newsletterId}.${hostOf(settings)}`,
    date: new Date(send.created_at),
  });
  return { template, newsletterId: send.newsletterId };
}

function senderAddress(from: string): string {
  return from.match(/<([^>]+)>/)?.[1] ?? from.trim();
}

const hostOf = (settings: SiteSettings) => new URL(settings.baseUrl).hostname || 'localhost';

function compose(content: SendMail, recipient: Recipient, settings: SiteSettings, secret: string): Buffer {
  return mimeMessage(content.template, {
    to: recipient.email,
    // One id per recipient and send: a message sent twice would at least be recognisably the same.
    messageId: `<send-${recipient.send_id}.member-${recipient.member_id}@${hostOf(settings)}>`,
    unsubscribeUrl: unsubscribeUrl(settings.baseUrl, secret, { member: recipient.member_id, newsletter: content.newsletterId }),
  });
}

/** Spaces messages so that all connections together send at most `rate` a second. */
function pacer(rate: number) {
  let next = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, next);
    next = at + 1000 / rate;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}

export interface SendRound {
  /** Rows this round took from the queue. */
  claimed: number;
  sent: number;
  /** True while the SMTP server could not be reached. */
  paused: boolean;
}

export function createSendWorker(database: Pick<Database, 'db'>, options: SendWorkerOptions) {
  const { db } = database;
  const maxAttempts = options.maxAttempts ?? 8;
  const senders = Array.from({ length: options.connections }, () => new SmtpSender(options.smtpUrl));
  const pace = pacer(options.rate);
  // Enough for about a quarter of the lease at the configured rate: a batch ends long before its claim runs out.
  const batch = Math.max(1, Math.min(1000, Math.floor((options.rate * options.leaseMs) / 4000)));
  const rendered = new Map<number, Promise<SendMail | null>>();
  const journal = new HandoverJournal(options.journal.dir, options.journal.synchronous);
  // Set when the process stops: the round in hand sends no further message, and what it claimed goes back to the queue.
  let halted = false;

  const record = async (recipient: Recipient, token: string, outcome: SmtpOutcome | { kind: 'skipped' }, now: Date) => {
    const mine = db.updateTable('newsletter_deliveries').where('id', '=', recipient.id).where('claim', '=', token);
    const released = { claim: null, locked_until: null };
    switch (outcome.kind) {
      case 'accepted': {
        // One statement on the way: the send's counters are brought up to date once per batch (see `tally`).
        const row = await mine.set({ ...released, status: 'delivered', delivered_at: now.toISOString(), last_error: null }).executeTakeFirst();
        if (Number(row.numUpdatedRows) === 1) await db.updateTable('members').set({ failure_streak: 0 }).where('id', '=', recipient.member_id).where('failure_streak', '>', 0).execute();
        return;
      }
      case 'refused':
        if (outcome.permanent || recipient.attempts >= maxAttempts) {
          await db.transaction().execute(async (trx) => {
            const row = await trx.updateTable('newsletter_deliveries').set({ ...released, status: 'failed', last_error: outcome.error }).where('id', '=', recipient.id).where('claim', '=', token).executeTakeFirst();
            if (Number(row.numUpdatedRows) === 0 || !outcome.permanent) return;
            await trx.updateTable('members').set({ failure_streak: sql`failure_streak + 1` }).where('id', '=', recipient.member_id).execute();
            await trx.updateTable('members').set({ suppressed_at: now.toISOString() }).where('id', '=', recipient.member_id).where('failure_streak', '>=', SUPPRESS_AFTER).where('suppressed_at', 'is', null).execute();
          });
          return;
        }
        await mine.set({ ...released, status: 'pending', last_error: outcome.error, next_attempt_at: new Date(now.getTime() + backoff(recipient.attempts, options.retryBaseMs)).toISOString() }).execute();
        return;
      case 'broken':
        if (outcome.handed) {
          // The connection broke after the message's end went out: it may have been accepted.
          await mine.set({ ...released, status: 'unknown', last_error: outcome.error }).execute();
          return;
        }
        await mine.set({ ...released, status: 'pending', last_error: outcome.error, next_attempt_at: new Date(now.getTime() + backoff(recipient.attempts, options.retryBaseMs)).toISOString() }).execute();
        await db.updateTable('newsletter_sends').set({ status: 'paused' }).where('id', '=', recipient.send_id).where('status', '=', 'queued').execute();
        return;
      case 'withdrawn':
        return;
      case 'skipped':
        await mine.set({ ...released, status: 'skipped' }).execute();
        return;
    }
  };

  const contentOf = (settings: SiteSettings, sendId: number) => {
    let found = rendered.get(sendId);
    if (!found) {
      found = renderSend(db, settings, options.from, sendId);
      rendered.set(sendId, found);
      found.catch(() => rendered.delete(sendId));
    }
    return found;
  };

  const sendOn = async (sender: SmtpSender, queue: Recipient[], token: string, settings: SiteSettings, secret: string): Promise<{ sent: number; unreachable: boolean }> => {
    let sent = 0;
    for (const recipient of queue) {
      if (halted) break;
      if (recipient.suppressed_at || recipient.subscription !== 'confirmed') {
        await record(recipient, token, { kind: 'skipped' }, new Date());
        continue;
      }
      const content = await contentOf(settings, recipient.send_id);
      if (!content) {
        await record(recipient, token, { kind: 'skipped' }, new Date());
        continue;
      }
      try {
        await sender.open();
      } catch (error) {
        await record(recipient, token, { kind: 'broken', handed: false, error: error instanceof Error ? error.message : String(error) }, new Date());
        return { sent, unreachable: true };
      }
      await pace();
      const raw = compose(content, recipient, settings, secret);
      const outcome = await sender.send({ from: senderAddress(options.from), to: recipient.email }, raw, {
        async beforeEnd() {
          const row = await db.updateTable('newsletter_deliveries').set({ status: 'handed' }).where('id', '=', recipient.id).where('claim', '=', token).where('status', '=', 'sending').executeTakeFirst();
          return Number(row.numUpdatedRows) === 1;
        },
        atEnd: () => journal.handing(token, recipient.id),
      });
      await record(recipient, token, outcome, new Date());
      if (outcome.kind === 'accepted') sent++;
    }
    return { sent, unreachable: false };
  };

  /** Brings the counters of the sends a batch touched up to date, ends a pause once mail goes out again, and closes sends with nothing left. */
  const tally = async (sendIds: number[], resumed: boolean, now: Date) => {
    const count = (status: string) => (eb: ExpressionBuilder<Schema, 'newsletter_sends'>) =>
      eb.selectFrom('newsletter_deliveries as d').select(eb.fn.countAll<number>().as('n')).whereRef('d.send_id', '=', 'newsletter_sends.id').where('d.status', '=', status);
    await db
      .updateTable('newsletter_sends')
      .set((eb) => ({ delivered: count('delivered')(eb), failed: count('failed')(eb), ...(resumed ? { status: sql<string>`case when status = 'paused' then 'queued' else status end` } : {}) }))
      .where('id', 'in', sendIds)
      .execute();
    await db
      .updateTable('newsletter_sends')
      .set({ status: 'sent', finished_at: now.toISOString() })
      .where('id', 'in', sendIds)
      .where('status', '!=', 'sent')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('newsletter_deliveries as d').select('d.id').whereRef('d.send_id', '=', 'newsletter_sends.id').where('d.status', 'in', ['pending', 'sending', 'handed']))))
      .execute();
  };

  /** One round: recovers abandoned rows, claims a batch, sends it over the connections; returns how many were accepted. */
  const round = async (): Promise<SendRound> => {
    if (journal.leftovers.size > 0) {
      await resolveLeftovers(db, journal.leftovers);
      journal.settled();
    }
    const now = new Date();
    await recoverAbandoned(db, now);
    const token = randomBytes(12).toString('base64url');
    journal.claiming(token);
    const rows = await recipients(db, await claim(db, token, now, batch, options.leaseMs));
    if (rows.length === 0) {
      journal.finished(token);
      rendered.clear();
      return { claimed: 0, sent: 0, paused: false };
    }
    const [settings, secret] = await Promise.all([options.settings(), siteSecret(db)]);
    // Round-robin over the connections; each sends its share in order.
    const shares = senders.map((_, index) => rows.filter((_, at) => at % senders.length === index));
    const results = await Promise.all(senders.map((sender, index) => sendOn(sender, shares[index], token, settings, secret)));
    // A share left behind by an unreachable server goes back to the queue as it was (never handed).
    await db
      .updateTable('newsletter_deliveries')
      .set({ status: 'pending', claim: null, locked_until: null })
      .where('claim', '=', token)
      .where('status', '=', 'sending')
      .execute();
    journal.finished(token);
    const sent = results.reduce((sum, result) => sum + result.sent, 0);
    const paused = results.some((result) => result.unreachable);
    await tally([...new Set(rows.map((row) => row.send_id))], sent > 0 && !paused, new Date());
    return { claimed: rows.length, sent, paused };
  };

  return {
    round,
    /** Ends the round in hand after the message being sent. */
    halt() {
      halted = true;
    },
    close() {
      for (const sender of senders) sender.close();
      journal.close();
    },
  };
}

export interface SendWorker {
  /** Runs a round now instead of at the next tick. */
  poke(): void;
  stop(): Promise<void>;
}

/** The worker's loop: rounds back to back while there is work, then every `pollMs`; slower while SMTP is down. */
export function startSendWorker(database: Pick<Database, 'db'>, options: SendWorkerOptions, extraRound: () => Promise<void> = async () => undefined): SendWorker {
  const worker = createSendWorker(database, options);
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      let next = options.pollMs;
      try {
        await extraRound();
        const { claimed, paused } = await worker.round();
        if (paused) next = Math.max(options.pollMs, 5000);
        else if (claimed > 0) next = 0;
      } catch (error) {
        options.onError(error);
      } finally {
        running = null;
        schedule(next);
      }
    })();
  };
  schedule(0);
  return {
    poke: () => schedule(0),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      worker.halt();
      await running;
      worker.close();
    },
  };
}
