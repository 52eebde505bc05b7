import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { importWordpress } from '../../src/portability/wordpress/wordpress.import.js';
import { describeEachEngine } from '../support/engines.js';
import { MALFORMED_WXR, wxr } from '../e2e/portability/wxr-fixtures.js';

const BASE = 'http://herald.test';

/**
 * The theme unit test data as an older WordPress exported it: the first three attachment URLs
 * carry a query string with a bare `&` (WordPress wrote `<wp:attachment_url>` unescaped).
 */
function withBareAmpersands(): { file: string; lines: number[]; urls: string[] } {
  const text = readFileSync(wxr('theme-unit-test-data.xml'), 'utf8');
  const lines: number[] = [];
  const urls: string[] = [];
  let n = 0;
  const broken = text.replace(/<wp:attachment_url>(\s*)([^<\s]+)(\s*)<\/wp:attachment_url>/g, (all, before: string, url: string, after: string, offset: number) => {
    if (n++ >= 3) return all;
    lines.push(text.slice(0, offset + '<wp:attachment_url>'.length + before.length).split('\n').length);
    urls.push(`${url}?w=300&h=200`);
    return `<wp:attachment_url>${before}${url}?w=300&h=200${after}</wp:attachment_url>`;
  });
  const file = join(mkdtempSync(join(tmpdir(), 'herald-wxr-')), 'theme-unit-test-data-unescaped.xml');
  writeFileSync(file, broken);
  return { file, lines, urls };
}

describeEachEngine('a WordPress export with a bare "&" in <wp:attachment_url>', (database) => {
  const defect = withBareAmpersands();

  it('is imported whole, the repaired lines named in the report', async () => {
    const { db } = database();
    const report = await importWordpress(database(), defect.file, { baseUrl: BASE });
    expect(report.counts.articles).toBeGreaterThan(20);
    const note = report.notes.find((n) => n.startsWith('repaired 3 bare "&"'));
    expect(note).toBeDefined();
    expect(note).toContain(defect.lines.map((line) => `line ${line} <wp:attachment_url>`).join(', '));
    const stored = await db.selectFrom('imported_attachments').select('url').where('url', 'in', defect.urls).execute();
    expect(stored.map((r) => r.url).sort()).toEqual([...defect.urls].sort());
  });

  it('still refuses a file broken otherwise, and every malformed fixture', async () => {
    const truncated = `${readFileSync(defect.file, 'utf8').slice(0, 200_000)}\n`;
    const file = join(mkdtempSync(join(tmpdir(), 'herald-wxr-')), 'truncated.xml');
    writeFileSync(file, truncated);
    await expect(importWordpress(database(), file, { baseUrl: BASE })).rejects.toThrow(/truncated\.xml is refused, nothing was imported — line \d+: not well-formed XML/);
    for (const name of [...MALFORMED_WXR, 'missing-version-tag.xml', 'invalid-version-tag.xml']) {
      const error = await importWordpress(database(), wxr(name), { baseUrl: BASE }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/is refused, nothing was imported — line \d+/);
    }
  });
});
