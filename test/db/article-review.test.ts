import { expect, it, vi } from 'vitest';
import { createArticle, getArticle, listRevisions, publishArticle, updateArticle } from '../../src/content/articles.service.js';
import { listArticles } from '../../src/content/articles.list.js';
import { sendBack, submitForReview, type ReviewMail } from '../../src/content/review.service.js';
import { MAX_REVIEW_NOTE_LENGTH } from '../../src/content/articles.types.js';
import { createMailer } from '../../src/core/mail.js';
import type { Database } from '../../src/db/database.js';
import type { WriteEvent } from '../../src/db/hooks.js';
import type { Actor } from '../../src/people/permissions.js';
import type { Role } from '../../src/people/roles.js';
import { createUser } from '../../src/people/users.service.js';
import { describeEachEngine } from '../support/engines.js';

const BASE = 'http://herald.test';

interface Sent {
  to: string;
  subject: string;
  text: string;
}

/** A mailer without SMTP: what it would send is read from its log line. */
function loggingMail(): ReviewMail & { sent: Sent[]; failed: unknown[] } {
  const sent: Sent[] = [];
  const failed: unknown[] = [];
  const mailer = createMailer(
    { info: (fields, message) => sent.push({ ...(fields as { to: string; subject: string }), text: message.slice(message.indexOf('\n') + 1) }) },
    { smtpUrl: undefined, from: 'herald@herald.test' },
  );
  return { mailer, mailFailed: (error) => failed.push(error), sent, failed };
}

