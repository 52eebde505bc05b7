import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a run with one plain line, "summary: N passed, N failed, N skipped", that any CI can
 * read without knowing Vitest's own output. A test file that could not run (an import that
 * fails) and an error outside any test count as failures too: they hold no test to count, and
 * a run with them fails. Before it, the slowest test files, to see where the suite's time goes.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      let failedTests = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedTests++;
        else counts.skipped++;
      }
      counts.failed += failedTests || (module.state() === 'failed' ? 1 : 0);
    }
    counts.failed += unhandledErrors.length;
    console.log(`\nslowest test files:\n${slowest(testModules)}`);
    console.log(`\nsummary: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}

const SLOWEST_SHOWN = 15;

function slowest(testModules: ReadonlyArray<TestModule>): string {
  return testModules
    .map((module) => ({ file: module.relativeModuleId, seconds: module.diagnostic().duration / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, SLOWEST_SHOWN)
    .map(({ file, seconds }) => `  ${seconds.toFixed(1).padStart(6)} s  ${file}`)
    .join('\n');
}
