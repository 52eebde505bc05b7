#!/usr/bin/env node
// Compiles the server into one ES module, dist/server/herald.js, which `npm start` and
// `npx herald` run (bin/herald.js), so starting does not compile TypeScript (seconds on a small
// machine). Part of `npm run build`, which `npm install` runs. dist/server/build.json says which
// version and commit it was built from: bin/herald.js refuses a build of another version, and
// the server logs both at start.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = `${root}dist/server/herald.js`;
const outDir = dirname(BUNDLE);

// Sources find their files next to themselves (assets, the spam model, dist/admin): in the
// bundle, `import.meta.url` keeps naming the source file, relative to the bundle's own place.
const sourceUrls = {
  name: 'source-urls',
  setup(builder) {
    builder.onLoad({ filter: /\/src\/.*\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const fromBundle = JSON.stringify(relative(outDir, args.path).split('\\').join('/'));
      const url = `new URL(${fromBundle}, import.meta.url).href`;
      const contents = text
        .replaceAll('import.meta.url', url)
        .replaceAll('import.meta.dirname', `(await import('node:path')).dirname((await import('node:url')).fileURLToPath(${url}))`);
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

// The libraries are bundled too: resolving, reading and wrapping some 300 package files at
// every start cost half a second and 24 MB of memory (measured: first answer 1.6 s → 1.1 s,
// RSS 160 → 136 MB). Left outside: native addons, and packages that load files or start
// worker threads by path at run time, and mjml (6 MB of e-mail rendering, loaded with the first
// newsletter mail: bundled, every start would pay for it).
const EXTERNAL = ['mjml', 'better-sqlite3', 'sharp', '@node-rs/argon2', 'pg', 'pg-native', 'ioredis', 'pino', 'thread-stream', 'pino-pretty', 'esbuild', 'tsx', 'vite'];

const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
let commit = null;
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
} catch {
  // Not a git checkout (an npm tarball): the version alone names the build.
}
const buildInfo = { version, commit, builtAt: new Date().toISOString() };

await build({
  entryPoints: [`${root}src/cli/main.ts`],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // Bundled CommonJS code calls require() for Node's modules and the external packages.
  banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [sourceUrls],
  tsconfig: `${root}tsconfig.json`,
  absWorkingDir: root,
  // What src/build-info.ts reports; sources run by `npm run dev` have no such constant.
  define: { __HERALD_BUILD__: JSON.stringify(buildInfo) },
});
// esbuild escapes non-ASCII characters in strings but leaves comments and regular expression
// literals as written; one "§" makes V8 hold the whole 6 MB source at two bytes a character
// (+6 MB). \uXXXX means the same character in both places.
const text = readFileSync(BUNDLE, 'utf8');
writeFileSync(BUNDLE, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

// The mark bin/herald.js checks; the old launcher's list of inputs is not needed any more.
rmSync(`${outDir}/inputs.json`, { force: true });
writeFileSync(`${outDir}/build.json`, `${JSON.stringify(buildInfo)}\n`);
