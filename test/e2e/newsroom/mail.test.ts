import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../../src/core/mail.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { closeSmtp, listenSmtp, smtpServer } from '../../support/smtp-server.js';

describe('newsroom e-mail', () => {
  const smtp = smtpServer();
  const { messages } = smtp;
  let url = '';
  beforeAll(async () => {
    url = await listenSmtp(smtp);
  });
  afterAll(() => closeSmtp(smtp));

  it('sends through SMTP (nodemailer) when HERALD_SMTP_URL is set', async () => {
    const logged: string[] = [];
    const mailer = createMailer({ info: (_o, m) => logged.push(m) }, loadConfig({
      HERALD_SMTP_URL: url,
      HERALD_MAIL_FROM: 'Newsroom <desk@herald.test>',
    }).mail);
    const result = await mailer.send({ to: 'writer@herald.test', subject: 'You are invited', text: 'Choose your password: http://herald.test/admin/link/abc' });
    expect(result).toBe('sent');
    expect(logged).toEqual([]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^From: Newsroom <desk@herald\.test>/m);
    expect(messages[0]).toMatch(/^To: writer@herald\.test/m);
    expect(messages[0]).toMatch(/^Subject: You are invited/m);
    expect(messages[0]).toContain('http://herald.test/admin/link/abc');
  });

  it('refuses an SMTP setting that is not an smtp:// or smtps:// address, at start', () => {
    expect(() => loadConfig({ HERALD_SMTP_URL: 'mail.example.org:587' })).toThrow(ConfigError);
    expect(() => loadConfig({ HERALD_SMTP_URL: 'mail.example.org:587' })).toThrow(/HERALD_SMTP_URL must start with smtp:\/\//);
  });

  it('writes the message, link included, to the log when no SMTP server is configured', async () => {
    const logged: string[] = [];
    const mailer = createMailer({ info: (_o, m) => logged.push(m) }, loadConfig({}).mail);
    expect(await mailer.send({ to: 'a@herald.test', subject: 'Reset', text: 'http://herald.test/admin/link/xyz' })).toBe('logged');
    expect(logged[0]).toContain('http://herald.test/admin/link/xyz');
  });
});
