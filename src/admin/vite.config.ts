import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The admin app: `npm run build:admin` (also run by `npm install` through `prepare`) writes it
 * to dist/admin, which the server serves at /admin. `npm run dev:admin` serves it with hot
 * reload and forwards the API to a server on port 3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  publicDir: false,
  logLevel: 'warn',
  clearScreen: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000' } },
});
