import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { closeSmtp, listenSmtp, smtpServer } from '../../support/smtp-server.js';
import { person, signIn } from './people.js';

for (const engine of ENGINES) {
  describe(`submitting a draft for review through the Admin API [${engine}]`, () => {
    const smtp = smtpServer({ hold: true });
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { HERALD_SMTP_URL: await listenSmtp(smtp) });
    });
    afterAll(async () => {
      await t?.close();
      await closeSmtp(smtp);
    });

    it('queues the draft for editors, mails them without waiting, and sends it back with a note the writer is mailed', { timeout: 20_000 }, async () => {
      const contributorUser = await person(t.database.db, 'contributor');
      const editorUser = await person(t.database.db, 'editor');
      const contributor = await signIn(t.app, contributorUser.email);
      const editor = await signIn(t.app, editorUser.email);
      const api = (browser: typeof editor, method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({ method, url: `/api/admin/v1${url}`, headers: browser.headers, ...(payload ? { payload } : {}) });

      const created = await api(contributor, 'POST', '/articles', { language: 'en', title: 'Night buses return' });
      const { id } = created.json();
      const submitted = await api(contributor, 'POST', `/articles/${id}/submit`);
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json()).toMatchObject({ status: 'draft', review: { state: 'submitted', submittedBy: { name: contributorUser.name } } });
      // The mail server has not greeted yet: the answer did not wait for the mail.
      expect(smtp.messages).toHaveLength(0);

      expect(submitted.json().allowed).toMatchObject({ submit: false, sendBack: false, publish: false });
      const waiting = await api(editor, 'GET', '/articles?review=submitted');
      expect(waiting.json().items.map((a: { id: number }) => a.id)).toEqual([id]);
      expect(waiting.json().items[0].allowed).toMatchObject({ sendBack: true, publish: true, submit: false });
      expect((await api(editor, 'GET', '/articles?review=waiting')).statusCode).toBe(400);

      for (const payload of [{}, { note: '' }, { note: 'x'.repeat(2001) }]) {
        const refused = await api(editor, 'POST', `/articles/${id}/send-back`, payload);
        expect(refused.statusCode, refused.body).toBe(400);
        expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toContain('note');
      }
      const returned = await api(editor, 'POST', `/articles/${id}/send-back`, { note: 'Which lines, from when?' });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json().review).toMatchObject({ state: 'returned', note: 'Which lines, from when?', returnedBy: { name: editorUser.name } });
      expect((await api(editor, 'GET', '/articles?review=submitted')).json().items).toEqual([]);
      expect((await api(contributor, 'GET', `/articles/${id}`)).json().allowed).toMatchObject({ submit: true, sendBack: false });

      smtp.release();
      await vi.waitFor(() => expect(smtp.messages).toHaveLength(2));
      // Read as a mail client reads them: headers unfolded, quoted-printable text decoded.
      const mails = await Promise.all(smtp.messages.map((m) => simpleParser(m)));
      const to = (address: string) => mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0].address === address);
      expect(to(editorUser.email)?.subject).toBe('Waiting for review: "Night buses return" by Signed-in contributor');
      expect(to(editorUser.email)?.text).toContain(`${TEST_BASE_URL}/admin/stories/${id}`);
      expect(to(contributorUser.email)?.subject).toBe('Sent back with a note: "Night buses return"');
      expect(to(contributorUser.email)?.text).toContain('with this note:\n\nWhich lines, from when?');
    });
  });
}
