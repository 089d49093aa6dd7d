import * as assert from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { CATALOG_STATUS_COMMAND, CatalogStatus, TRUST_GRANTED_NOTIFICATION } from '../../server/src/protocol';
import { readFixture } from '../helpers';
import { LspSession } from '../protocol/lspClient';
import { ensureOpenClaw, ORACLE_VERSION } from './openclawInstall';

/*
 * The language server with the real `openclaw` as the user's installed one: its version and schema
 * take over once the workspace is trusted, and on save its own validator's findings that the
 * extension does not make itself show up as diagnostics.
 */

const DOCUMENT_URI = 'file:///workspace/openclaw.json';
const UNKNOWN_ROOT_KEY = readFixture('reference.json').replace(/^\{/, '{\n  "gatewayy": { "port": 1 },');
// OpenClaw's manifest knows this model was shut down; the schema cannot say so.
const SUPPRESSED_MODEL = '{\n  agents: { defaults: { model: { primary: "google/gemini-1.5-flash" } } },\n}\n';

describe(`The server with openclaw ${ORACLE_VERSION} installed`, function () {
  this.timeout(180_000);
  let command: string;
  let cacheDir: string | undefined;
  let session: LspSession | undefined;

  before(() => {
    command = ensureOpenClaw((line) => console.log(`      ${line}`));
    cacheDir = mkdtempSync(join(tmpdir(), 'openclaw-oracle-cache-'));
  });

  afterEach(async () => {
    await session?.shutdown();
    session = undefined;
  });

  // Only when before() got that far: a failed install should be the one failure reported.
  after(() => cacheDir && rmSync(cacheDir, { recursive: true, force: true }));

  const start = async (trusted: boolean) => {
    session = new LspSession({
      settings: { catalog: { live: false }, cli: { path: command } },
      initializationOptions: { trusted, cacheDir },
    });
    await session.initialize();
    return session;
  };

  const unknownRootKey = (diagnostics: Diagnostic[]) => diagnostics.some((d) => messageOf(d).includes('Unrecognized key: "gatewayy"'));
  /** Checked as the installed openclaw's version (its schema too, once compiled: the catalog status names it). */
  const asInstalled = (diagnostics: Diagnostic[]) =>
    diagnostics.some((d) => messageOf(d).includes('gatewayy') && messageOf(d).includes(`OpenClaw ${ORACLE_VERSION} (installed) rejects`));
  const schemaLabel = async (server: LspSession) =>
    (
      (await server.connection.sendRequest('workspace/executeCommand', {
        command: CATALOG_STATUS_COMMAND,
        arguments: [{ uri: DOCUMENT_URI }],
      })) as CatalogStatus
    ).schema;

  it("checks the file with the bundled schema from the first diagnostics on, then with the installed openclaw's", async () => {
    const server = await start(true);
    const first = await server.open(DOCUMENT_URI, UNKNOWN_ROOT_KEY);
    assert.ok(unknownRootKey(first), 'the bundled schema knows the whole file before openclaw answers');
    const withSchema = await server.diagnosticsWhere(DOCUMENT_URI, asInstalled, 120_000);
    const error = withSchema.find((d) => messageOf(d).includes('gatewayy'))!;
    assert.strictEqual(error.severity, 1);
    assert.deepStrictEqual(error.range.start, { line: 1, character: 2 });
    assert.ok(
      server.logs.some((line) => line.includes(`Found OpenClaw ${ORACLE_VERSION}`)),
      server.logs.join('\n'),
    );
    const installedLabel = `the schema of the installed OpenClaw ${ORACLE_VERSION}`;
    for (let started = Date.now(); (await schemaLabel(server)) !== installedLabel && Date.now() - started < 60_000;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.strictEqual(await schemaLabel(server), installedLabel);
  });

  it('shows on save what openclaw config validate finds and the extension does not', async () => {
    const server = await start(true);
    const opened = await server.open(DOCUMENT_URI, SUPPRESSED_MODEL);
    assert.deepStrictEqual(
      opened.filter((d) => d.severity === 1),
      [],
      'the extension alone sees no error',
    );
    await until(() => server.logs.some((line) => line.includes(`Found OpenClaw ${ORACLE_VERSION}`)), 60_000, 'the server to find OpenClaw');
    await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri: DOCUMENT_URI } });
    const checked = await server.diagnosticsWhere(
      DOCUMENT_URI,
      (diagnostics) => diagnostics.some((d) => d.code === 'openclaw-validate'),
      120_000,
    );
    const finding = checked.find((d) => d.code === 'openclaw-validate')!;
    assert.strictEqual(finding.severity, 1);
    assert.match(messageOf(finding), /^openclaw config validate \(2026\.9\.6\): Unknown model: google\/gemini-1\.5-flash/);
    assert.match(messageOf(finding), / at agents\.defaults\.model\.primary$/);
    assert.deepStrictEqual(finding.range.start, { line: 1, character: 33 }, 'on the key "primary"');

    // An edit makes the cross-check stale: its finding goes until the next save.
    const edited = await server.change(DOCUMENT_URI, 2, SUPPRESSED_MODEL.replace('gemini-1.5-flash', 'gemini-2.5-flash'));
    assert.ok(!edited.some((d) => d.code === 'openclaw-validate'));
  });

  it('cross-checks a split configuration with its included files beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'openclaw-oracle-split-'));
    const root = `{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { model: { primary: "google/gemini-1.5-flash", fallbacks: ["amazon-bedrock/zai.glm-4.7"] } } },\n}\n`;
    writeFileSync(join(folder, 'openclaw.json'), root);
    writeFileSync(
      join(folder, 'models.json5'),
      '{ providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [{ id: "zai.glm-4.7", name: "GLM 4.7" }] } } }\n',
    );
    const uri = URI.file(join(folder, 'openclaw.json')).toString();
    try {
      const server = await start(true);
      await server.open(uri, root);
      await until(
        () => server.logs.some((line) => line.includes(`Found OpenClaw ${ORACLE_VERSION}`)),
        60_000,
        'the server to find OpenClaw',
      );
      await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const checked = await server.diagnosticsWhere(uri, (diagnostics) => diagnostics.some((d) => d.code === 'openclaw-validate'), 120_000);
      assert.deepStrictEqual(
        checked.filter((d) => d.code === 'openclaw-validate').map((d) => messageOf(d).replace(/:.*? at /, ': … at ')),
        ['openclaw config validate (2026.9.6): … at agents.defaults.model.primary'],
        'the suppressed model only: the include was found',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('runs no openclaw in an untrusted workspace, until trust is granted', async () => {
    const server = await start(false);
    await server.open(DOCUMENT_URI, UNKNOWN_ROOT_KEY);
    await server.connection.sendNotification('textDocument/didSave', { textDocument: { uri: DOCUMENT_URI } });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    // The bundled schema needs no openclaw: the unknown key is an error all the same, but not as the installed version's.
    assert.ok(server.published.some((params) => unknownRootKey(params.diagnostics)));
    assert.ok(
      !server.published.some((params) => asInstalled(params.diagnostics) || params.diagnostics.some((d) => d.code === 'openclaw-validate')),
    );
    assert.ok(!server.logs.some((line) => line.includes('Found OpenClaw')), server.logs.join('\n'));
    assert.match((await schemaLabel(server))!, /^the bundled schema of OpenClaw /);

    await server.connection.sendNotification(TRUST_GRANTED_NOTIFICATION);
    await server.diagnosticsWhere(DOCUMENT_URI, asInstalled, 120_000);
  });
});

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}
