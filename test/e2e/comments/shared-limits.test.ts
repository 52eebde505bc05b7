import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { createMailer } from '../../../src/core/mail.js';
import { notifyAuthorsOfHeldComment } from '../../../src/comments/notify.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { postComment, publishStory } from './helpers.js';

for (const engine of ENGINES) {
  describe(`comment rate limits across processes, and author notifications [${engine}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      // A fresh key space per run, so parallel runs on one Redis never count each other's posts.
      t = await createTestApp(engine, { REDIS_URL: 'redis://127.0.0.1:6379' });
    });
    afterAll(async () => t?.close());

    it('counts comments from one address in Redis for every app process', async () => {
      const second = await buildApp({ config: t.config, database: t.database, logger: false });
      try {
        const story = await publishStory(t);
        const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
        const codes: number[] = [];
        for (let i = 0; i < 12; i++) {
          // Alternate between the two processes: only a shared counter stops the 11th.
          const app = i % 2 === 0 ? t : { ...t, app: second };
          codes.push((await postComment(app, story.id, { email: `shared${i}@example.org`, body: `Shared limit ${i} test.` }, { ip, json: true })).statusCode);
        }
        expect(codes.filter((c) => c === 429)).toEqual([429, 429]);
        expect(codes.slice(0, 10).every((c) => c === 201)).toBe(true);
      } finally {
        await second.close();
      }
    });

    it('tells the story’s authors that a comment waits (in the log without SMTP)', async () => {
      const story = await publishStory(t);
      const logged: string[] = [];
      const mailer = createMailer({ info: (_object, message) => void logged.push(message) }, loadConfig({}).mail);
      const sent = await notifyAuthorsOfHeldComment(
        t.database.db,
        mailer,
        { id: 1, articleId: story.id, authorName: 'Ada Reader', body: 'Is the bridge closing?', reasons: ['first comment from this address'] },
        'http://herald.test',
      );
      expect(sent).toBe(1);
      expect(logged[0]).toContain('Ada Reader commented on');
      expect(logged[0]).toContain('Is the bridge closing?');
      expect(logged[0]).toContain('http://herald.test/admin/comments?status=pending');
    });
  });
}
