import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRINGS } from '../../../src/site/i18n.strings.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { checkHtmlFiles, describeMessage, type NuMessage } from '../../support/nu-checker.js';
import { moderate, postComment } from '../comments/helpers.js';
import { multipart } from '../newsroom/media-files.js';
import { parseHtml } from './html.js';

/** Every language Herald ships interface strings for. */
const LANGUAGES = Object.keys(STRINGS);

/** Text in each language, so the pages read as what they say they are (the checker guesses languages). */
const TEXT: Record<string, { title: string; sentence: string; tag: string; section: string; search: string }> = {
  en: { title: 'Harbour reopens after the storm', sentence: 'The fishing boats came back to the harbour on Monday morning, and the market opened again after three quiet days.', tag: 'Harbour', section: 'Coast', search: 'harbour' },
  fr: { title: 'Le port rouvre après la tempête', sentence: 'Les bateaux de pêche sont revenus au port lundi matin, et le marché a rouvert après trois jours de calme.', tag: 'Port', section: 'Littoral', search: 'port' },
  de: { title: 'Der Hafen öffnet nach dem Sturm wieder', sentence: 'Die Fischerboote kamen am Montagmorgen in den Hafen zurück, und der Markt öffnete nach drei ruhigen Tagen wieder.', tag: 'Hafen', section: 'Küste', search: 'hafen' },
  es: { title: 'El puerto reabre tras la tormenta', sentence: 'Los barcos de pesca volvieron al puerto el lunes por la mañana, y el mercado abrió de nuevo después de tres días tranquilos.', tag: 'Puerto', section: 'Costa', search: 'puerto' },
  'zh-Hant': { title: '暴風雨過後港口重新開放', sentence: '漁船在星期一早上回到港口，市場在安靜了三天之後重新開放，漁民們都很高興。', tag: '港口', section: '海岸', search: '港口' },
  ar: { title: 'الميناء يعيد فتح أبوابه بعد العاصفة', sentence: 'عادت قوارب الصيد إلى الميناء صباح يوم الاثنين، وفتح السوق أبوابه من جديد بعد ثلاثة أيام هادئة.', tag: 'الميناء', section: 'الساحل', search: 'الميناء' },
};

/**
 * Warnings that are real problems here, failing the test like errors: a page in the wrong
 * language (the checker reads the text), ARIA that contradicts or repeats HTML, headings or ids
 * that mislead assistive technology, and pictures the browser cannot size or choose among.
 */
const REAL_PROBLEMS = [/appears to be written in/i, /\blang\b/i, /aria-|\brole\b/i, /heading/i, /duplicate id/i, /srcset|sizes|\bimg\b|image/i];

const NEXT_OF = 'next-of:';

// One listing page holds 12 stories: 13 make a second page of the home, section, tag and author pages.
const STORIES_PER_LANGUAGE = 13;

const folder = mkdtempSync(join(tmpdir(), 'herald-html-'));
/** Saved pages: file name → the request that answered it. */
const saved = new Map<string, string>();

async function picture(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 140 } } }).png().toBuffer();
}