async function person(database: Database, role: Role, name: string): Promise<Actor & { email: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@herald.test`;
  const user = await createUser(database.db, { email, name, role });
  return { role, userId: user.id, principal: `user:${user.id}`, name, email };
}

describeEachEngine('a draft’s review', (database) => {
  let staff: Record<'contributor' | 'author' | 'otherContributor' | 'editor' | 'admin', Actor & { email: string }> | undefined;
  const people = async () =>
    (staff ??= {
      contributor: await person(database(), 'contributor', 'Cora Contributor'),
      otherContributor: await person(database(), 'contributor', 'Otto Other'),
      author: await person(database(), 'author', 'Ada Author'),
      editor: await person(database(), 'editor', 'Ed Editor'),
      admin: await person(database(), 'administrator', 'Alma Admin'),
    });

  it('puts a contributor’s draft in the editors’ queue, mails every editor and administrator, and keeps it a private, editable draft', async () => {
    const { contributor, editor, admin } = await people();
    const mail = loggingMail();
    const draft = await createArticle(database(), { language: 'en', title: 'Harbour works run late', body: '<p>First lines.</p>' }, contributor, BASE);
    const seen: WriteEvent[] = [];
    database().hooks.afterCommit((event) => void seen.push(event));

    const submitted = await submitForReview(database(), draft.id, contributor, BASE, mail);
    expect(submitted.status).toBe('draft');
    expect(submitted.publishAt).toBeNull();
    expect(submitted.review).toMatchObject({ state: 'submitted', submittedBy: { principal: contributor.principal, name: 'Cora Contributor' }, returnedAt: null, note: null });
    expect(Date.parse(submitted.review!.submittedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(seen).toEqual([expect.objectContaining({ entity: 'article', id: draft.id, action: 'updated' })]);
    await expect(getArticle(database().db, draft.id, BASE, 'public')).rejects.toMatchObject({ status: 404 });

    await vi.waitFor(() => expect(mail.sent).toHaveLength(2));
    expect(mail.sent.map((m) => m.to).sort()).toEqual([admin.email, editor.email].sort());
    for (const message of mail.sent) {
      expect(message.subject).toBe('Waiting for review: "Harbour works run late" by Cora Contributor');
      expect(message.text).toContain('Cora Contributor submitted "Harbour works run late" (en) for review.');
      expect(message.text).toContain(`${BASE}/admin/stories/${draft.id}`);
    }

    // Like WordPress's pending posts, the writer may still improve the text while it waits.
    const edited = await updateArticle(database(), draft.id, { version: submitted.version, body: '<p>Better lines.</p>' }, contributor, BASE);
    expect(edited.review?.state).toBe('submitted');
    const waiting = await listArticles(database().db, { review: 'submitted', page: 1, limit: 50 }, BASE, 'admin');
    expect(waiting.items.map((a) => a.id)).toContain(draft.id);

    // Submitting again while it waits changes nothing and mails no one twice.
    const again = await submitForReview(database(), draft.id, contributor, BASE, mail);
    expect(again.version).toBe(edited.version);
    expect(mail.sent).toHaveLength(2);
    expect(mail.failed).toEqual([]);
  });

  it('lets only a writer of the draft submit it, and only a draft', async () => {
    const { contributor, otherContributor, author, editor } = await people();
    const mail = loggingMail();
    const draft = await createArticle(database(), { language: 'en', title: 'Whose story' }, contributor, BASE);
    await expect(submitForReview(database(), draft.id, otherContributor, BASE, mail)).rejects.toMatchObject({ status: 403 });
    await expect(submitForReview(database(), draft.id, editor, BASE, mail)).rejects.toMatchObject({ status: 403 });
    const own = await createArticle(database(), { language: 'en', title: 'An author asks for a second reading' }, author, BASE);
    expect((await submitForReview(database(), own.id, author, BASE, mail)).review?.state).toBe('submitted');
    const published = await createArticle(database(), { language: 'en', title: 'Out already', status: 'published' }, author, BASE);
    await expect(submitForReview(database(), published.id, author, BASE, mail)).rejects.toMatchObject({ status: 409 });
  });

  it('sends a draft back with a note (editors and administrators only), mailing the writer, and takes it again when resubmitted', async () => {
    const { contributor, author, editor, admin } = await people();
    const mail = loggingMail();
    const draft = await createArticle(database(), { language: 'en', title: 'Council budget' }, contributor, BASE);
    await expect(sendBack(database(), draft.id, editor, 'Too early', BASE, mail)).rejects.toMatchObject({ status: 409 });
    await submitForReview(database(), draft.id, contributor, BASE, mail);
    await vi.waitFor(() => expect(mail.sent).toHaveLength(2));
    mail.sent.length = 0;

    for (const actor of [contributor, author]) {
      await expect(sendBack(database(), draft.id, actor, 'No', BASE, mail)).rejects.toMatchObject({ status: 403 });
    }
    for (const note of ['', '   ', 'x'.repeat(MAX_REVIEW_NOTE_LENGTH + 1)]) {
      await expect(sendBack(database(), draft.id, editor, note, BASE, mail)).rejects.toMatchObject({ status: 400, fields: [{ field: 'note' }] });
    }
    const returned = await sendBack(database(), draft.id, editor, '  Please name the source of the figures.  ', BASE, mail);
    expect(returned.status).toBe('draft');
    expect(returned.review).toMatchObject({
      state: 'returned',
      submittedBy: { name: 'Cora Contributor' },
      returnedBy: { principal: editor.principal, name: 'Ed Editor' },
      note: 'Please name the source of the figures.',
    });
    await vi.waitFor(() => expect(mail.sent).toHaveLength(1));
    expect(mail.sent[0]).toMatchObject({ to: contributor.email, subject: 'Sent back with a note: "Council budget"' });
    expect(mail.sent[0].text).toContain('Ed Editor sent "Council budget" back to you with this note:\n\nPlease name the source of the figures.');
    expect(mail.sent[0].text).toContain(`${BASE}/admin/stories/${draft.id}`);
    await expect(sendBack(database(), draft.id, admin, 'Twice', BASE, mail)).rejects.toMatchObject({ status: 409 });
    const returnedList = await listArticles(database().db, { review: 'returned', page: 1, limit: 50 }, BASE, 'admin');
    expect(returnedList.items.map((a) => a.id)).toContain(draft.id);
    const waitingList = await listArticles(database().db, { review: 'submitted', page: 1, limit: 50 }, BASE, 'admin');
    expect(waitingList.items.map((a) => a.id)).not.toContain(draft.id);

    const resubmitted = await submitForReview(database(), draft.id, contributor, BASE, mail);
    expect(resubmitted.review).toMatchObject({ state: 'submitted', returnedAt: null, returnedBy: null, note: null });
    await vi.waitFor(() => expect(mail.sent.filter((m) => m.subject.startsWith('Waiting for review'))).toHaveLength(2));

    // The revisions tell the story of the review: submitted, sent back with the note, submitted again.
    const states = (await listRevisions(database().db, draft.id)).map((r) => r.article.review?.state ?? null).reverse();
    expect(states).toEqual([null, 'submitted', 'returned', 'submitted']);
    expect((await listRevisions(database().db, draft.id))[1].article.review.note).toBe('Please name the source of the figures.');
  });

  it('ends the review when an editor publishes or schedules the draft', async () => {
    const { contributor, editor } = await people();
    const mail = loggingMail();
    const first = await createArticle(database(), { language: 'en', title: 'Approved by publishing' }, contributor, BASE);
    await submitForReview(database(), first.id, contributor, BASE, mail);
    const published = await publishArticle(database(), first.id, editor, BASE);
    expect(published).toMatchObject({ status: 'published', review: null });

    const second = await createArticle(database(), { language: 'en', title: 'Approved by scheduling' }, contributor, BASE);
    const waiting = await submitForReview(database(), second.id, contributor, BASE, mail);
    const publishAt = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await updateArticle(database(), second.id, { version: waiting.version, status: 'scheduled', publishAt }, editor, BASE);
    expect(scheduled).toMatchObject({ status: 'scheduled', review: null });
    const left = await listArticles(database().db, { review: 'submitted', page: 1, limit: 50 }, BASE, 'admin');
    expect(left.items.map((a) => a.id)).not.toContain(first.id);
    expect(left.items.map((a) => a.id)).not.toContain(second.id);
  });
});
