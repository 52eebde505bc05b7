import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { multipart } from '../newsroom/media-files.js';
import { parseHtml } from './html.js';
import { sectionNamed } from '../../support/sections.js';

type Page = ReturnType<typeof parseHtml>;
type Element = ReturnType<Page['one']>;

const HOUR = 3_600_000;

/** A noisy picture (photographs do not compress to nothing), as PNG. */
async function picture(width: number, height: number): Promise<Buffer> {
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

async function upload(t: TestApp, name: string, width: number, height: number) {
  const body = multipart(name, 'image/png', await picture(width, height));
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, ...(await t.auth('editor')) }, payload: body.payload });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: number; url: string; width: number; height: number; variants: Array<{ format: string; width: number; url: string }> };
}

/** Every candidate of a srcset: URL and descriptor. */
function candidates(srcset: string) {
  return srcset.split(/,\s+/).map((c) => {
    const [url, descriptor] = c.trim().split(/\s+/);
    return { url, descriptor };
  });
}

/** The `<picture>` around an `<img>` (or the lone `<img>`), with what a browser reads from it. */
function pictureOf(page: Page, img: Element) {
  const parent = img.parent;
  const inPicture = parent !== null && 'name' in parent && parent.name === 'picture';
  const sources = inPicture ? page.all('source').filter((s) => s.parent === parent) : [];
  return {
    inPicture,
    sources: sources.map((s) => ({ type: page.attr(s, 'type'), srcset: page.attr(s, 'srcset') ?? '', sizes: page.attr(s, 'sizes') })),
    width: page.attr(img, 'width'),
    height: page.attr(img, 'height'),
    srcset: page.attr(img, 'srcset'),
    sizes: page.attr(img, 'sizes'),
  };
}

/** No srcset anywhere on the page lacks widths when it has sizes; every width is one the library made. */
function expectHonestSrcsets(page: Page, label: string) {
  for (const el of [...page.all('img'), ...page.all('source')]) {
    const srcset = page.attr(el, 'srcset');
    if (!srcset) continue;
    for (const candidate of candidates(srcset)) expect(candidate.descriptor, `${label}: ${srcset}`).toMatch(/^\d+w$/);
    expect(page.attr(el, 'sizes'), label).toBeTruthy();
  }
}

