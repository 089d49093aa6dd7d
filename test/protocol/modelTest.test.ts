import * as assert from 'assert';
import { CancellationTokenSource, CodeLens, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { TestModelResult, TestOutputParams, TestTargetItem } from '../../server/src/protocol';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { applyEdits } from '../helpers';
import { LspSession } from './lspClient';

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        models: [
          { id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet", cost: { input: 3, output: 15 }, contextWindow: 200000 },
          { id: "anthropic.claude-opus-4-6-v1", name: "Opus", reasoning: true },
        ],
      },
    },
  },
  agents: {
    defaults: {
      model: { primary: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", fallbacks: ["amazon-bedrock/anthropic.claude-opus-4-6-v1"] },
      models: {
        "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" },
        'amazon-bedrock/anthropic.claude-opus-4-6-v1': { alias: "Opus" },
      },
    },
  },
}`;

describe('test prompt over the protocol, against the fake Bedrock', function () {
  const bedrock = useFakeBedrock();
  let server: LspSession;
  const outputs: TestOutputParams[] = [];

  before(async () => {
    server = new LspSession({
      settings: {
        aws: { profile: 'fake' },
        bedrock: { endpoint: bedrock.fake.controlEndpoint, runtimeEndpoint: bedrock.fake.runtimeEndpoint },
        catalog: { live: false },
      },
      env: bedrock.sandbox.childEnv(),
    });
    server.connection.onNotification('openclaw/testOutput', (params: TestOutputParams) => void outputs.push(params));
    await server.initialize();
    await server.open(URI, TEXT);
  });
  afterEach(() => {
    outputs.length = 0;
  });
  after(async () => {
    await server.shutdown();
  });

  const execute = <T>(command: string, argument: unknown, token?: CancellationTokenSource) => {
    const params = { command, arguments: [argument] };
    // Only a real token may follow the params: an undefined third argument turns them into a positional list.
    return (
      token
        ? server.connection.sendRequest('workspace/executeCommand', params, token.token)
        : server.connection.sendRequest('workspace/executeCommand', params)
    ) as Promise<T>;
  };
  const test = (reference: string, extra: Record<string, unknown> = {}, token?: CancellationTokenSource) =>
    execute<TestModelResult>('openclaw.server.testModel', { uri: URI, reference, ...extra }, token);

  it('lists the configured Bedrock models with price and context, and what the file already says will fail, with its fix', async () => {
    const targets = await execute<TestTargetItem[]>('openclaw.server.testTargets', { uri: URI });
    const { fix, ...opus } = targets[1]!;
    assert.deepStrictEqual(
      [targets[0], opus],
      [
        {
          ref: 'amazon-bedrock/us.anthropic.claude-sonnet-4-6',
          name: 'Sonnet',
          aliases: ['Sonnet'],
          description: '$3.00 / $15.00 per 1M · 200,000 context',
          chainPosition: 0,
        },
        {
          ref: 'amazon-bedrock/anthropic.claude-opus-4-6-v1',
          name: 'Opus',
          aliases: ['Opus'],
          description: '$5.00 / $25.00 per 1M (list price) · 200,000 context',
          problem:
            'anthropic.claude-opus-4-6-v1 cannot be invoked on demand in us-east-1 (built-in list): Bedrock answers "on-demand throughput isn\'t supported". ' +
            'Use an inference profile id: us.anthropic.claude-opus-4-6-v1, global.anthropic.claude-opus-4-6-v1.',
          chainPosition: 1,
        },
      ],
    );
    assert.deepStrictEqual(
      [fix?.uri, fix?.newId, fix?.alternatives],
      [URI, 'us.anthropic.claude-opus-4-6-v1', ['us.anthropic.claude-opus-4-6-v1', 'global.anthropic.claude-opus-4-6-v1']],
    );
    const after = applyEdits(TEXT, fix!.edit.changes[URI]!);
    assert.ok(
      after.includes('"amazon-bedrock/us.anthropic.claude-opus-4-6-v1"]') && !after.includes('/anthropic.claude-opus-4-6-v1'),
      'the entry and every reference switched',
    );
  });

  it('streams the answer, then reports time to first token, tokens, speed and cost; hover and lens show it', async () => {
    bedrock.fake.setConverseScript('*', {
      text: ['Hello', ' from', ' Sonnet.'],
      usage: { inputTokens: 20, outputTokens: 100 },
      chunkDelayMs: 80,
    });
    const result = await test('Sonnet', { prompt: 'Who are you?', runId: 'run-1' });
    assert.deepStrictEqual(
      outputs.map((o) => [o.runId, o.kind, o.delta]),
      [
        ['run-1', 'text', 'Hello'],
        ['run-1', 'text', ' from'],
        ['run-1', 'text', ' Sonnet.'],
      ],
    );
    assert.deepStrictEqual(
      [result.outcome, result.ref, result.modelId, result.region, result.text, result.prompt],
      [
        'complete',
        'amazon-bedrock/us.anthropic.claude-sonnet-4-6',
        'us.anthropic.claude-sonnet-4-6',
        'us-east-1',
        'Hello from Sonnet.',
        'Who are you?',
      ],
    );
    assert.match(result.report, /^first token \d+ ms · \d+ ms total · 20 in \/ 100 out tokens · \d+ tok\/s · \$0\.0016 \(file prices\)$/);
    assert.deepStrictEqual(
      result.facts.map((fact) => fact.label),
      ['First token', 'Total time', 'Tokens', 'Speed', 'Cost'],
    );
    assert.deepStrictEqual(
      result.facts.slice(2).map((fact) => fact.value.replace(/^\d+ tok/, 'N tok')),
      ['20 in / 100 out', 'N tok/s', '$0.0016 (file prices)'],
    );
    const request = bedrock.fake.requests.find((r) => r.operation === 'ConverseStream')!;
    assert.strictEqual(request.modelId, 'us.anthropic.claude-sonnet-4-6');
    assert.deepStrictEqual(JSON.parse(request.body).inferenceConfig, { maxTokens: 1024 }, 'the output cap of a test');

    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 6, character: 20 },
    })) as Hover;
    assert.match(
      (hover.contents as MarkupContent).value,
      /\n\nLast test, \d\d:\d\d: first token \d+ ms · \d+ ms total · 20 in \/ 100 out tokens · \d+ tok\/s · \$0\.0016 \(file prices\)$/,
    );
    const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: URI } })) as CodeLens[];
    assert.match(lenses[0]!.command!.title, /^▶ Test · last: \d+ ms, \d+ tok\/s$/);
    assert.deepStrictEqual(lenses[1]!.command, {
      title: '▶ Test',
      command: 'openclaw.server.testModel',
      arguments: [{ uri: URI, reference: 'amazon-bedrock/anthropic.claude-opus-4-6-v1' }],
    });
  });

  it('asks a reasoning Claude model to think, and streams its reasoning apart', async () => {
    bedrock.fake.setConverseScript('anthropic.claude-opus-4-6-v1', { reasoning: ['Hmm.'], text: ['Opus here.'] });
    const result = await test('amazon-bedrock/anthropic.claude-opus-4-6-v1', { runId: 'run-2' });
    assert.deepStrictEqual(
      outputs.map((o) => o.kind),
      ['reasoning', 'text'],
    );
    assert.deepStrictEqual([result.reasoning, result.text], ['Hmm.', 'Opus here.']);
    const body = JSON.parse(bedrock.fake.requests.find((r) => r.operation === 'ConverseStream')!.body);
    assert.deepStrictEqual(
      [body.inferenceConfig.maxTokens, body.additionalModelRequestFields],
      [2048, { thinking: { type: 'enabled', budget_tokens: 1024 } }],
    );
    assert.match(result.report, /\(list price: AWS list price, us-east-1 on-demand \(read 2026-02\)\)$/);
  });

  it('a model that needs an inference profile: offers the profile id and the edit that switches the file to it', async () => {
    const result = await test('Opus');
    assert.strictEqual(result.outcome, 'failed');
    assert.strictEqual(
      result.problem?.message,
      'anthropic.claude-opus-4-6-v1 cannot be invoked on demand: Bedrock needs the id of an inference profile that contains it. Use us.anthropic.claude-opus-4-6-v1 or global.anthropic.claude-opus-4-6-v1.',
    );
    assert.deepStrictEqual(
      [result.fix?.newId, result.fix?.alternatives],
      ['us.anthropic.claude-opus-4-6-v1', ['us.anthropic.claude-opus-4-6-v1', 'global.anthropic.claude-opus-4-6-v1']],
    );
    const fixed = applyEdits(TEXT, result.fix!.edit.changes[result.fix!.uri]!);
    assert.strictEqual(fixed, TEXT.replaceAll('anthropic.claude-opus-4-6-v1', 'us.anthropic.claude-opus-4-6-v1'));
    const diagnostics = await server.change(URI, 2, fixed);
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.code === 'unknown-model' || d.code === 'unresolved-reference' || d.code === 'needs-inference-profile'),
      [],
      'every reference follows the new id',
    );
    bedrock.fake.setConverseScript('*', { text: ['ok'] });
    assert.strictEqual((await test('Opus')).outcome, 'complete', 'the alias now reaches the profile');
    await server.change(URI, 3, TEXT);
  });

  it('cancelling stops the stream and keeps what arrived', async () => {
    bedrock.fake.setConverseScript('*', { text: ['one ', 'two ', 'three ', 'four ', 'five'], chunkDelayMs: 150 });
    const source = new CancellationTokenSource();
    server.connection.onNotification('openclaw/testOutput', (params: TestOutputParams) => {
      if (params.runId === 'run-cancel' && params.delta === 'two ') source.cancel();
    });
    const result = await test('Sonnet', { runId: 'run-cancel' }, source);
    assert.strictEqual(result.outcome, 'cancelled');
    assert.strictEqual(result.text, 'one two ');
    assert.strictEqual(await bedrock.fake.requests.find((r) => r.operation === 'ConverseStream')!.ended, 'clientClosed');
  });

  it('a reference that is not a configured Bedrock model says so', async () => {
    const result = await test('openai/gpt-5');
    assert.deepStrictEqual(
      [result.outcome, result.problem],
      ['failed', { kind: 'not-configured', message: 'openai/gpt-5 is not a Bedrock model configured in this file.' }],
    );
  });

  describe('a flood of output, with a 2 s timeout', () => {
    let flooded: LspSession;
    const received: { at: number; params: TestOutputParams }[] = [];

    before(async () => {
      flooded = new LspSession({
        settings: {
          aws: { profile: 'fake' },
          bedrock: { runtimeEndpoint: bedrock.fake.runtimeEndpoint, timeoutSeconds: 2 },
          catalog: { live: false },
        },
        env: bedrock.sandbox.childEnv(),
      });
      flooded.connection.onNotification(
        'openclaw/testOutput',
        (params: TestOutputParams) => void received.push({ at: Date.now(), params }),
      );
      await flooded.initialize();
      await flooded.open(URI, TEXT);
    });
    after(async () => {
      await flooded.shutdown();
    });

    it('deltas of 1 KB, 1 GB in all: timed out at the deadline, 64K characters in a few notifications and the answer, the cut counted', async function () {
      this.timeout(30_000);
      bedrock.fake.setConverseScript('*', { flood: { deltas: 1_000_000, size: 1024 } });
      const started = Date.now();
      const result = (await flooded.connection.sendRequest('workspace/executeCommand', {
        command: 'openclaw.server.testModel',
        arguments: [{ uri: URI, reference: 'Sonnet', runId: 'flood' }],
      })) as TestModelResult;
      const elapsed = Date.now() - started;
      assert.deepStrictEqual([result.outcome, result.problem?.kind], ['broken', 'timeout']);
      assert.deepStrictEqual([result.text.length, /^x*$/.test(result.text)], [65_536, true]);
      assert.ok(result.truncated && result.truncated.limit === 65_536 && result.truncated.text > 0, JSON.stringify(result.truncated));
      assert.ok(JSON.stringify(result).length < 70_000, `the answer is ${JSON.stringify(result).length} bytes`);
      assert.ok(
        received.map((r) => r.params.delta).join('') === result.text,
        'the notifications carry the kept text, nothing past the cap',
      );
      // At most one notification per 50 ms; the first goes at once.
      assert.ok(received.length <= 1 + Math.ceil(elapsed / 50), `${received.length} notifications in ${elapsed} ms`);
    });
  });
});
