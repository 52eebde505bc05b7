import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLink } from '../../../src/people/links.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { closeSmtp, listenSmtp, smtpServer } from '../../support/smtp-server.js';
import { person, signIn } from './people.js';

for (const engine of ENGINES) {
  describe(`password resets [${engine}]`, () => {
    const smtp = smtpServer({ hold: true });
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { HERALD_SMTP_URL: await listenSmtp(smtp) });
    });
    afterAll(async () => {
      await t?.close();
      await closeSmtp(smtp);
    });

    it('answers before the mail is sent, the same for a known and an unknown address', { timeout: 10_000 }, async () => {
      const user = await person(t.database.db, 'author');
      const unknown = await t.app.inject({ method: 'POST', url: '/api/admin/v1/password-reset', payload: { email: 'nobody@herald.test' } });
      // The mail server has not even greeted yet: answering cannot have waited for the mail.
      const known = await t.app.inject({ method: 'POST', url: '/api/admin/v1/password-reset', payload: { email: user.email } });
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);
      expect(smtp.messages).toHaveLength(0);
      // …and the mail still goes out, once the server answers.
      await vi.waitFor(() => expect(smtp.waiting()).toBe(1));
      smtp.release();
      await vi.waitFor(() => expect(smtp.messages).toHaveLength(1));
      expect(smtp.messages[0]).toMatch(new RegExp(`^To: ${user.email.replace(/[.]/g, '\\.')}`, 'm'));
      expect(smtp.messages[0]).toMatch(/\/admin\/link\/[\w-]+/);
    });

    it('voids every other open link of the person once one reset link is used', async () => {
      const user = await person(t.database.db, 'editor');
      const older = await createLink(t.database.db, 'reset', user.id, 'test');
      const invitation = await createLink(t.database.db, 'invitation', user.id, 'test');
      const newer = await createLink(t.database.db, 'reset', user.id, 'test');
      const used = await t.app.inject({ method: 'POST', url: `/api/admin/v1/links/${newer.token}`, payload: { password: 'the chosen new password' } });
      expect(used.statusCode).toBe(200);
      for (const { token } of [older, invitation]) {
        expect((await t.app.inject({ url: `/api/admin/v1/links/${token}` })).statusCode).toBe(404);
        const reused = await t.app.inject({ method: 'POST', url: `/api/admin/v1/links/${token}`, payload: { password: 'an attacker password' } });
        expect(reused.statusCode).toBe(404);
      }
      await signIn(t.app, user.email, 'the chosen new password');
    });
  });
}
