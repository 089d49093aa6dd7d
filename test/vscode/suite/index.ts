import { readdirSync } from 'fs';
import Mocha from 'mocha';
import { join } from 'path';

/*
 * The real-VS-Code suites, run inside the extension host. Both launchers end here: the offline one
 * through the test-runner extension (runSuites), @vscode/test-electron through run().
 */

export interface SuiteReport {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed'; durationMs?: number; error?: string }[];
}

export function runSuites(): Promise<SuiteReport> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(__dirname, file));
  return new Promise((resolve) => {
    const tests: SuiteReport['tests'] = [];
    const runner = mocha.run(() =>
      resolve({
        passed: tests.filter((t) => t.state === 'passed').length,
        failed: tests.filter((t) => t.state === 'failed').length,
        tests,
      }),
    );
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error: Error) =>
      tests.push({ title: test.fullTitle(), state: 'failed', error: error.stack ?? error.message }),
    );
  });
}

/** @vscode/test-electron's entry point: it fails the run when a test fails. */
export async function run(): Promise<void> {
  const report = await runSuites();
  if (report.failed > 0) throw new Error(`${report.failed} of ${report.tests.length} tests failed`);
}
