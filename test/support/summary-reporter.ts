import type { SerializedError } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a run with one plain line, "summary: N passed, N failed, N skipped", that any CI can
 * read without knowing Vitest's own output. A test file that could not run (an import that
 * fails) and an error outside any test count as failures too: they hold no test to count, and
 * a run with them fails.
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
    console.log(`\nsummary: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}
