import { defineConfig } from 'vitest/config';

// One project per kind of test, so a newcomer can run a part: `npm run test:unit`,
// `test:storage`, `test:e2e`, `test:browser` (see the README). `npm test` runs them all.
const PROJECTS = {
  unit: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  storage: ['test/db/**/*.test.ts'],
  e2e: ['test/e2e/**/*.test.ts'],
  browser: ['test/browser/**/*.test.ts'],
};

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only fight over them.
    maxWorkers: 2,
    // A page under a loaded CI machine can take more than the default second to show a change.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Files of the slower kinds share their worker's modules instead of importing the whole server
    // again for each file (import was 380 of 1,000 seconds). Each file still builds its own
    // database and server; unit tests, which may mock modules, stay isolated.
    projects: Object.entries(PROJECTS).map(([name, include]) => ({ extends: true, test: { name, include, isolate: name === 'unit' } })),
  },
});
