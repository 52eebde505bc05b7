#!/usr/bin/env -S node --max-semi-space-size=8
// (The flag, also in `npm start`, halves V8's young generation: 16 MB less memory for a server
// whose requests leave little alive, at no measured cost in throughput.)
// Runs the precompiled server (dist/server/herald.js, built by `npm install`) when it is newer
// than every source file, and the TypeScript sources through tsx otherwise, so that
// `npm install` alone is enough and an edited source file is always what runs.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/server/herald.js');

/** True when the bundle was built after every source file it contains (see bin/build-server.js). */
function bundleIsCurrent() {
  if (process.env.HERALD_FROM_SOURCE === '1') return false;
  try {
    const built = statSync(bundle).mtimeMs;
    const inputs = JSON.parse(readFileSync(join(root, 'dist/server/inputs.json'), 'utf8'));
    return inputs.every((path) => statSync(join(root, path)).mtimeMs < built);
  } catch {
    return false;
  }
}

if (bundleIsCurrent()) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
