#!/usr/bin/env node
// Precompiles the server into one ES module, dist/server/herald.js, so that starting it does
// not compile the TypeScript sources through tsx (seconds on a small machine). Run by
// `npm install` (prepare). bin/herald.js uses it only while it is newer than every source
// file it was built from, and runs the sources through tsx otherwise: editing a file never
// needs a rebuild.
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
// worker threads by path at run time.
const EXTERNAL = ['better-sqlite3', 'sharp', '@node-rs/argon2', 'pg', 'pg-native', 'ioredis', 'pino', 'thread-stream', 'pino-pretty', 'esbuild', 'tsx', 'vite'];

const result = await build({
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
  metafile: true,
  absWorkingDir: root,
});
// esbuild escapes non-ASCII characters in strings but leaves comments and regular expression
// literals as written; one "§" makes V8 hold the whole 6 MB source at two bytes a character
// (+6 MB). \uXXXX means the same character in both places.
const text = readFileSync(BUNDLE, 'utf8');
writeFileSync(BUNDLE, text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

// The sources it was built from: bin/herald.js runs the bundle only while none is newer. The
// lock file stands for the bundled libraries: a dependency changed since is run from source.
const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules'));
if (existsSync(`${root}package-lock.json`)) inputs.push('package-lock.json');
writeFileSync(`${outDir}/inputs.json`, JSON.stringify(inputs));
