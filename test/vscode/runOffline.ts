import { execFileSync } from 'child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { chromium } from 'playwright-core';
import { addUnpackedExtension, ensureCodeServer, installExtension, startCodeServer } from './codeServer';
import { freePort, OUTPUT_DIR, prepareRun, printReport, REPO_ROOT, SuiteReport } from './prepare';
import { runUiSmoke } from './uiSmoke';

/*
 * npm run test:vscode — the real-VS-Code tier without internet: the packaged VSIX installed into
 * code-server with --install-extension, the suites run in its Node extension host by a small
 * test-runner extension, the workbench opened in headless Chromium, then the UI smoke test in the
 * same page. Reports each test, exits non-zero on any failure or timeout, always stops what it
 * started.
 */

const SUITE_TIMEOUT_MS = 3 * 60 * 1000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main(): Promise<number> {
  const log = (line: string) => console.log(`[test:vscode] ${line}`);
  const install = ensureCodeServer(log);
  log('Packaging the extension (npm run package)…');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  const run = await prepareRun();
  const serverLog = join(OUTPUT_DIR, 'code-server.log');
  const screenshots = join(OUTPUT_DIR, 'screenshots');
  mkdirSync(screenshots, { recursive: true });
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    const installed = installExtension(install, join(REPO_ROOT, 'openclaw-bedrock.vsix'), run.extensionsDir, run.userDataDir);
    log(`Installed the VSIX into ${installed}`);
    addUnpackedExtension(join(REPO_ROOT, 'test', 'vscode', 'runner'), run.extensionsDir, 'openclaw-tools.openclaw-test-runner', '0.0.1');

    const started = Date.now();
    server = await startCodeServer(install, {
      port: await freePort(),
      userDataDir: run.userDataDir,
      extensionsDir: run.extensionsDir,
      workspace: run.workspace,
      env: run.env,
      logFile: (chunk) => appendFileSync(serverLog, chunk),
    });
    log(`code-server ${server.url} (log: ${serverLog})`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(run.workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

    const report = await waitForResults(run.resultsFile, () => server!.process.exitCode);
    log(`Suites finished ${((Date.now() - started) / 1000).toFixed(1)} s after start.`);
    await page.screenshot({ path: join(screenshots, '00-after-suites.png') });
    const failures =
      printReport('Real VS Code (code-server) suites', report) +
      printReport('UI smoke test', await runUiSmoke(page, run.workspace, screenshots, run.fake));
    log(`Screenshots in ${screenshots}`);
    return failures > 0 ? 1 : 0;
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await run.dispose();
  }
}

async function waitForResults(resultsFile: string, exitCode: () => number | null): Promise<SuiteReport> {
  const deadline = Date.now() + SUITE_TIMEOUT_MS;
  while (!existsSync(resultsFile)) {
    if (exitCode() !== null) throw new Error(`code-server exited (code ${exitCode()}) before the suites reported`);
    if (Date.now() > deadline)
      throw new Error(
        `The suites did not report within ${SUITE_TIMEOUT_MS / 1000} s: see test-output/vscode/code-server.log and the extension host log under test-output/vscode/user-data/logs`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteReport;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`[test:vscode] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
