import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { AwsSandbox } from '../awsSandbox';
import { FakeBedrock } from '../fakeBedrock/fakeBedrock';
import type { SuiteReport } from './suite/index';

export type { SuiteReport };

/*
 * What both real-VS-Code launchers share: the suites bundled for the extension host, a scratch
 * workspace of fixture copies, user settings that point the extension at a fake Bedrock on
 * 127.0.0.1, and the environment the extension host needs.
 */

export const REPO_ROOT = join(__dirname, '..', '..');
export const OUTPUT_DIR = join(REPO_ROOT, 'test-output', 'vscode');

export interface PreparedRun {
  suiteEntry: string;
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  resultsFile: string;
  fake: FakeBedrock;
  sandbox: AwsSandbox;
  /** The extension host's environment: the AWS sandbox, and where the suites and their results are. */
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

export async function prepareRun(): Promise<PreparedRun> {
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  const suiteDir = join(OUTPUT_DIR, 'suite');
  const suiteSources = join(REPO_ROOT, 'test', 'vscode', 'suite');
  await build({
    entryPoints: readdirSync(suiteSources)
      .filter((name) => name === 'index.ts' || name.endsWith('.test.ts'))
      .map((name) => join(suiteSources, name)),
    outdir: suiteDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });

  const workspace = join(OUTPUT_DIR, 'workspace');
  const sample = join(REPO_ROOT, 'samples', 'openclaw.json');
  for (const copy of ['openclaw.json', 'actions/openclaw.json', 'ui/openclaw.json', 'add/openclaw.json', 'restart/openclaw.json']) {
    mkdirSync(join(workspace, copy, '..'), { recursive: true });
    cpSync(sample, join(workspace, copy));
  }
  // A configuration split in two: its models come from an included file.
  cpSync(join(REPO_ROOT, 'test', 'vscode', 'fixtures', 'split'), join(workspace, 'split'), { recursive: true });
  mkdirSync(join(workspace, 'json5'), { recursive: true });
  cpSync(join(REPO_ROOT, 'test', 'vscode', 'fixtures', 'openclaw.json5'), join(workspace, 'json5', 'openclaw.json5'));
  // Keys outside models, explained by the bundled schema.
  cpSync(join(REPO_ROOT, 'test', 'vscode', 'fixtures', 'keys'), join(workspace, 'keys'), { recursive: true });

  const fake = await FakeBedrock.start();
  const sandbox = new AwsSandbox();
  const userDataDir = join(OUTPUT_DIR, 'user-data');
  const machineSettings = {
    'openclaw.bedrock.endpoint': fake.controlEndpoint,
    'openclaw.bedrock.runtimeEndpoint': fake.runtimeEndpoint,
    // No openclaw, wherever the machine has one: what the extension knows of the file comes from the schemas it ships.
    'openclaw.cli.path': join(workspace, 'no-openclaw-here', 'openclaw'),
  };
  writeSettings(join(userDataDir, 'User'), {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'chat.disableAIFeatures': true,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'openclaw.aws.profile': 'fake',
    // The sample writes its fallbacks on one line: VS Code shortens a line's inlay hints past 43 characters in all.
    'editor.inlayHints.maximumLength': 0,
    // Machine-scoped: a local window reads them here...
    ...machineSettings,
  });
  // ...a remote one (code-server) from the machine's own settings.
  writeSettings(join(userDataDir, 'Machine'), machineSettings);
  const extensionsDir = join(OUTPUT_DIR, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const resultsFile = join(OUTPUT_DIR, 'results.json');
  return {
    suiteEntry: join(suiteDir, 'index.js'),
    workspace,
    userDataDir,
    extensionsDir,
    resultsFile,
    fake,
    sandbox,
    env: sandbox.childEnv({
      OPENCLAW_VSCODE_TEST_RESULTS: resultsFile,
      OPENCLAW_VSCODE_TEST_SUITE: join(suiteDir, 'index.js'),
      OPENCLAW_VSCODE_USER_DATA: userDataDir,
    }),
    async dispose() {
      await fake.stop();
      sandbox.restore();
    },
  };
}

function writeSettings(dir: string, settings: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Prints one line per test (and each failure's error); returns the number of failures. */
export function printReport(name: string, report: SuiteReport): number {
  console.log(`\n${name}`);
  for (const test of report.tests) {
    console.log(`  ${test.state === 'passed' ? '✔' : '✖'} ${test.title}${test.durationMs !== undefined ? ` (${test.durationMs} ms)` : ''}`);
    if (test.error)
      console.log(
        test.error
          .split('\n')
          .map((line) => `      ${line}`)
          .join('\n'),
      );
  }
  console.log(`  ${report.passed} passing, ${report.failed} failing`);
  return report.failed;
}
