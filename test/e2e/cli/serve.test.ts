import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveProcess, type HeraldProcess } from '../../support/herald-process.js';

/** Starts `herald serve` like `npm start` does, on a free port, and resolves with its URL. */
function serve(dataDir: string): Promise<HeraldProcess> {
  return serveProcess({ HERALD_DATA_DIR: dataDir, DATABASE_URL: '' });
}

describe('herald serve on an empty data folder', { timeout: 60_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-serve-'));
  let server: HeraldProcess;
  beforeAll(async () => {
    server = await serve(dataDir);
  });
  afterAll(() => {
    server?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the schema, loads the demo and serves it in four languages', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // `/` is the default language's home itself, whatever the reader's languages.
    const root = await fetch(`${server.url}/`, { redirect: 'manual', headers: { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.8' } });
    expect(root.status).toBe(200);
    expect(await root.text()).toMatch(/<html lang="en"[^>]*>[\s\S]*<link rel="canonical" href="[^"]*\/en\/"/);
    const home = await (await fetch(`${server.url}/fr/`)).text();
    expect(home).toContain('Le marché de nuit rouvre ses portes');
    const arabic = await (await fetch(`${server.url}/ar/`)).text();
    expect(arabic).toContain('dir="rtl"');
    expect(arabic).toContain('موسم قياسي لحصاد التمور');
    const chineseHome = await (await fetch(`${server.url}/zh-Hant/`)).text();
    const storyPath = chineseHome.match(/href="(\/zh-Hant\/[^"]+)"/)![1];
    expect(decodeURIComponent(storyPath)).toMatch(/[\u4e00-\u9fff]/);
    const story = await fetch(`${server.url}${storyPath}`);
    expect(story.status).toBe(200);
    const image = (await story.text()).match(/<img src="(\/media\/[^"]+)"/)![1];
    const picture = await fetch(`${server.url}${image}`);
    expect(picture.headers.get('content-type')).toBe('image/jpeg');
    expect((await picture.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('prints the set-up link on a line of its own, beside the JSON log record, and the link opens the set-up', async () => {
    const line = /^Set-up link: (http:\/\/\S+\/admin\/link\/\S+)$/m;
    await expect.poll(() => server.stdout(), { timeout: 30_000 }).toMatch(line);
    const link = server.stdout().match(line)![1];
    const record = server.stdout().split('\n').find((l) => l.startsWith('{') && l.includes('nobody can sign in yet'));
    expect(JSON.parse(record!).msg).toContain(link);
    const token = link.split('/admin/link/')[1];
    const opened = await fetch(`${server.url}/api/admin/v1/links/${token}`);
    expect(opened.status).toBe(200);
    expect((await opened.json()).purpose).toBe('setup');
  });
});

describe('herald serve with two workers on an empty data folder', { timeout: 120_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-serve-workers-'));
  let server: HeraldProcess;
  afterAll(() => {
    server?.child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one set-up link, not one per worker, and makes only that one', async () => {
    server = await serveProcess({ HERALD_DATA_DIR: dataDir, DATABASE_URL: '', HERALD_WORKERS: '2' });
    // Both workers listening: each logs its build once it does.
    await expect.poll(() => server.stdout().match(/"msg":"running /g)?.length ?? 0, { timeout: 60_000 }).toBe(2);
    await expect.poll(() => server.stdout(), { timeout: 30_000 }).toMatch(/^Set-up link: /m);
    // That nothing more comes needs a moment to show: a worker prints its link a few milliseconds after "running".
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const links = server.stdout().match(/^Set-up link: \S+$/gm) ?? [];
    expect(links).toHaveLength(1);
  });
});
