import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADMIN_DIST } from '../../../src/admin/admin.site.js';

/**
 * `npm install` builds the admin app (the `prepare` script); a work tree where nobody ran it
 * yet gets it built here once, with the same vite config.
 */
export async function ensureAdminBuilt(): Promise<void> {
  if (existsSync(`${ADMIN_DIST}/index.html`)) return;
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../../../src/admin/vite.config.ts', import.meta.url)), logLevel: 'error' });
}
