import * as assert from 'assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { URI } from 'vscode-uri';
import { CatalogStatus, RefreshCatalogResult, TestModelResult } from '../../server/src/protocol';
import { FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY } from '../awsSandbox';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { scratchFolders } from '../scratch';
import { LspSession } from './lspClient';

/*
 * What the extension must never do: make AWS requests, run openclaw or read files outside the
 * workspace in an untrusted one; send anything signed with AWS credentials to a host that is not
 * AWS's or the user's own endpoint; log a credential, a signature or a token; send a ${VAR}'s value.
 */

const SESSION_TOKEN = 'FakeSessionTokenThatMustNeverBeLogged//0123456789';
const BEARER_TOKEN = 'ABSKFakeBedrockApiKeyThatMustNeverBeLogged0123456789';
const SECRET_VALUE = 'secret-value-of-an-environment-variable';

const CONFIG = (baseUrl: string) => `{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "${baseUrl}",
        models: [
          { id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet \${OC_SECRET_NAME}" },
          { id: "anthropic.claude-opus-4-6-v1", name: "Opus" },
        ],
      },
    },
  },
  agents: { defaults: { model: { primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-6" }, models: { "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" } } } },
}
`;

describe('security over the protocol', function () {
  this.timeout(30_000);
  const bedrock = useFakeBedrock();
  const sessions: LspSession[] = [];
  afterEach(async () => {
    for (const session of sessions.splice(0)) await session.shutdown();
  });
  // After the hook above, so that its folders go once no server can write its catalog cache there.
  const scratch = scratchFolders('openclaw-cache-');

  const start = async (options: {
    env?: Record<string, string>;
    trusted?: boolean;
    workspaceFolders?: string[];
    settings?: Record<string, unknown>;
  }) => {
    const settings = {
      aws: { profile: 'fake' },
      bedrock: { endpoint: bedrock.fake.controlEndpoint, runtimeEndpoint: bedrock.fake.runtimeEndpoint },
      catalog: { live: true },
      ...options.settings,
    };
    const session = new LspSession({
      settings,
      initializationOptions: { trusted: options.trusted ?? true, cacheDir: scratch() },
      env: bedrock.sandbox.childEnv(options.env),
      workspaceFolders: options.workspaceFolders,
    });
    sessions.push(session);
    await session.initialize();
    return session;
  };

  const command = <T>(session: LspSession, name: string, argument: unknown) =>
    session.connection.sendRequest('workspace/executeCommand', { command: name, arguments: [argument] }) as Promise<T>;

  /** Every request the server answers for a document, every command, a success and a failure of each AWS call. */
  async function exerciseEverything(session: LspSession, uri: string, text: string): Promise<unknown[]> {
    const answers: unknown[] = [];
    const at = (needle: string) => {
      const before = text.slice(0, text.indexOf(needle) + 2).split('\n');
      return { line: before.length - 1, character: before.at(-1)!.length };
    };
    const position = (needle: string) => ({ textDocument: { uri }, position: at(needle) });
    answers.push(await session.open(uri, text));
    answers.push(await session.connection.sendRequest('textDocument/hover', position('"us.anthropic.claude-sonnet-4-6"')));
    answers.push(await session.connection.sendRequest('textDocument/hover', position('"Sonnet ${')));
    answers.push(await session.connection.sendRequest('textDocument/completion', position('"amazon-bedrock/us.anthropic')));
    answers.push(await session.connection.sendRequest('textDocument/definition', position('"amazon-bedrock/us.anthropic')));
    answers.push(
      await session.connection.sendRequest('textDocument/references', {
        ...position('"us.anthropic'),
        context: { includeDeclaration: true },
      }),
    );
    answers.push(await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }));
    const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
    answers.push(
      await session.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: whole,
        context: { diagnostics: [], only: ['source.fixAll'] },
      }),
    );
    answers.push(await command(session, 'openclaw.server.refreshCatalog', uri));
    answers.push(await command(session, 'openclaw.server.catalogStatus', { uri }));
    answers.push(await command(session, 'openclaw.server.testTargets', { uri }));
    answers.push(await command(session, 'openclaw.server.modelChoices', { uri }));
    answers.push(await command(session, 'openclaw.server.addModel', { uri, id: 'amazon.nova-lite-v1:0' }));
    answers.push(await command(session, 'openclaw.server.testModel', { uri, reference: 'Sonnet', prompt: 'Hello' }));
    bedrock.fake.fail('ConverseStream', { kind: 'serviceError', name: 'AccessDeniedException' });
    answers.push(await command(session, 'openclaw.server.testModel', { uri, reference: 'Sonnet', prompt: 'Hello' }));
    bedrock.fake.fail('ListFoundationModels', { kind: 'serviceError', name: 'AccessDeniedException' });
    answers.push(await command(session, 'openclaw.server.refreshCatalog', uri));
    return answers;
  }

  /** All the server said: answers, notifications, published diagnostics, logs, stderr. */
  const everythingSaid = (session: LspSession, answers: unknown[]) =>
    JSON.stringify([answers, session.notifications, session.published, session.logs, session.stderr]);

  it('never logs or returns a credential, a session token, a bearer token or a signature', async () => {
    const credentials = join(bedrock.sandbox.dir, 'credentials');
    writeFileSync(
      credentials,
      `[fake]\naws_access_key_id = ${FAKE_ACCESS_KEY_ID}\naws_secret_access_key = ${FAKE_SECRET_ACCESS_KEY}\naws_session_token = ${SESSION_TOKEN}\n`,
    );
    const uri = 'file:///workspace/.openclaw/openclaw.json';
    const signed = await start({});
    const said = everythingSaid(signed, await exerciseEverything(signed, uri, CONFIG('https://bedrock-runtime.us-east-1.amazonaws.com')));
    const signatures = bedrock.fake.requests.flatMap(
      (request) => /Signature=([0-9a-f]{64})/.exec(request.headers.authorization ?? '')?.[1] ?? [],
    );
    assert.ok(signatures.length >= 3, 'the requests were signed');
    assert.ok(
      bedrock.fake.requests.some((request) => request.headers['x-amz-security-token'] === SESSION_TOKEN),
      'with the session token',
    );
    for (const secret of [FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, SESSION_TOKEN, ...signatures])
      assert.ok(!said.includes(secret), `${secret.slice(0, 6)}… appears in what the server said`);

    bedrock.fake.reset();
    const bearer = await start({ env: { AWS_BEARER_TOKEN_BEDROCK: BEARER_TOKEN } });
    const saidWithToken = everythingSaid(
      bearer,
      await exerciseEverything(bearer, uri, CONFIG('https://bedrock-runtime.us-east-1.amazonaws.com')),
    );
    assert.ok(
      bedrock.fake.requests.some((request) => request.headers.authorization === `Bearer ${BEARER_TOKEN}`),
      'the requests carried the API key',
    );
    assert.ok(!saidWithToken.includes(BEARER_TOKEN), 'the API key appears in what the server said');
  });

  it("sends signed requests to AWS or to the endpoints of the user's settings only: a baseUrl elsewhere gets a warning and nothing", async () => {
    let connections = 0;
    const elsewhere = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const port = (elsewhere.address() as net.AddressInfo).port;
    try {
      const session = await start({});
      const uri = 'file:///workspace/.openclaw/openclaw.json';
      const answers = await exerciseEverything(session, uri, CONFIG(`http://127.0.0.1:${port}/`));
      const warning = (answers[0] as { code?: string; message: string }[]).find((d) => d.code === 'non-aws-endpoint')!;
      assert.match(warning.message, /^127\.0\.0\.1 is not an AWS host: Bedrock requests are signed with your AWS credentials/);
      assert.ok(bedrock.fake.requests.length > 0, "the user's own endpoints got the requests");
      assert.strictEqual(connections, 0, "nothing reached the baseUrl's host");
    } finally {
      elsewhere.close();
    }
  });

  it('sends no ${VAR} value anywhere, and shows only its name', async () => {
    const session = await start({ env: { OC_SECRET_NAME: SECRET_VALUE } });
    const uri = 'file:///workspace/.openclaw/openclaw.json';
    const answers = await exerciseEverything(session, uri, CONFIG('https://bedrock-runtime.us-east-1.amazonaws.com'));
    const hover = JSON.stringify(answers[2]);
    assert.match(hover, /OC_SECRET_NAME/);
    assert.match(hover, /set in the environment the language server sees/);
    assert.ok(!everythingSaid(session, answers).includes(SECRET_VALUE), 'the value appears in what the server said');
    assert.ok(
      !JSON.stringify(bedrock.fake.requests.map((request) => [request.path, request.query, request.body])).includes(SECRET_VALUE),
      'the value was sent to Bedrock',
    );
  });

  it('in an untrusted workspace no symlink reads a file outside it: not to a file, a folder, nor `..` after one; a linked workspace folder reads its own', async () => {
    const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'openclaw-links-')));
    try {
      const workspace = join(scratch, 'workspace');
      const outside = join(scratch, 'outside');
      mkdirSync(join(workspace, 'team'), { recursive: true });
      mkdirSync(join(outside, 'sub'), { recursive: true });
      mkdirSync(join(scratch, 'etc'));
      writeFileSync(join(scratch, 'etc', 'hostname'), 'vm\n');
      const providerWith = (id: string) => `{ providers: { "amazon-bedrock": { models: [{ id: "${id}", name: "M" }] } } }\n`;
      writeFileSync(join(outside, 'secret.json'), `{ models: ${providerWith('secret-model-id')} }`);
      writeFileSync(join(outside, 'models.json5'), providerWith('decoy-model-id'));
      writeFileSync(join(outside, 'team-openclaw.json'), '{ leakedKey: "outside-secret-value", models: { $include: "./agent.json5" } }\n');
      writeFileSync(join(workspace, 'models.json5'), providerWith('zai.glm-4.7'));
      writeFileSync(join(workspace, 'team', 'agent.json5'), providerWith('qwen.qwen3-32b-v1:0'));
      symlinkSync(join(scratch, 'etc'), join(workspace, 'etclink'));
      symlinkSync(join(outside, 'secret.json'), join(workspace, 'secret-link.json'));
      symlinkSync(join(outside, 'sub'), join(workspace, 'dirlink'));
      symlinkSync(join(outside, 'team-openclaw.json'), join(workspace, 'team', 'openclaw.json'));
      // The workspace is opened through a link to its folder: its own files are still inside it.
      const folder = join(scratch, 'workspace-link');
      symlinkSync(workspace, folder);
      const root = '{ "$include": ["./etclink/hostname", "./secret-link.json", "./dirlink/../models.json5"] }\n';
      writeFileSync(join(workspace, 'openclaw.json'), root);
      const uri = (path: string) => URI.file(join(folder, path)).toString();

      const session = await start({ trusted: false, workspaceFolders: [URI.file(folder).toString()] });
      await session.open(uri('team/agent.json5'), readFileSync(join(workspace, 'team', 'agent.json5'), 'utf8'));
      const opened = await session.open(uri('openclaw.json'), root);
      assert.deepStrictEqual(
        opened.filter((d) => d.code === 'include').map((d) => (d.message as string).split(': OpenClaw rejects')[0]),
        ['./etclink/hostname', './secret-link.json'].map(
          (path) => `Include path resolves outside config directory (symlink): ${path} (root: ${folder})`,
        ),
      );
      // models.json5, reached through dirlink/.. as written, is the workspace's own: it is read, and part of the configuration.
      await session.diagnosticsWhere(uri('models.json5'), () => true, 10_000);
      let announced: string[] | undefined;
      for (let waited = 0; !announced && waited < 5000; waited += 50) {
        announced = session.notifications
          .filter((n) => n.method === 'openclaw/configurationFiles')
          .map((n) => (n.params as { uris: string[] }).uris)
          .at(-1);
        if (!announced) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepStrictEqual(announced, [uri('models.json5')], 'the included files the client is told of');
      const said = everythingSaid(session, []);
      const leaks = [
        'Unexpected text',
        'secret-model-id',
        'decoy-model-id',
        'leakedKey',
        'outside-secret-value',
        'etclink/hostname"',
        'team/openclaw.json',
      ];
      for (const leak of leaks) {
        assert.ok(!said.includes(leak), `${leak} appears in what the server said`);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('in an untrusted workspace: no AWS request, no openclaw, no file outside the workspace, and says so; trust turns them on', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'openclaw-untrusted-'));
    try {
      const workspace = join(scratch, 'workspace');
      const outside = join(scratch, 'home', '.openclaw');
      mkdirSync(workspace, { recursive: true });
      mkdirSync(outside, { recursive: true });
      const marker = join(scratch, 'openclaw-ran');
      const cli = join(scratch, 'openclaw');
      // A stand-in for the openclaw command: it only leaves a mark that it ran.
      writeFileSync(cli, `#!/bin/sh\ntouch "${marker}"\necho "OpenClaw 2026.9.6 (test)"\n`);
      chmodSync(cli, 0o755);
      const root = `{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { model: "amazon-bedrock/us.anthropic.claude-sonnet-4-6" } },\n}\n`;
      writeFileSync(join(outside, 'openclaw.json'), root);
      writeFileSync(
        join(outside, 'models.json5'),
        '{ providers: { "amazon-bedrock": { models: [{ id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet" }] } } }\n',
      );
      const uri = URI.file(join(outside, 'openclaw.json')).toString();

      const session = await start({ trusted: false, workspaceFolders: [URI.file(workspace).toString()], settings: { cli: { path: cli } } });
      const opened = await session.open(uri, root);
      const include = opened.find((d) => d.code === 'include')!;
      assert.match(
        include.message as string,
        /^Failed to read include file: \.\/models\.json5 \(resolved: .*\): not read: the workspace is not trusted, and the file is outside it/,
      );
      const status = await command<CatalogStatus>(session, 'openclaw.server.catalogStatus', { uri });
      assert.match(
        status.restricted!,
        /^This workspace is not trusted: the extension makes no AWS request, runs no openclaw command and reads no file outside the workspace/,
      );
      assert.strictEqual((await command<RefreshCatalogResult>(session, 'openclaw.server.refreshCatalog', uri)).problem, status.restricted);
      const test = await command<TestModelResult>(session, 'openclaw.server.testModel', {
        uri,
        reference: 'amazon-bedrock/us.anthropic.claude-sonnet-4-6',
      });
      assert.deepStrictEqual([test.outcome, test.problem?.message], ['failed', status.restricted]);
      await session.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 40 } });
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepStrictEqual(bedrock.fake.requests, [], 'no AWS request');
      assert.strictEqual(existsSync(marker), false, 'no openclaw process');

      await session.connection.sendNotification('openclaw/trustGranted');
      await session.diagnosticsWhere(uri, (diagnostics) => !diagnostics.some((d) => d.code === 'include'), 10_000);
      for (let waited = 0; (bedrock.fake.requests.length === 0 || !existsSync(marker)) && waited < 10_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(bedrock.fake.requests.length > 0, 'the live catalog is fetched once trusted');
      assert.strictEqual(existsSync(marker), true, 'openclaw runs once trusted');
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