/** A newsroom in every shipped language with each kind of page the site has. */
async function fillNewsroom(t: TestApp) {
  const editor = await t.auth('editor');
  const admin = await t.auth('administrator');
  const settings = await t.app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: admin, payload: { languages: LANGUAGES, defaultLanguage: 'en' } });
  expect(settings.statusCode, settings.body).toBe(200);
  const upload = multipart('harbour.png', 'image/png', await picture(1200, 800));
  const media = (await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...upload.headers, ...editor }, payload: upload.payload })).json();
  const section = await t.app.inject({
    method: 'POST', url: '/api/admin/v1/sections', headers: editor,
    payload: { names: Object.fromEntries(LANGUAGES.map((l) => [l, { name: TEXT[l].section }])) },
  });
  expect(section.statusCode, section.body).toBe(201);
  const sectionId = section.json().id;

  const create = async (payload: Record<string, unknown>) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: editor, payload: { status: 'published', section: sectionId, ...payload } });
    expect(response.statusCode, response.body).toBe(201);
    const story = response.json();
    return { id: story.id as number, path: new URL(story.url).pathname };
  };
  const paths: Record<string, Record<string, string>> = {};
  let original: number | undefined;
  for (const language of LANGUAGES) {
    const text = TEXT[language];
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    for (let i = STORIES_PER_LANGUAGE; i > 3; i--) {
      await create({ language, title: `${text.title} (${i})`, body: `<p>${text.sentence}</p>`, tags: [text.tag], publishedAt: at(i * 10) });
    }
    // A featured picture of another site: its size is unknown.
    const linked = await create({
      language, title: `${text.title} (3)`, body: `<p>${text.sentence}</p>`, tags: [text.tag], publishedAt: at(30),
      featuredImage: { url: 'https://images.example.org/boats.jpg', alt: text.tag },
    });
    const plain = await create({ language, title: `${text.title}: ${text.tag}`, body: `<p>${text.sentence}</p><p>${text.sentence}</p>`, tags: [text.tag], publishedAt: at(15) });
    const body = [
      `<p>${text.sentence}</p>`,
      `<h2>${text.tag}</h2>`,
      `<figure><img src="${media.url}"><figcaption>${text.tag}</figcaption></figure>`,
      `<ul><li>${text.sentence}</li><li>${text.tag}</li></ul>`,
      `<blockquote><p>${text.sentence}</p></blockquote>`,
      `<p><img src="https://images.example.org/gulls.jpg" srcset="https://images.example.org/gulls-2x.jpg 2x"> <a href="https://example.org/">${text.tag}</a></p>`,
      '<aside class="embed embed-youtube"><a href="https://www.youtube.com/watch?v=abcdefghijk" rel="noopener">YouTube video</a></aside>',
    ].join('');
    const pictured = await create({
      language, title: text.title, body, tags: [text.tag], publishedAt: at(1),
      standfirst: text.sentence,
      featuredImage: { mediaId: media.id, alt: text.tag, caption: text.sentence, credit: 'Herald' },
      source: { name: 'Example Wire', url: 'https://wire.example.org/story' },
      ...(original ? { translationOf: original, machineTranslated: language === 'de' } : {}),
    });
    original ??= pictured.id;
    // A correction and an update: their notes on the story, and the language's corrections page.
    for (const kind of ['update', 'correction']) {
      const note = await t.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${pictured.id}/corrections`, headers: editor, payload: { kind, text: text.sentence } });
      expect(note.statusCode, note.body).toBe(201);
    }
    const comment = await postComment(t, pictured.id, { body: text.sentence });
    expect(comment.statusCode, comment.body).toBeLessThan(400);
    const row = await t.database.db.selectFrom('comments').select(['id', 'status']).where('article_id', '=', pictured.id).executeTakeFirstOrThrow();
    if (row.status !== 'approved') expect((await moderate(t, row.id, 'approve')).statusCode).toBe(200);
    const sectionSlug = (await t.database.db.selectFrom('section_names').select('slug').where('section_id', '=', sectionId).where('language', '=', language).executeTakeFirstOrThrow()).slug;
    const tagSlug = (await t.database.db.selectFrom('tags').select('slug').where('language', '=', language).executeTakeFirstOrThrow()).slug;
    const q = encodeURIComponent(text.search);
    paths[language] = {
      home: `/${language}/`,
      // Page 2 of a listing: wherever page 1's "older" link (rel=next) points.
      'home-page-2': NEXT_OF + `/${language}/`,
      story: pictured.path,
      'story-without-picture': plain.path,
      'story-with-linked-picture': linked.path,
      section: `/${language}/section/${encodeURIComponent(sectionSlug)}`,
      'section-page-2': NEXT_OF + `/${language}/section/${encodeURIComponent(sectionSlug)}`,
      tag: `/${language}/tag/${encodeURIComponent(tagSlug)}`,
      author: `/${language}/author/test-editor`,
      search: `/${language}/search`,
      'search-results': `/${language}/search?q=${q}`,
      'search-results-all-languages': `/${language}/search?q=${q}&all=1`,
      'search-nothing': `/${language}/search?q=zzqxv`,
      'not-found': `/${language}/no-such-story`,
      privacy: `/${language}/privacy`,
      corrections: `/${language}/corrections`,
      'comment-reply': `/comments/${row.id}/reply`,
      'forget-comments': `/comments/forget?lang=${encodeURIComponent(language)}`,
    };
  }
  return paths;
}

describeEachEngineApp('Every kind of page in every shipped language, saved for the Nu Html Checker', (t) => {
  let paths: Record<string, Record<string, string>>;
  beforeAll(async () => {
    paths = await fillNewsroom(t());
  }, 120_000);

  it('answers every page and keeps it for the checker', async () => {
    const save = async (name: string, address: string, status: number) => {
      let url = address;
      if (url.startsWith(NEXT_OF)) {
        const first = parseHtml((await t().app.inject({ url: url.slice(NEXT_OF.length) })).body);
        url = first.attr(first.one('a', { rel: 'next' }), 'href')!;
      }
      const response = await t().app.inject({ url });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      const file = `${t().engine}--${name}.html`;
      writeFileSync(join(folder, file), response.body);
      saved.set(file, url);
    };
    await save('root', '/', 200);
    for (const language of LANGUAGES) {
      for (const [kind, url] of Object.entries(paths[language])) {
        await save(`${language}--${kind}`, url, kind === 'not-found' ? 404 : 200);
      }
    }
    expect([...saved.keys()].filter((file) => file.startsWith(`${t().engine}--`))).toHaveLength(1 + LANGUAGES.length * 18);
  }, 60_000);
});

describe('The Nu Html Checker over every saved page', () => {
  let messages: NuMessage[] = [];
  // A page with one known error, checked with the others: proof the checker reads and reports.
  const CONTROL = 'control--invalid.html';
  beforeAll(async () => {
    writeFileSync(join(folder, CONTROL), '<!doctype html><html lang="en"><head><title>Control</title></head><body><p><img src="a.png"></p></body></html>');
    const started = Date.now();
    messages = await checkHtmlFiles([CONTROL, ...saved.keys()].map((file) => join(folder, file)));
    console.info(`Nu Html Checker: ${saved.size} pages checked in one run, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 180_000);
  afterAll(() => process.env.HERALD_KEEP_PAGES || rmSync(folder, { recursive: true, force: true }));

  it('checked every page of both engines', () => {
    expect(saved.size).toBe(2 * (1 + LANGUAGES.length * 18));
    // The checker read the pages: nothing it could not open or parse.
    expect(messages.filter((m) => m.type === 'non-document-error').map(describeMessage)).toEqual([]);
    expect(messages.filter((m) => m.file === CONTROL).map((m) => `${m.type}: ${m.message}`)).toEqual([
      expect.stringMatching(/^error: An “img” element must have an “alt” attribute/),
    ]);
  });

  it('finds no error on any page', () => {
    const errors = messages.filter((m) => m.type === 'error' && m.file !== CONTROL);
    expect(errors.map((m) => `${describeMessage(m)} (${saved.get(m.file)})`)).toEqual([]);
  });

  it('finds no warning that points to a real problem (others are reported)', () => {
    const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    const grouped = new Map<string, string[]>();
    for (const m of warnings) grouped.set(m.message, [...(grouped.get(m.message) ?? []), m.file]);
    for (const [message, files] of grouped) console.info(`Nu Html Checker warning on ${files.length} page(s), e.g. ${files[0]}: ${message}`);
    expect(warnings.filter((m) => REAL_PROBLEMS.some((pattern) => pattern.test(m.message))).map(describeMessage)).toEqual([]);
  });
});
