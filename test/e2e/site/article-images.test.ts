import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { page, picture, pixel, publish, served, uploadPicture } from './structured-data.js';

// Google's Article structured data: headline at most 110 characters; several high-resolution
// images (16:9, 4:3 and 1:1, at least 1200 px wide where the picture allows, their real sizes).
const RATIOS = [16 / 9, 4 / 3, 1];
const ratioOf = (image: { width: number; height: number }) => image.width / image.height;
const near = (a: number, b: number) => Math.abs(a - b) / b < 0.01;

interface ImageObject {
  '@type': string;
  url: string;
  width: number;
  height: number;
}

describeEachEngineApp('NewsArticle images and headline', (t) => {
  it('offers 16:9, 4:3 and 1:1 crops of the featured image, at least 1200 px wide, at the sizes of the files served', async () => {
    const media = await uploadPicture(t(), await picture(3000, 2000), 'harbour.jpg');
    const story = await publish(t(), { language: 'en', title: 'Harbour reopens after the storm', featuredImage: { mediaId: media.id, alt: 'Boats back in the harbour' } });
    const { newsArticle } = await page(t(), story.path);
    expect(newsArticle).toBeDefined();
    const images = newsArticle!.image as ImageObject[];
    expect(Array.isArray(images)).toBe(true);
    expect(images).toHaveLength(3);
    for (const [i, ratio] of RATIOS.entries()) {
      const image = images[i];
      expect(image['@type']).toBe('ImageObject');
      expect(image.url.startsWith(`${TEST_BASE_URL}/media/`), image.url).toBe(true);
      expect(near(ratioOf(image), ratio), `${image.width}×${image.height} is not ${ratio}`).toBe(true);
      expect(image.width).toBeGreaterThanOrEqual(1200);
      const file = await served(t(), image.url);
      expect(file.status, image.url).toBe(200);
      expect(file.type).toMatch(/^image\/(jpeg|png|webp)/);
      expect([file.width, file.height]).toEqual([image.width, image.height]);
    }
    // The other required and recommended properties.
    expect(Date.parse(newsArticle!.datePublished)).not.toBeNaN();
    expect(newsArticle!.author?.length || newsArticle!.publisher).toBeTruthy();
  });

  it('never enlarges: the crops of a small picture are as wide as the picture allows', async () => {
    const media = await uploadPicture(t(), await picture(1100, 620, 'png'), 'small.png', 'image/png');
    const story = await publish(t(), { language: 'en', title: 'A small picture', featuredImage: { mediaId: media.id, alt: 'Small' } });
    const images = (await page(t(), story.path)).newsArticle!.image as ImageObject[];
    expect(images).toHaveLength(3);
    for (const [i, ratio] of RATIOS.entries()) {
      expect(near(ratioOf(images[i]), ratio)).toBe(true);
      expect(images[i].width).toBeLessThanOrEqual(1100);
      expect(images[i].height).toBeLessThanOrEqual(620);
      const file = await served(t(), images[i].url);
      expect([file.width, file.height]).toEqual([images[i].width, images[i].height]);
    }
    // 16:9 of 1100×620 keeps (nearly) the whole width; 1:1 the whole height.
    expect(images[0].width).toBeGreaterThan(1050);
    expect(images[2].height).toBeGreaterThan(600);
  });

  it('crops around the centre while the picture has no focal point', async () => {
    // Red, green and blue thirds: a centred square of a 3:1 picture is all green.
    const media = await uploadPicture(t(), await picture(3000, 1000, 'png', ['#ff0000', '#00ff00', '#0000ff']), 'bands.png', 'image/png');
    const story = await publish(t(), { language: 'en', title: 'Three bands', featuredImage: { mediaId: media.id, alt: 'Bands' } });
    const images = (await page(t(), story.path)).newsArticle!.image as ImageObject[];
    const square = await served(t(), images[2].url);
    for (const [x, y] of [[5, 5], [square.width - 6, square.height - 6], [square.width >> 1, square.height >> 1]]) {
      const [r, g, b] = await pixel(square.bytes, x, y);
      expect(g, `pixel ${x},${y}`).toBeGreaterThan(200);
      expect(r + b, `pixel ${x},${y}`).toBeLessThan(60);
    }
  });

  it('crops around the focal point set through the Admin API: the story page, already served, offers the new crops, and its card shows the point', async () => {
    const media = await uploadPicture(t(), await picture(3000, 1000, 'png', ['#ff0000', '#00ff00', '#0000ff']), 'bands-focal.png', 'image/png');
    const story = await publish(t(), { language: 'en', title: 'Red on the left', featuredImage: { mediaId: media.id, alt: 'Bands' } });
    // A later story leads the home page: this one is a card there.
    await publish(t(), { language: 'en', title: 'A later story' });
    const cardPicture = async () => {
      const home = (await t().app.inject({ url: '/en/' })).body;
      const card = [...home.matchAll(/<li class="card"[^>]*>([\s\S]*?)<\/li>/g)].find((m) => m[1].includes('Red on the left'))!;
      return /<img[^>]*>/.exec(card[1])![0];
    };
    expect(await cardPicture()).not.toMatch(/class=/);
    const before = await page(t(), story.path);
    const response = await t().app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/media/${media.id}`,
      headers: await t().auth('editor'),
      payload: { focalPoint: { x: 0.1, y: 0.5 } },
    });
    expect(response.statusCode, response.body).toBe(200);

    const after = await page(t(), story.path);
    const [ogImage] = after.metas('og:image');
    expect(ogImage).not.toBe(before.metas('og:image')[0]);
    expect(after.metas('twitter:image')).toEqual([ogImage]);
    const images = after.newsArticle!.image as ImageObject[];
    expect(images[0].url).toBe(ogImage);
    // The square of a 3:1 picture cut around a point in the red third is red.
    const square = await served(t(), images[2].url);
    const [r, g, b] = await pixel(square.bytes, square.width >> 1, square.height >> 1);
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(60);

    expect(await cardPicture()).toMatch(/ class="fx-10 fy-50"/);
  });

  it('makes the crops of a picture uploaded before crops existed the first time a story shows it', async () => {
    const media = await uploadPicture(t(), await picture(2000, 1500), 'older.jpg');
    await t().database.db.deleteFrom('media_crops').where('media_id', '=', media.id).execute();
    const story = await publish(t(), { language: 'en', title: 'An older picture', featuredImage: { mediaId: media.id, alt: 'Old' } });
    const images = (await page(t(), story.path)).newsArticle!.image as ImageObject[];
    expect(images).toHaveLength(3);
    for (const image of images) expect((await served(t(), image.url)).status).toBe(200);
    const rows = await t().database.db.selectFrom('media_crops').select('ratio').where('media_id', '=', media.id).execute();
    expect(rows.map((r) => r.ratio).sort()).toEqual(['16x9', '1x1', '4x3']);
  });

  it('keeps the headline within 110 characters and the whole title in name', async () => {
    const title = `${'The council votes on the harbour budget, the school buildings and the new tram line '.repeat(2)}tonight`;
    expect(title.length).toBeGreaterThan(110);
    const story = await publish(t(), { language: 'en', title });
    const { newsArticle, html } = await page(t(), story.path);
    expect([...newsArticle!.headline].length).toBeLessThanOrEqual(110);
    expect(newsArticle!.headline.endsWith('…')).toBe(true);
    expect(title.startsWith(newsArticle!.headline.slice(0, -1).trimEnd())).toBe(true);
    expect(newsArticle!.name).toBe(title);
    expect(html.text(html.one('h1'))).toBe(title);
    const short = await publish(t(), { language: 'en', title: 'Short title' });
    const shortArticle = (await page(t(), short.path)).newsArticle!;
    expect(shortArticle.headline).toBe('Short title');
    expect(shortArticle.name).toBe('Short title');
  });
});
