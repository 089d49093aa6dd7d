import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { URI } from 'vscode-uri';
import { REPO_ROOT, SAMPLE_FINDINGS, SAMPLE_PATH } from '../helpers';
import { LspSession } from '../protocol/lspClient';
import { scratchFolders } from '../scratch';

/*
 * The npm package of the two command-line tools, as a user gets it: `npm pack` (of the build at hand:
 * --ignore-scripts skips the prepack production build), the tarball installed into an empty project
 * offline (the bundles need no dependency), then `npx openclaw-config check` and the
 * `openclaw-language-server` command spoken to over stdio.
 */

/** What the tarball holds, and nothing else: the two commands' bundles (the server's entry and its bundle) and the AWS SDK's, the schemas they read, and what npm always adds. */
const PACKED_FILES = [
  'LICENSE',
  'README.md',
  'THIRD_PARTY_NOTICES.md',
  'package.json',
  'server/out/awsSdk.js',
  'server/out/cli.js',
  'server/out/languageServer.js',
  'server/out/server.js',
  'server/schemas/index.json',
  ...['3', '4', '5', '6', '7', '8', '9'].map((month) => `server/schemas/openclaw-schemas-2026.${month}.br`),
  'server/schemas/removed.json',
  'server/schemas/since.json',
];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

describe('the npm package (npm pack, installed offline into an empty project)', function () {
  this.timeout(60_000);
  const scratch = scratchFolders('openclaw-npm-', 'suite');
  let project: string;
  let packed: { path: string; mode: number }[];

  before(() => {
    assert.ok(existsSync(join(REPO_ROOT, 'server', 'out', 'server.js')), 'run `npm run build` first');
    const packFolder = scratch();
    const [pack] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packFolder], REPO_ROOT)) as {
      filename: string;
      files: { path: string; mode: number }[];
    }[];
    packed = pack!.files;
    project = scratch();
    writeFileSync(join(project, 'package.json'), '{ "name": "uses-openclaw-config", "private": true }\n');
    npm(['install', '--offline', '--no-audit', '--no-fund', join(packFolder, pack!.filename)], project);
    copyFileSync(SAMPLE_PATH, join(project, 'openclaw.json'));
  });

  it("holds the commands' bundles and the schemas, and nothing else (no sources, tests, client or source maps)", () => {
    assert.deepStrictEqual(packed.map((file) => file.path).sort(), [...PACKED_FILES].sort());
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', 'openclaw-bedrock', 'package.json'), 'utf8'));
    assert.deepStrictEqual(installed.bin, { 'openclaw-config': 'server/out/cli.js', 'openclaw-language-server': 'server/out/server.js' });
    assert.strictEqual(installed.dependencies, undefined, 'the bundles need no dependency');
  });

  it('keeps the AWS SDK out of the server bundle, in awsSdk.js beside it, which loads on its own', () => {
    const out = join(project, 'node_modules', 'openclaw-bedrock', 'server', 'out');
    // Every SDK client names the SigV4 auth scheme: the server's start compiles none of the SDK.
    assert.ok(!readFileSync(join(out, 'languageServer.js'), 'utf8').includes('aws.auth#sigv4'), 'the AWS SDK is in languageServer.js');
    assert.ok(readFileSync(join(out, 'languageServer.js'), 'utf8').includes('require("./awsSdk.js")'));
    const loaded = spawnSync(process.execPath, ['-p', `Object.keys(require(${JSON.stringify(join(out, 'awsSdk.js'))})).sort().join()`], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.strictEqual(loaded.stdout.trim(), 'discoverCatalogExplained,runConverseTest', loaded.stderr);
  });

  it("npx openclaw-config check FILE: the sample's findings, exit 1 for its error", () => {
    const run = spawnSync('npx', ['--offline', 'openclaw-config', 'check', 'openclaw.json'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.deepStrictEqual(
      run.stdout
        .trimEnd()
        .split('\n')
        .map((line) => /^openclaw\.json:(\d+:\d+ \w+) /.exec(line)?.[1]),
      SAMPLE_FINDINGS,
    );
    assert.strictEqual(run.stderr, '1 file(s) checked: 1 error(s), 6 warning(s).\n');
  });

  it("openclaw-language-server --stdio: initializes and publishes the sample's diagnostics", async () => {
    const session = new LspSession({ command: [join(project, 'node_modules', '.bin', 'openclaw-language-server'), '--stdio'] });
    try {
      const result = (await session.initialize()) as { serverInfo?: { name: string }; capabilities: { hoverProvider?: boolean } };
      assert.ok(result.capabilities.hoverProvider, JSON.stringify(result));
      const uri = URI.file(join(project, 'openclaw.json')).toString();
      const diagnostics = await session.open(uri, readFileSync(join(project, 'openclaw.json'), 'utf8'));
      const byPosition = [...diagnostics].sort(
        (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
      );
      assert.deepStrictEqual(
        byPosition.map(
          (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${['', 'error', 'warning', 'info', 'hint'][d.severity!]}`,
        ),
        SAMPLE_FINDINGS,
      );
    } finally {
      assert.strictEqual(await session.shutdown(), 0, session.stderr.join(''));
    }
  });
});
