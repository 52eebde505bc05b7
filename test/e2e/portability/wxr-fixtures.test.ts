import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WXR_DIR, wxrFixturesAt } from './wxr-fixtures.js';

const FIXTURES_MODULE = new URL('./wxr-fixtures.ts', import.meta.url).pathname;

/** Loads the fixtures module in a fresh Node process, as a test file does, with `env`. */
function loadModule(env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  const script = `await import(${JSON.stringify(FIXTURES_MODULE)});`;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, ...env } }, (error, _out, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}

describe('the WordPress fixtures the WXR tests read', () => {
  it('are found beside the project', () => {
    expect(wxrFixturesAt(WXR_DIR)).toBe(WXR_DIR);
  });

  it('fail every test file that reads them when the folder is missing, naming where they belong', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'herald-no-wxr-'));
    try {
      expect(() => wxrFixturesAt(empty)).toThrow(/WordPress fixtures not found: .*theme-unit-test-data\.xml does not exist.*shared\/fixtures\/wordpress-wxr/);
      const loaded = await loadModule({ HERALD_WXR_FIXTURES: empty });
      expect(loaded.code).not.toBe(0);
      expect(loaded.stderr).toMatch(/WordPress fixtures not found/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
