import * as assert from 'assert';
import { CompletionItem, CompletionList, MarkupContent } from 'vscode-languageserver-protocol';
import { FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY } from '../awsSandbox';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { scratchFolders } from '../scratch';
import { LspSession } from './lspClient';

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        models: [ { id: "", name: "New" } ],
      },
    },
  },
  agents: { defaults: { model: "" } },
}`;
const ID_POSITION = { line: 5, character: TEXT.split('\n')[5]!.indexOf('id: "') + 5 };
const MODEL_POSITION = { line: 9, character: TEXT.split('\n')[9]!.indexOf('model: "') + 8 };

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('completion over the protocol, from the live catalog of the fake Bedrock', function () {
  const bedrock = useFakeBedrock();
  const scratch = scratchFolders('openclaw-lsp-cache-');

  function session(settings: Record<string, unknown>, initializationOptions: Record<string, unknown> = {}): LspSession {
    return new LspSession({ settings, initializationOptions, env: bedrock.sandbox.childEnv() });
  }

  const complete = async (server: LspSession, position: { line: number; character: number }) =>
    ((await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position })) as CompletionList).items;
  const listings = () => bedrock.fake.requests.filter((r) => r.operation === 'ListFoundationModels').length;

  it('fetches the catalog when the file opens, completes ids and references from it, and asks AWS once', async () => {
    const cacheDir = scratch();
    const server = session(
      { aws: { profile: 'fake' }, bedrock: { endpoint: bedrock.fake.controlEndpoint }, catalog: { live: true } },
      { cacheDir },
    );
    try {
      await server.initialize();
      await server.open(URI, TEXT);
      // Completion answers at once from what is cached; once the answer is in, it is the live list.
      const isApplicationProfile = (i: CompletionItem) =>
        i.label.startsWith('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/');
      let items: CompletionItem[] = [];
      for (const deadline = Date.now() + 5000; !items.some(isApplicationProfile) && Date.now() < deadline;) {
        items = await complete(server, ID_POSITION);
      }
      assert.ok(items.some(isApplicationProfile), "the account's own application profile: only the live catalog has it");
      assert.strictEqual(bedrock.fake.requests.length, 3, 'one ListFoundationModels and two ListInferenceProfiles, at open');
      const haiku = items.find((i) => i.label === 'us.anthropic.claude-haiku-4-5-20251001-v1:0')!;
      assert.strictEqual(haiku.detail, 'US Anthropic Claude Haiku 4.5 · text+image · inference profile');
      assert.strictEqual(
        haiku.textEdit && 'range' in haiku.textEdit ? haiku.textEdit.newText : undefined,
        '"us.anthropic.claude-haiku-4-5-20251001-v1:0"',
      );
      assert.match((haiku.documentation as MarkupContent).value, /List price per 1M tokens: \$1\.00 in \/ \$5\.00 out/);
      assert.ok(!items.some((i) => i.label === 'amazon.titan-embed-text-v2:0'));

      const references = await complete(server, MODEL_POSITION);
      assert.ok(references.some((i) => i.label === 'amazon-bedrock/moonshotai.kimi-k2.5'));
      assert.strictEqual(listings(), 1, 'completion never asks AWS: the cached catalog answers');
      const log = server.stderr.join('');
      assert.ok(!log.includes(FAKE_SECRET_ACCESS_KEY) && !log.includes(FAKE_ACCESS_KEY_ID), 'no credentials in the server output');
    } finally {
      await server.shutdown();
    }
  });

  it('without access: completes from the built-in list and says once why, and what to do', async () => {
    bedrock.fake.fail('ListFoundationModels', {
      kind: 'serviceError',
      name: 'AccessDeniedException',
      message: 'not authorized to perform: bedrock:ListFoundationModels',
    });
    const server = session(
      { aws: { profile: 'fake' }, bedrock: { endpoint: bedrock.fake.controlEndpoint }, catalog: { live: true } },
      { catalogNotifications: true },
    );
    const problems: { region: string; message: string }[] = [];
    server.connection.onNotification(
      'openclaw/catalogProblem',
      (params: { region: string; message: string }) => void problems.push(params),
    );
    try {
      await server.initialize();
      await server.open(URI, TEXT);
      await until(() => problems.length > 0, 'the catalog problem');
      assert.deepStrictEqual(problems, [
        {
          region: 'us-east-1',
          message:
            'The live Bedrock model list is unavailable, so completion uses the built-in list. Access denied in us-east-1: the IAM identity of profile "fake" needs bedrock:ListFoundationModels and bedrock:ListInferenceProfiles. AWS said: not authorized to perform: bedrock:ListFoundationModels',
        },
      ]);
      const items = await complete(server, ID_POSITION);
      assert.ok(
        items.some((i) => i.label === 'us.anthropic.claude-opus-4-6-v1'),
        'built-in ids',
      );
      assert.ok(!items.some((i) => i.label.startsWith('arn:')), 'nothing only the live catalog has');
      await complete(server, ID_POSITION);
      assert.strictEqual(listings(), 1, 'no retry per keystroke');
      assert.strictEqual(problems.length, 1, 'told once');
    } finally {
      await server.shutdown();
    }
  });

  it('"Refresh Bedrock Models" fetches now and reports what it got', async () => {
    const server = session({ aws: { profile: 'fake' }, bedrock: { endpoint: bedrock.fake.controlEndpoint }, catalog: { live: true } });
    try {
      await server.initialize();
      await server.open(URI, TEXT);
      const result = await server.connection.sendRequest('workspace/executeCommand', {
        command: 'openclaw.server.refreshCatalog',
        arguments: [URI],
      });
      assert.deepStrictEqual(result, { region: 'us-east-1', origin: 'live', count: 33 });
      bedrock.fake.fail(
        'ListFoundationModels',
        { kind: 'serviceError', name: 'ThrottlingException', message: 'Rate exceeded' },
        { times: 5 },
      );
      const failed = (await server.connection.sendRequest('workspace/executeCommand', {
        command: 'openclaw.server.refreshCatalog',
        arguments: [URI],
      })) as { problem: string };
      assert.strictEqual(
        failed.problem,
        'Bedrock throttled the request in us-east-1 (tried 2 times, backing off between tries); try again later or check your quotas. AWS said: Rate exceeded',
      );
    } finally {
      await server.shutdown();
    }
  });
});
