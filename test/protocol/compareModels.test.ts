import * as assert from 'assert';
import { CancellationTokenSource, Hover, MarkupContent, ResponseError, WorkDoneProgress } from 'vscode-languageserver-protocol';
import { CompareModelsResult, CompareProgressParams, TestTargetItem } from '../../server/src/protocol';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { applyEdits } from '../helpers';
import { LspSession } from './lspClient';

/*
 * openclaw.server.compareModels over the protocol, against the fake Bedrock: mixed outcomes in one
 * comparison, the concurrency bound (the fake records overlapping requests), cancelling every stream,
 * medians over runs, progress notifications, and the agent's chain on hover afterwards.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        models: [
          { id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet", cost: { input: 3, output: 15 }, contextWindow: 200000 },
          { id: "anthropic.claude-opus-4-6-v1", name: "Opus" },
          { id: "amazon.nova-lite-v1:0", name: "Nova Lite" },
          { id: "qwen.qwen3-coder-next", name: "Qwen" },
          { id: "deepseek.v3.2", name: "DeepSeek" },
          { id: "zai.glm-4.7", name: "GLM" },
        ],
      },
    },
  },
  agents: {
    defaults: {
      model: { primary: "Sonnet", fallbacks: ["amazon-bedrock/amazon.nova-lite-v1:0", "Opus"] },
      models: {
        "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" },
        "amazon-bedrock/anthropic.claude-opus-4-6-v1": { alias: "Opus" },
      },
    },
  },
}`;
const ALL = [
  'Sonnet',
  'Opus',
  'amazon-bedrock/amazon.nova-lite-v1:0',
  'amazon-bedrock/qwen.qwen3-coder-next',
  'amazon-bedrock/deepseek.v3.2',
  'amazon-bedrock/zai.glm-4.7',
];

describe('Compare Models over the protocol, against the fake Bedrock', function () {
  this.timeout(30_000);
  const bedrock = useFakeBedrock();
  const progress: CompareProgressParams[] = [];
  /** What a test does on each progress notification (a connection takes one handler per method). */
  let onProgress: (params: CompareProgressParams) => void = () => undefined;
  let server: LspSession;

  const startServer = async (extra: Record<string, unknown> = {}) => {
    const session = new LspSession({
      settings: {
        aws: { profile: 'fake' },
        bedrock: { runtimeEndpoint: bedrock.fake.runtimeEndpoint },
        catalog: { live: false },
        ...extra,
      },
      env: bedrock.sandbox.childEnv(),
    });
    session.connection.onNotification('openclaw/compareProgress', (params: CompareProgressParams) => {
      progress.push(params);
      onProgress(params);
    });
    await session.initialize();
    await session.open(URI, TEXT);
    return session;
  };
  before(async () => {
    server = await startServer();
  });
  afterEach(() => {
    progress.length = 0;
    onProgress = () => undefined;
  });
  after(async () => {
    await server.shutdown();
  });

  const compare = (session: LspSession, argument: Record<string, unknown>, token?: CancellationTokenSource) => {
    const params = { command: 'openclaw.server.compareModels', arguments: [{ uri: URI, ...argument }] };
    return (
      token
        ? session.connection.sendRequest('workspace/executeCommand', params, token.token)
        : session.connection.sendRequest('workspace/executeCommand', params)
    ) as Promise<CompareModelsResult>;
  };
  const streams = () => bedrock.fake.requests.filter((request) => request.operation === 'ConverseStream');

  it('mixed outcomes in one comparison: complete, the inference-profile fix, throttled then complete, cancelled', async () => {
    bedrock.fake.scriptOutcome('us.anthropic.claude-sonnet-4-6', {
      kind: 'complete',
      script: { text: ['Sonnet', ' here.'], usage: { inputTokens: 20, outputTokens: 100 } },
    });
    bedrock.fake.scriptOutcome('anthropic.claude-opus-4-6-v1', { kind: 'needsInferenceProfile' });
    bedrock.fake.scriptOutcome('amazon.nova-lite-v1:0', { kind: 'throttledThenComplete', script: { text: ['Nova', ' here.'] } });
    bedrock.fake.scriptOutcome('qwen.qwen3-coder-next', { kind: 'slow' });
    const source = new CancellationTokenSource();
    // Cancelled once the other three have ended and the slow one has streamed something.
    const ended = new Set<number>();
    let slowStreamed = false;
    onProgress = (params) => {
      if (params.compareId !== 'mixed') return;
      if (params.kind === 'end') ended.add(params.column);
      if (params.kind === 'text' && params.column === 3) slowStreamed = true;
      if (slowStreamed && [0, 1, 2].every((column) => ended.has(column))) source.cancel();
    };
    const result = await compare(server, { references: ALL.slice(0, 4), prompt: 'Who are you?', compareId: 'mixed' }, source);

    assert.deepStrictEqual(
      result.models.map((model) => [model.label, model.ref, model.outcome]),
      [
        ['Sonnet', 'amazon-bedrock/us.anthropic.claude-sonnet-4-6', 'complete'],
        ['Opus', 'amazon-bedrock/anthropic.claude-opus-4-6-v1', 'failed'],
        ['Nova Lite', 'amazon-bedrock/amazon.nova-lite-v1:0', 'complete'],
        ['Qwen', 'amazon-bedrock/qwen.qwen3-coder-next', 'cancelled'],
      ],
    );
    const [sonnet, opus, nova, qwen] = result.models;
    assert.deepStrictEqual(
      [sonnet!.text, nova!.text, result.prompt, result.region],
      ['Sonnet here.', 'Nova here.', 'Who are you?', 'us-east-1'],
    );
    assert.deepStrictEqual(
      [sonnet!.runs[0]!.inputTokens, sonnet!.runs[0]!.outputTokens, sonnet!.runs[0]!.cost, sonnet!.priceSource],
      [20, 100, 0.00156, 'file'],
    );
    assert.strictEqual(nova!.priceSource, 'list');
    assert.match(qwen!.text, /^part 1\. /, 'what arrived before the cancel is kept');
    // The failure's fix: the profile id, and the edit that switches the file to it.
    assert.strictEqual(
      opus!.problem?.message,
      'anthropic.claude-opus-4-6-v1 cannot be invoked on demand: Bedrock needs the id of an inference profile that contains it. Use us.anthropic.claude-opus-4-6-v1 or global.anthropic.claude-opus-4-6-v1.',
    );
    assert.strictEqual(opus!.fix?.newId, 'us.anthropic.claude-opus-4-6-v1');
    assert.strictEqual(
      applyEdits(TEXT, opus!.fix!.edit.changes[URI]!),
      TEXT.replaceAll('anthropic.claude-opus-4-6-v1', 'us.anthropic.claude-opus-4-6-v1'),
    );
    // Nova was throttled once: two requests, the second answered.
    assert.deepStrictEqual(streams().filter((request) => request.modelId === 'amazon.nova-lite-v1:0').length, 2);
    assert.strictEqual(await streams().find((request) => request.modelId === 'qwen.qwen3-coder-next')!.ended, 'clientClosed');
    // The table a user pastes.
    const lines = result.markdown.split('\n');
    assert.strictEqual(lines[0], '**Prompt:** Who are you?');
    assert.match(
      lines[4]!,
      /^\| Sonnet \(`amazon-bedrock\/us\.anthropic\.claude-sonnet-4-6`\) \| \d+ ms \| \d+ ms \| 20 \| 100 \| \d+ \| \$0\.0016 \| complete \|$/,
    );
    assert.match(
      lines[5]!,
      /^\| Opus \(`amazon-bedrock\/anthropic\.claude-opus-4-6-v1`\) \| — \| \d+ ms \| — \| — \| — \| — \| failed: anthropic\.claude-opus-4-6-v1 cannot be invoked on demand/,
    );
    assert.match(lines[6]!, /^\| Nova Lite .* \$0\.\d+ \(list\) \| complete \|$/);
    assert.match(lines[7]!, /^\| Qwen .* \| cancelled \|$/);
    // Progress: each column started, streamed, ended, in that order.
    for (const column of [0, 2, 3]) {
      const kinds = progress.filter((p) => p.compareId === 'mixed' && p.column === column).map((p) => p.kind);
      assert.deepStrictEqual(
        [kinds[0], kinds.includes('text'), kinds.at(-1)],
        ['start', true, 'end'],
        `column ${column}: ${kinds.join(', ')}`,
      );
    }
    const opusEnd = progress.find((p) => p.kind === 'end' && p.column === 1);
    assert.ok(
      opusEnd?.kind === 'end' && opusEnd.result.fix?.newId === 'us.anthropic.claude-opus-4-6-v1' && !('text' in opusEnd.result),
      'the end carries the fix, not the text',
    );
  });

  it('runs at most 4 test prompts at once by default (the fake records the overlap), all six complete', async () => {
    bedrock.fake.setConverseScript('*', { text: ['a', 'b', 'c'], chunkDelayMs: 100 });
    bedrock.fake.scriptOutcome('anthropic.claude-opus-4-6-v1', { kind: 'complete', script: { text: ['a', 'b', 'c'], chunkDelayMs: 100 } });
    const result = await compare(server, { references: ALL });
    assert.deepStrictEqual(
      result.models.map((model) => model.outcome),
      Array(6).fill('complete'),
    );
    assert.deepStrictEqual([result.concurrency, bedrock.fake.peakInFlight('ConverseStream'), streams().length], [4, 4, 6]);
  });

  it('openclaw.compare.concurrency bounds it: 2 at once', async () => {
    const bounded = await startServer({ compare: { concurrency: 2 } });
    try {
      bedrock.fake.setConverseScript('*', { text: ['a', 'b'], chunkDelayMs: 100 });
      bedrock.fake.scriptOutcome('anthropic.claude-opus-4-6-v1', { kind: 'complete', script: { text: ['a', 'b'], chunkDelayMs: 100 } });
      const result = await compare(bounded, { references: ALL });
      assert.deepStrictEqual(
        result.models.map((model) => model.outcome),
        Array(6).fill('complete'),
      );
      assert.deepStrictEqual([result.concurrency, bedrock.fake.peakInFlight('ConverseStream')], [2, 2]);
    } finally {
      await bounded.shutdown();
    }
  });

  it('cancelling stops every stream; runs not started yet end cancelled without a request', async () => {
    bedrock.fake.setConverseScript('*', { text: Array.from({ length: 40 }, () => 'slow '), chunkDelayMs: 300 });
    bedrock.fake.scriptOutcome('anthropic.claude-opus-4-6-v1', { kind: 'slow', chunkDelayMs: 300 });
    const source = new CancellationTokenSource();
    const streaming = new Set<number>();
    onProgress = (params) => {
      if (params.compareId !== 'cancel' || params.kind !== 'text') return;
      streaming.add(params.column);
      if (streaming.size === 4) source.cancel();
    };
    const started = Date.now();
    const result = await compare(server, { references: ALL.slice(0, 4), runs: 2, compareId: 'cancel' }, source);
    assert.ok(Date.now() - started < 8000, `ended ${Date.now() - started} ms after the start: not at the streams' end`);
    assert.deepStrictEqual(
      result.models.map((model) => [model.outcome, model.runs.map((run) => run.outcome)]),
      Array(4).fill(['cancelled', ['cancelled', 'cancelled']]),
    );
    assert.strictEqual(streams().length, 4, 'the second round sent nothing');
    assert.deepStrictEqual(await Promise.all(streams().map((request) => request.ended)), Array(4).fill('clientClosed'));
  });

  it('runs: 3 gives every model three runs and the table their medians; $/progress reports to a workDoneToken', async () => {
    bedrock.fake.setConverseScript('*', { text: ['x'], usage: { inputTokens: 10, outputTokens: 40 } });
    const params = {
      command: 'openclaw.server.compareModels',
      arguments: [{ uri: URI, references: ['Sonnet', 'amazon-bedrock/deepseek.v3.2'], runs: 3 }],
      workDoneToken: 'compare-progress',
    };
    const workDone: { kind: string; percentage?: number }[] = [];
    const subscription = server.connection.onProgress(WorkDoneProgress.type, 'compare-progress', (value) => void workDone.push(value));
    const result = (await server.connection.sendRequest('workspace/executeCommand', params)) as CompareModelsResult;
    assert.deepStrictEqual(
      result.models.map((model) => model.runs.map((run) => run.outcome)),
      [Array(3).fill('complete'), Array(3).fill('complete')],
    );
    assert.strictEqual(streams().length, 6);
    assert.match(
      result.markdown,
      /\| Sonnet \(`amazon-bedrock\/us\.anthropic\.claude-sonnet-4-6`\) \| \d+ ms \| \d+ ms \| 10 \| 40 \| \d+ \| \$0\.00063 \| complete \|/,
    );
    assert.ok(result.markdown.includes('Medians over 3 runs.'), result.markdown);
    subscription.dispose();
    assert.deepStrictEqual(
      workDone.map((value) => value.kind),
      ['begin', ...Array(6).fill('report'), 'end'],
    );
    assert.deepStrictEqual(workDone.map((value) => value.percentage).slice(0, 7), [0, 17, 33, 50, 67, 83, 100]);
  });

  it('the agent chain hover shows each model of agents.defaults.model with its last comparison; Test targets mark the chain', async () => {
    bedrock.fake.setConverseScript('*', { text: ['x'], usage: { inputTokens: 10, outputTokens: 40 } });
    await compare(server, { references: ['Sonnet'] });
    const line = TEXT.split('\n').findIndex((text) => text.includes('model: { primary'));
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line, character: 7 },
    })) as Hover;
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /^\*\*Model chain\*\* of agents\.defaults, in the order OpenClaw tries it\n/);
    assert.match(
      value,
      /\| 1 \| \*\*Sonnet\*\* `amazon-bedrock\/us\.anthropic\.claude-sonnet-4-6` \| \$3\.00 \/ \$15\.00 \| 200,000 \| first token \d+ ms, \d+ ms total, \d+ tok\/s, \$0\.00063 \(\d\d:\d\d\) \|/,
    );
    assert.match(value, /\| 2 \| \*\*Nova Lite\*\* `amazon-bedrock\/amazon\.nova-lite-v1:0` \| \$0\.06 \/ \$0\.24 \(list\) \|/);
    assert.match(value, /\| 3 \| \*\*Opus\*\* `amazon-bedrock\/anthropic\.claude-opus-4-6-v1` \|/);
    const targets = (await server.connection.sendRequest('workspace/executeCommand', {
      command: 'openclaw.server.testTargets',
      arguments: [{ uri: URI }],
    })) as TestTargetItem[];
    assert.deepStrictEqual(
      targets.map((target) => target.chainPosition),
      [0, 2, 1, undefined, undefined, undefined],
    );
  });

  it('arguments it cannot use: a clear InvalidParams message', async () => {
    const refused = async (argument: Record<string, unknown>) => {
      const error = await compare(server, argument).then(
        () => undefined,
        (e: ResponseError<unknown>) => e,
      );
      return error?.message;
    };
    const takes = 'openclaw.server.compareModels takes { uri, references, prompt?, runs?, compareId? }';
    assert.strictEqual(await refused({ references: [] }), `${takes}: references holds 0, not 1 to 20.`);
    assert.strictEqual(await refused({ references: ['Sonnet', 3] }), `${takes}: references is not a list of strings.`);
    assert.strictEqual(await refused({ references: ['Sonnet'], runs: 0 }), `${takes}: runs is 0, not a whole number from 1 to 10.`);
    assert.strictEqual(await refused({ references: ['Sonnet'], runs: 1.5 }), `${takes}: runs is 1.5, not a whole number from 1 to 10.`);
    assert.strictEqual(streams().length, 0);
  });
});
