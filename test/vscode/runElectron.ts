import { runTests } from '@vscode/test-electron';
import { execFileSync } from 'child_process';
import { prepareRun, REPO_ROOT } from './prepare';

/*
 * npm run test:vscode:electron — the same suites through @vscode/test-electron, as on any machine
 * with internet (it downloads VS Code) or with a local VS Code: set VSCODE_EXECUTABLE_PATH.
 */

async function main(): Promise<void> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const run = await prepareRun();
  try {
    await runTests({
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: run.suiteEntry,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
      launchArgs: [run.workspace, '--user-data-dir', run.userDataDir, '--extensions-dir', run.extensionsDir, '--disable-workspace-trust'],
      extensionTestsEnv: run.env,
    });
  } finally {
    await run.dispose();
  }
}

main().catch((error: Error) => {
  console.error(`[test:vscode:electron] ${error.message}`);
  process.exit(1);
});