describeEachEngineApp('Pictures: library variants in modern formats at their real size, on every page kind', (t) => {
  let landscape: Awaited<ReturnType<typeof upload>>;
  let portrait: Awaited<ReturnType<typeof upload>>;
  const paths: Record<string, string> = {};
  const get = (url: string) => t().app.inject({ url });

  beforeAll(async () => {
    landscape = await upload(t(), 'harbour.png', 1200, 800);
    portrait = await upload(t(), 'lighthouse.png', 600, 900);
    const headers = await t().auth('editor');
    const create = async (key: string, payload: Record<string, unknown>) => {
      const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', status: 'published', section: await sectionNamed(t().database, 'Coast'), tags: ['Harbour'], ...payload } });
      expect(response.statusCode, response.body).toBe(201);
      paths[key] = new URL(response.json().url).pathname;
    };
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();
    await create('external', {
      title: 'Pictured from elsewhere', body: '<p>A linked picture.</p>', publishedAt: at(4),
      featuredImage: { url: 'https://images.example.org/boats.jpg', alt: 'Boats at sea' },
    });
    await create('portrait', { title: 'The lighthouse keeper', body: '<p>Tall.</p>', publishedAt: at(3), featuredImage: { mediaId: portrait.id, alt: 'A lighthouse' } });
    await create('lead', {
      title: 'Harbour reopens after the storm', publishedAt: at(1),
      featuredImage: { mediaId: landscape.id, alt: 'The harbour at dawn', caption: 'Dawn', credit: 'Port authority' },
      body: [
        '<p>The first boats came back.</p>',
        `<figure><img src="${portrait.url}" alt="The lighthouse from the pier"><figcaption>The pier <small class="credit">Ana Costa</small></figcaption></figure>`,
        `<p><img src="${TEST_BASE_URL}${landscape.url}" alt="The harbour again"></p>`,
        '<figure><img src="https://images.example.org/gulls.jpg" alt="Gulls"></figure>',
      ].join(''),
    });
  });

  it('shows the home page lead as AVIF and WebP variants with sizes, at the picture’s own size, loaded first', async () => {
    const page = parseHtml((await get('/en/')).body);
    const lead = page.one('section', { class: 'lead' });
    const img = page.all('img').find((i) => page.position(i) > page.position(lead) && page.attr(i, 'alt') === 'The harbour at dawn')!;
    expect(img).toBeDefined();
    const shown = pictureOf(page, img);
    expect(shown.inPicture).toBe(true);
    expect([shown.width, shown.height]).toEqual(['1200', '800']);
    expect(shown.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    for (const source of shown.sources) {
      expect(candidates(source.srcset).map((c) => c.descriptor)).toEqual(['480w', '960w', '1200w']);
      expect(source.sizes).toMatch(/vw/);
    }
    expect(candidates(shown.sources[1].srcset).map((c) => c.url)).toEqual(landscape.variants.filter((v) => v.format === 'webp').map((v) => v.url));
    expect(page.attr(img, 'fetchpriority')).toBe('high');
    expect(page.attr(img, 'loading')).toBeUndefined();
    expectHonestSrcsets(page, '/en/');
  });

  it('shows the story cards of the home, section, tag and author pages from the variants at their real size', async () => {
    for (const path of ['/en/', '/en/section/coast', '/en/tag/harbour', '/en/author/test-editor']) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(200);
      const page = parseHtml(response.body);
      const cards = page.all('li', { class: 'card' });
      const tall = cards.find((c) => page.text(c).includes('The lighthouse keeper'));
      expect(tall, path).toBeDefined();
      const img = page.all('img').find((i) => page.position(i) > page.position(tall!) && page.position(i) < page.position(tall!) + 2000)!;
      const shown = pictureOf(page, img);
      expect(shown.inPicture, path).toBe(true);
      expect([shown.width, shown.height], path).toEqual(['600', '900']);
      expect(shown.sources.map((s) => s.type), path).toEqual(['image/avif', 'image/webp']);
      expect(candidates(shown.sources[0].srcset).map((c) => c.descriptor), path).toEqual(['480w', '600w']);
      expect(page.attr(img, 'loading'), path).toBe('lazy');
      // A picture from another site: no size the site does not know, no srcset.
      const elsewhere = cards.find((c) => page.text(c).includes('Pictured from elsewhere'))!;
      const external = page.all('img', { src: 'https://images.example.org/boats.jpg' }).find((i) => page.position(i) > page.position(elsewhere))!;
      expect(external, path).toBeDefined();
      expect(pictureOf(page, external), path).toMatchObject({ inPicture: false, width: undefined, height: undefined, srcset: undefined, sizes: undefined });
      expectHonestSrcsets(page, path);
    }
  });

  it('shows the story’s featured picture and the library pictures in its text from the variants at their real size', async () => {
    const page = parseHtml((await get(paths.lead)).body);
    const featured = pictureOf(page, page.one('img', { alt: 'The harbour at dawn' }));
    expect(featured).toMatchObject({ inPicture: true, width: '1200', height: '800' });
    expect(featured.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(page.attr(page.one('img', { alt: 'The harbour at dawn' }), 'fetchpriority')).toBe('high');

    const inText = pictureOf(page, page.one('img', { alt: 'The lighthouse from the pier' }));
    expect(inText).toMatchObject({ inPicture: true, width: '600', height: '900' });
    expect(inText.sources.map((s) => s.type)).toEqual(['image/avif', 'image/webp']);
    expect(candidates(inText.sources[1].srcset).map((c) => c.url)).toEqual(portrait.variants.filter((v) => v.format === 'webp').map((v) => v.url));
    expect(page.attr(page.one('img', { alt: 'The lighthouse from the pier' }), 'loading')).toBe('lazy');
    // Given as an absolute address of this site, still the library's picture.
    const absolute = pictureOf(page, page.one('img', { alt: 'The harbour again' }));
    expect(absolute).toMatchObject({ inPicture: true, width: '1200', height: '800' });
    // The caption and credit stay with their picture, a credit in the text read as the featured picture's.
    expect(page.all('figcaption').map(page.text)).toEqual(['Dawn Photo: Port authority', 'The pier Photo: Ana Costa']);
    expect(page.all('small', { class: 'credit' }).map(page.text)).toEqual(['Photo: Port authority', 'Photo: Ana Costa']);

    const gulls = pictureOf(page, page.one('img', { alt: 'Gulls' }));
    expect(gulls).toMatchObject({ inPicture: false, width: undefined, height: undefined, srcset: undefined, sizes: undefined });
    expectHonestSrcsets(page, paths.lead);
  });

  it('shows a portrait featured picture at its own size and a linked one without a guessed size', async () => {
    const tall = parseHtml((await get(paths.portrait)).body);
    expect(pictureOf(tall, tall.one('img', { alt: 'A lighthouse' }))).toMatchObject({ inPicture: true, width: '600', height: '900' });
    expectHonestSrcsets(tall, paths.portrait);
    const linked = parseHtml((await get(paths.external)).body);
    const img = linked.one('img', { alt: 'Boats at sea' });
    expect(linked.attr(img, 'src')).toBe('https://images.example.org/boats.jpg');
    expect(pictureOf(linked, img)).toMatchObject({ inPicture: false, width: undefined, height: undefined, srcset: undefined, sizes: undefined });
    expectHonestSrcsets(linked, paths.external);
  });

  it('serves every variant the pages point to', async () => {
    const page = parseHtml((await get(paths.lead)).body);
    const urls = new Set(page.all('source').flatMap((s) => candidates(page.attr(s, 'srcset')!).map((c) => c.url)));
    expect(urls.size).toBeGreaterThanOrEqual(8);
    for (const url of urls) expect((await get(url)).statusCode, url).toBe(200);
  });

  it('shows every picture of a text stored without alt with alt="", and none with a sizes its srcset cannot use', async () => {
    const headers = await t().auth('editor');
    const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', status: 'published', title: 'Older text', body: '<p>Old.</p>' } });
    const { id, url } = created.json();
    // Saved before bodies were given alt texts, or written by an import straight to the database.
    const stored = `<p><img src="https://images.example.org/old.jpg"></p><p><img src="https://images.example.org/x.jpg" srcset="https://images.example.org/x2.jpg 2x" sizes="100vw"></p><picture><source srcset="${landscape.variants[0].url} 480w" type="image/webp"><img src="${landscape.url}"></picture>`;
    await t().database.db.updateTable('articles').set({ body: stored }).where('id', '=', id).execute();
    const page = parseHtml((await get(new URL(url).pathname)).body);
    const body = page.one('div', { class: 'body' });
    const images = page.within(body, 'img');
    expect(images.map((img) => page.attr(img, 'src'))).toEqual(['https://images.example.org/old.jpg', 'https://images.example.org/x.jpg', landscape.url]);
    for (const img of images) expect(page.attr(img, 'alt')).toBe('');
    expect(page.attr(images[1], 'srcset')).toBe('https://images.example.org/x2.jpg 2x');
    expect(page.attr(images[1], 'sizes')).toBeUndefined();
  });
});
