import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { expect } from 'vitest';
import { TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { multipart } from '../newsroom/media-files.js';
import { parseHtml } from './html.js';

/** A picture drawn here in one colour (or three vertical bands), as JPEG or PNG. */
export async function picture(width: number, height: number, format: 'jpeg' | 'png' = 'jpeg', bands?: [string, string, string]): Promise<Buffer> {
  const base = sharp({ create: { width, height, channels: 3, background: bands ? bands[0] : '#2a6f97' } });
  const third = Math.floor(width / 3);
  const image = bands
    ? base.composite([
        { input: { create: { width: width - 2 * third, height, channels: 3, background: bands[1] } }, left: third, top: 0 },
        { input: { create: { width: third, height, channels: 3, background: bands[2] } }, left: width - third, top: 0 },
      ])
    : base;
  return format === 'jpeg' ? image.jpeg({ quality: 92 }).toBuffer() : image.png().toBuffer();
}

export async function uploadPicture(t: TestApp, data: Buffer, name = 'picture.jpg', type = 'image/jpeg') {
  const body = multipart(name, type, data);
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, ...(await t.auth('editor')) }, payload: body.payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; url: string; width: number; height: number };
}

export async function publish(t: TestApp, payload: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: await t.auth('editor'), payload: { status: 'published', body: '<p>Text.</p>', ...payload } });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { id: number; url: string; version: number };
  return { ...body, path: new URL(body.url).pathname };
}

/** Changes site settings as an administrator does (the write drops cached pages). */
export async function setSettings(t: TestApp, patch: Record<string, unknown>) {
  const response = await t.app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: await t.auth('administrator'), payload: patch });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A page of the site, parsed, with its NewsArticle (if any). */
export async function page(t: TestApp, path: string) {
  const response = await t.app.inject({ url: path });
  expect(response.statusCode, `${path}: ${response.body.slice(0, 300)}`).toBe(200);
  const html = parseHtml(response.body);
  const metas = (key: string) =>
    html.all('meta', key.startsWith('og:') ? { property: key } : { name: key }).map((m) => html.attr(m, 'content'));
  return { html, metas, newsArticle: html.jsonLd().find((d) => d['@type'] === 'NewsArticle') };
}

/** What the site serves at a URL of its own (absolute or not): status, type and real pixel size. */
export async function served(t: TestApp, url: string) {
  expect(url.startsWith(TEST_BASE_URL) || url.startsWith('/'), url).toBe(true);
  const response = await t.app.inject({ url: url.replace(TEST_BASE_URL, '') });
  if (response.statusCode !== 200) return { status: response.statusCode, type: '', width: 0, height: 0, format: '', bytes: Buffer.alloc(0), headers: response.headers };
  const meta = await sharp(response.rawPayload).metadata();
  return { status: 200, type: String(response.headers['content-type']), width: meta.width ?? 0, height: meta.height ?? 0, format: meta.format ?? '', bytes: response.rawPayload, headers: response.headers };
}

/** The colour of one pixel of a picture, as [r, g, b]. */
export async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at], data[at + 1], data[at + 2]];
}

/** A picture on a loopback server, as another site would host it. */
export class PictureHost {
  files = new Map<string, { type: string; data: Buffer }>();
  server: Server = createServer((request, response) => {
    const file = this.files.get(request.url ?? '');
    if (!file) return void response.writeHead(404).end('no');
    response.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length }).end(file.data);
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  async stop() {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A page's hreflang links as language → address, and its canonical address and robots directive. */
export async function headOf(t: TestApp, url: string) {
  const response = await t.app.inject({ url: url.replace(TEST_BASE_URL, '') });
  const html = parseHtml(response.body);
  const links = html.all('link', { rel: 'alternate', hreflang: /./ }).map((l) => [html.attr(l, 'hreflang')!, html.attr(l, 'href')!] as const);
  const canonical = html.all('link', { rel: 'canonical' }).map((l) => html.attr(l, 'href'));
  const robots = html.all('meta', { name: 'robots' }).map((m) => html.attr(m, 'content'));
  return { status: response.statusCode, hreflang: new Map(links), duplicates: links.length - new Set(links.map(([l]) => l)).size, canonical, robots, html };
}

/**
 * Google's hreflang rules for a page's cluster: it names the page itself, with x-default; every
 * page it names answers 200, is indexable, has itself as canonical and names the same cluster.
 */
export async function expectReciprocalCluster(t: TestApp, path: string): Promise<Map<string, string>> {
  const head = await headOf(t, path);
  expect(head.status, path).toBe(200);
  expect(head.duplicates, path).toBe(0);
  const self = head.canonical[0]!;
  expect([...head.hreflang.values()], `${path} names itself`).toContain(self);
  expect(head.hreflang.has('x-default'), `${path} has x-default`).toBe(true);
  for (const [language, href] of head.hreflang) {
    if (language === 'x-default') continue;
    const other = await headOf(t, href);
    expect(other.status, href).toBe(200);
    expect(other.robots, href).not.toContain('noindex');
    expect(other.canonical, href).toEqual([href]);
    expect(Object.fromEntries(other.hreflang), `${href} names the same cluster as ${path}`).toEqual(Object.fromEntries(head.hreflang));
  }
  return head.hreflang;
}
