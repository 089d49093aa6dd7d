import { execFileSync } from 'child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AwsSandbox } from '../test/awsSandbox';
import { FakeBedrock } from '../test/fakeBedrock/fakeBedrock';
import { ensureCodeServer, installExtension, startCodeServer } from '../test/vscode/codeServer';
import { freePort } from '../test/vscode/prepare';

/*
 * npm run demo: the whole product in a browser, with nothing installed but the project. VS Code
 * (code-server, from npm into the tool cache on first use) on 127.0.0.1 with the packaged extension,
 * a workspace with the sample configuration, and the fake Bedrock of the tests behind it with a fake
 * AWS profile: live completion, Add Bedrock Model and test prompts work without an AWS account.
 * Prints the URL to open; Ctrl+C stops everything and removes the scratch folders.
 */

const REPO_ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[demo] ${line}`);
  const install = ensureCodeServer(log);
  log('Packaging the extension (npm run package)…');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });

  // Outside the repository: VS Code would offer to open its git repository.
  const demoDir = mkdtempSync(join(tmpdir(), 'openclaw-demo-'));
  const workspace = join(demoDir, 'workspace');
  mkdirSync(workspace, { recursive: true });
  cpSync(join(REPO_ROOT, 'samples', 'openclaw.json'), join(workspace, 'openclaw.json'));

  const fake = await FakeBedrock.start();
  const sandbox = new AwsSandbox();
  const userDataDir = join(demoDir, 'user-data');
  const extensionsDir = join(demoDir, 'extensions');
  const endpoints = { 'openclaw.bedrock.endpoint': fake.controlEndpoint, 'openclaw.bedrock.runtimeEndpoint': fake.runtimeEndpoint };
  writeSettings(join(userDataDir, 'User'), {
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'chat.disableAIFeatures': true,
    'git.openRepositoryInParentFolders': 'never',
    'extensions.autoCheckUpdates': false,
    'openclaw.aws.profile': 'fake',
    ...endpoints,
  });
  // Machine-scoped settings: code-server reads them here.
  writeSettings(join(userDataDir, 'Machine'), endpoints);
  mkdirSync(extensionsDir, { recursive: true });
  installExtension(install, join(REPO_ROOT, 'openclaw-bedrock.vsix'), extensionsDir, userDataDir);

  const port = Number(process.env.DEMO_PORT) || (await freePort());
  const server = await startCodeServer(install, {
    port,
    userDataDir,
    extensionsDir,
    workspace,
    env: sandbox.childEnv(),
    logFile: (chunk) => appendFileSync(join(demoDir, 'code-server.log'), chunk),
  });
  log(`Open ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  log(`Its log: ${join(demoDir, 'code-server.log')}`);
  log(`Bedrock is the fake one (${fake.controlEndpoint}, ${fake.runtimeEndpoint}), with the AWS profile "fake". Ctrl+C stops it all.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await server.stop();
    await fake.stop();
    sandbox.restore();
    rmSync(demoDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  server.process.once('exit', () => void stop());
}

function writeSettings(dir: string, settings: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
