import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from '../../support/app.js';

const HERE = new URL('.', import.meta.url).pathname;
export const XSD_DIR = new URL('../../fixtures/xsd/', import.meta.url).pathname;

/** Runs a tool on `text` saved to a temporary file. */
function onFile<T>(text: string, name: string, run: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'herald-reach-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, text);
    return run(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ParsedFeed {
  bozo: boolean;
  bozo_exception: string;
  version: string;
  title: string;
  link: string;
  language: string | null;
  entries: Array<{
    id: string;
    title: string;
    link: string;
    published: string | null;
    updated: string | null;
    tags: string[];
    author: string | null;
    enclosures: string[];
    content: string | null;
  }>;
}

/** What Debian's python3-feedparser (the system Python, not a virtualenv's) reads from a feed. */
export function feedparser(text: string): ParsedFeed {
  return onFile(text, 'feed', (path) =>
    JSON.parse(execFileSync('/usr/bin/python3', [join(HERE, 'parse_feed.py'), path], { encoding: 'utf8' })) as ParsedFeed,
  );
}

/** Validates XML against an XSD in test/fixtures/xsd with xmllint; returns its verdict. */
export function xmllint(xml: string, schema: string): { valid: boolean; output: string } {
  return onFile(xml, 'doc.xml', (path) => {
    try {
      const output = execFileSync('xmllint', ['--noout', '--schema', join(XSD_DIR, schema), path], { encoding: 'utf8', stdio: 'pipe' });
      return { valid: true, output };
    } catch (error) {
      const e = error as { stderr?: string };
      return { valid: false, output: e.stderr ?? String(error) };
    }
  });
}

export async function createStory(t: TestApp, body: Record<string, unknown>, role: 'editor' | 'administrator' = 'editor') {
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: await t.auth(role), payload: { status: 'published', ...body } });
  if (response.statusCode !== 201) throw new Error(`creating a story failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: number; url: string; path: string; version: number; storyId: number; slug: string; createdAt: string };
}
