import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commentText, loadYoutubeSpam, parseCsv, YOUTUBE_SPAM_DIR } from './corpora.js';
import { emailBody } from './email-body.js';

describe('corpus readers', () => {
  it('parse CSV with quotes, doubled quotes and newlines inside fields', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });

  it('turn a posted YouTube comment back into what the reader typed', () => {
    expect(commentText('I&#39;m here<br />and &quot;there&quot;\uFEFF')).toBe('I\'m here\nand "there"');
  });

  it('keep the subject and body of an e-mail, not its headers, decoding quoted-printable and HTML parts', () => {
    const raw = [
      'Received: from relay.example by mx.example',
      'Subject: Cheap offer',
      'Content-Type: multipart/alternative; boundary="XX"',
      '',
      '--XX',
      'Content-Type: text/plain; charset=us-ascii',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Save 50=25 today',
      '--XX',
      'Content-Type: text/html',
      '',
      '<p>Visit <a href="http://shop.example">our shop</a></p>',
      '--XX--',
    ].join('\n');
    const body = emailBody(raw);
    expect(body).toContain('Cheap offer');
    expect(body).toContain('Save 50% today');
    expect(body).toContain('http://shop.example');
    expect(body).not.toContain('relay.example');
  });

  it('read the YouTube spam collection as published (1,407 training and 157 validation comments)', () => {
    // CI lays ../shared/fixtures beside the project: a missing file fails here instead of skipping.
    expect(existsSync(YOUTUBE_SPAM_DIR), `${YOUTUBE_SPAM_DIR} is missing`).toBe(true);
    const train = loadYoutubeSpam('train')!;
    const validation = loadYoutubeSpam('validation')!;
    expect([train.length, train.filter((c) => c.spam).length]).toEqual([1407, 723]);
    expect([validation.length, validation.filter((c) => c.spam).length]).toEqual([157, 81]);
    // Each comment keeps its writer's name, which the classifier reads as a commenter's name.
    expect(train[0]).toMatchObject({ name: 'Lindsay Wofford', spam: false });
    expect(train.every((c) => c.name)).toBe(true);
  });
});
