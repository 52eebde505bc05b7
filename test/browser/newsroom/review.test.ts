import { describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { sendBack, submitForReview } from '../../../src/content/review.service.js';
import { createMailer } from '../../../src/core/mail.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import type { Role } from '../../../src/people/roles.js';
import { newsroomSuite, shoot, signInAs } from './newsroom-server.js';

describe('a contributor’s draft through review: submitted, sent back with a note, submitted again, published', () => {
  const newsroom = newsroomSuite();

  const signedIn = async (role: Role, name: string, width = 1280) => {
    const person = await newsroom.person(role, name);
    const page = await newsroom.openPage({ viewport: { width, height: 900 } });
    await signInAs(page, newsroom.url, person.email);
    return { page, actor: { role, userId: person.id, principal: `user:${person.id}`, name } };
  };

  it('shows each person what to do next, and the editor publishes the story in the end', { timeout: 90_000 }, async () => {
    const writer = await signedIn('contributor', 'Cora Contributor');
    const editor = await signedIn('editor', 'Ed Editor');
    const draft = await createArticle(newsroom.server.database, { language: 'en', title: 'Night buses return to the valley', body: '<p>The first bus left at midnight.</p>' }, writer.actor, newsroom.url);

    // The contributor submits instead of publishing, and then sees since when it waits.
    await writer.page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    const writerReview = writer.page.getByRole('region', { name: 'Review' });
    expect(await writer.page.locator('.publish-bar').getByRole('button', { name: 'Publish…' }).count()).toBe(0);
    await writerReview.getByRole('button', { name: 'Submit for review' }).click();
    await writerReview.getByText(/^Waiting for review since /).waitFor();
    expect(await writerReview.getByRole('button').count()).toBe(0);
    await shoot(writer.page, 'review-writer-waiting');

    // The editor finds it on the dashboard, then in the stories list's "In review" filter.
    await editor.page.reload();
    const card = editor.page.getByRole('region', { name: 'Waiting for review' });
    await card.getByRole('link', { name: draft.title }).waitFor();
    expect(await card.locator('.badge').textContent()).toBe('1');
    expect(await card.textContent()).toContain('Cora Contributor');
    await shoot(editor.page, 'review-dashboard');
    await card.getByRole('link', { name: 'Open the stories in review' }).click();
    await editor.page.getByRole('link', { name: draft.title }).waitFor();
    expect(await editor.page.getByLabel('Status').inputValue()).toBe('submitted');
    expect(await editor.page.locator('table.stories tbody tr').count()).toBe(1);
    await editor.page.getByRole('link', { name: draft.title }).click();

    // Send back…: the note is required; the server's refusal names it, then the note goes.
    const editorReview = editor.page.getByRole('region', { name: 'Review' });
    await editorReview.getByText('submitted by Cora Contributor').waitFor();
    await editorReview.getByRole('button', { name: 'Send back…' }).click();
    const dialog = editor.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Send back to Cora Contributor' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'note' }).waitFor();
    await dialog.getByLabel('What should change?').fill('Name the council spokesperson, and say when the night timetable ends.');
    await shoot(editor.page, 'review-send-back-dialog');
    await dialog.getByRole('button', { name: 'Send back to Cora Contributor' }).click();
    await editorReview.getByText('Sent back by Ed Editor').waitFor();
    expect(await editor.page.getByRole('dialog').count()).toBe(0);

    // The contributor reads the note above the text, and submits again.
    await writer.page.reload();
    const note = writer.page.getByRole('note', { name: 'Sent back with a note' });
    await note.getByText('Name the council spokesperson, and say when the night timetable ends.').waitFor();
    await shoot(writer.page, 'review-writer-sent-back');
    await note.getByRole('button', { name: 'Submit for review again' }).click();
    await writerReview.getByText(/^Waiting for review since /).waitFor();

    // The editor publishes it: the review ends, and nothing waits any more.
    await editor.page.reload();
    await editorReview.getByRole('button', { name: 'Send back…' }).waitFor();
    await editor.page.locator('.publish-bar').getByRole('button', { name: 'Publish…' }).click();
    await editor.page.getByRole('dialog').getByRole('button', { name: 'Continue' }).click();
    await editor.page.getByRole('dialog').getByRole('button', { name: 'Publish now' }).click();
    await editor.page.locator('.publish-bar .badge.status-published').waitFor();
    expect(await editorReview.count()).toBe(0);
    await editor.page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Dashboard' }).click();
    await card.getByText('Nothing waits for review.').waitFor();
  });

  it('shows an Arabic note right to left, in the English admin, on a phone too', { timeout: 60_000 }, async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'fr', 'ar'] });
    const writer = await signedIn('contributor', 'ليلى الكاتبة', 390);
    const editor = await newsroom.person('editor', 'سامي المحرر');
    const editorActor = { role: 'editor' as const, userId: editor.id, principal: `user:${editor.id}`, name: 'سامي المحرر' };
    const mail = { mailer: createMailer({ info: () => {} }, { smtpUrl: undefined, from: 'herald@newsroom.test' }), mailFailed: () => {} };
    const store = newsroom.server.database;
    const draft = await createArticle(store, { language: 'ar', title: 'عودة حافلات الليل إلى الوادي', body: '<p>انطلقت الحافلة الأولى عند منتصف الليل.</p>' }, writer.actor, newsroom.url);
    await submitForReview(store, draft.id, writer.actor, newsroom.url, mail);
    await sendBack(store, draft.id, editorActor, 'اذكر اسم المتحدث باسم البلدية، ومتى ينتهي جدول الليل.', newsroom.url, mail);

    await writer.page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    const note = writer.page.locator('.review-note');
    await note.getByText('اذكر اسم المتحدث').waitFor();
    expect(await note.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await writer.page.getByRole('note', { name: 'Sent back with a note' }).evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    // Nothing of the review runs off the side of a phone.
    expect(await writer.page.getByRole('region', { name: 'Review' }).evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await shoot(writer.page, 'review-arabic-sent-back');
  });
});
