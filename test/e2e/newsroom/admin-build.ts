import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_DIST } from '../../../src/admin/admin.site.js';

const SOURCES = fileURLToPath(new URL('../../../src/admin', import.meta.url));
const LOCK = `${ADMIN_DIST}.building`;
const STALE_LOCK_MS = 120_000;

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = join(ADMIN_DIST, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= newestSource(SOURCES);
}

/**
 * `npm install` builds the admin app (the `prepare` script). A work tree where the admin's
 * sources changed since, or where nobody built it, gets it (re)built here, once: test files
 * running in parallel wait for the one that holds the lock.
 */
export async function ensureAdminBuilt(): Promise<void> {
  mkdirSync(dirname(LOCK), { recursive: true });
  while (!isFresh()) {
    try {
      mkdirSync(LOCK);
    } catch {
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      continue;
    }
    try {
      if (!isFresh()) {
        const { build } = await import('vite');
        await build({ configFile: join(SOURCES, 'vite.config.ts'), logLevel: 'error' });
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
