import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { HandoverJournal } from '../../src/newsletters/handover-journal.js';
import { recoverAbandoned, resolveLeftovers } from '../../src/newsletters/send.worker.js';
import { describeEachEngine } from '../support/engines.js';

const dirs: string[] = [];
const journalDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'herald-handover-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('gives each running process its own journal, and a stopped one’s notes to the next process', () => {
  const dir = journalDir();
  const first = new HandoverJournal(dir);
  first.claiming('claim-a');
  first.handing('claim-a', 7);
  first.claiming('claim-b');
  // A second process on the same data directory cannot read notes the first is still writing.
  const second = new HandoverJournal(dir);
  expect(second.leftovers).toEqual(new Map());
  second.claiming('claim-c');
  first.close(); // the lock goes as it would with the process
  const third = new HandoverJournal(dir);
  expect(third.leftovers).toEqual(new Map([['claim-a', [7]], ['claim-b', []]]));
  third.settled();
  second.close();
  third.close();
  // Settled notes are gone; the second process's, left when it stopped, remain for the next one.
  const fourth = new HandoverJournal(dir);
  expect(fourth.leftovers).toEqual(new Map([['claim-c', []]]));
  fourth.close();
});

it('forgets a claim once its rows have their outcome', () => {
  const dir = journalDir();
  const journal = new HandoverJournal(dir);
  journal.claiming('done');
  journal.handing('done', 1);
  journal.finished('done');
  journal.close();
  const next = new HandoverJournal(dir);
  expect(next.leftovers.size).toBe(0);
  next.close();
});

describeEachEngine('a stopped sender’s claims resolved from its journal', (database) => {
  it('queues again what never reached its final dot, and only that', async () => {
    const { db } = database();
    const at = new Date().toISOString();
    const past = new Date(Date.now() - 60_000).toISOString();
    const { id: newsletterId } = await db.insertInto('newsletters').values({ name: 'La matinale', language: 'fr', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    const { id: sendId } = await db
      .insertInto('newsletter_sends')
      .values({ newsletter_id: newsletterId, kind: 'digest', article_id: null, period_start: at, period_end: at, subject: 'Matinale', status: 'queued', created_by: 'test', created_at: at, finished_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows: Record<string, number> = {};
    const row = async (name: string, status: string, claim: string | null) => {
      const { id: memberId } = await db.insertInto('members').values({ email: `${name}@example.org`, language: 'fr', source: 'admin', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const inserted = await db
        .insertInto('newsletter_deliveries')
        .values({ send_id: sendId, member_id: memberId, status, claim, next_attempt_at: past, locked_until: claim ? past : null })
        .returning('id')
        .executeTakeFirstOrThrow();
      rows[name] = inserted.id;
    };
    await row('claimed', 'sending', 'dead');
    await row('noted', 'handed', 'dead');
    // Marked 'handed' in the database, killed before the note and the dot.
    await row('marked', 'handed', 'dead');
    // Its lease ran out first, and another process counted it unknown.
    await row('counted', 'handed', 'dead');
    await row('elsewhere', 'handed', 'other');
    await row('done', 'delivered', null);

    await recoverAbandoned(db, new Date());
    await resolveLeftovers(db, new Map([['dead', [rows.noted]]]));

    const after = await db.selectFrom('newsletter_deliveries').select(['id', 'status', 'claim']).orderBy('id').execute();
    const byName = Object.fromEntries(Object.entries(rows).map(([name, id]) => [name, after.find((found) => found.id === id)]));
    expect(byName).toEqual({
      claimed: { id: rows.claimed, status: 'pending', claim: null },
      noted: { id: rows.noted, status: 'unknown', claim: null },
      marked: { id: rows.marked, status: 'pending', claim: null },
      counted: { id: rows.counted, status: 'pending', claim: null },
      // Another process's: unknown until its own journal comes back.
      elsewhere: { id: rows.elsewhere, status: 'unknown', claim: 'other' },
      done: { id: rows.done, status: 'delivered', claim: null },
    });
  });
});
