import { performance } from 'perf_hooks';
import { CompareModelsResult, CompareProgressParams } from '../server/src/protocol';
import { AwsSandbox } from '../test/awsSandbox';
import { FakeBedrock } from '../test/fakeBedrock/fakeBedrock';
import { LspSession } from '../test/protocol/lspClient';
import { summarize, Timing } from './stats';

/**
 * Compare Models over the protocol against the fake Bedrock with 200 ms latency per request: from the
 * command (workspace/executeCommand) to the first column's first token (its first text notification),
 * and to the answer. The server is warm (one comparison first): the runtime client is loaded.
 */
export interface CompareFigures {
  latencyMs: number;
  models: number;
  firstToken: Timing;
  total: Timing;
  /** The most ConverseStream requests the fake answered at once. */
  peakInFlight: number;
}

const LATENCY_MS = 200;
const RUNS = 10;
const URI = 'file:///bench/openclaw.json';
const MODELS = ['qwen.qwen3-coder-next', 'deepseek.v3.2', 'zai.glm-4.7', 'moonshotai.kimi-k2.5', 'minimax.minimax-m2.1'];
const TEXT = JSON.stringify({
  models: {
    providers: {
      'amazon-bedrock': { baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com', models: MODELS.map((id) => ({ id, name: id })) },
    },
  },
});

export async function measureCompare(): Promise<CompareFigures> {
  const fake = await FakeBedrock.start();
  const sandbox = new AwsSandbox();
  const server = new LspSession({
    settings: { aws: { profile: 'fake' }, bedrock: { runtimeEndpoint: fake.runtimeEndpoint }, catalog: { live: false } },
    env: sandbox.childEnv(),
  });
  let firstText: ((params: CompareProgressParams) => void) | undefined;
  server.connection.onNotification('openclaw/compareProgress', (params: CompareProgressParams) => firstText?.(params));
  try {
    await server.initialize();
    await server.open(URI, TEXT);
    fake.delay('ConverseStream', LATENCY_MS);
    fake.setConverseScript('*', { text: ['One', ' two', ' three.'], chunkDelayMs: 20 });
    const references = MODELS.map((id) => `amazon-bedrock/${id}`);
    const compare = () =>
      server.connection.sendRequest('workspace/executeCommand', {
        command: 'openclaw.server.compareModels',
        arguments: [{ uri: URI, references }],
      }) as Promise<CompareModelsResult>;
    await compare();
    const firstTokens: number[] = [];
    const totals: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const firstToken = new Promise<number>((resolve) => {
        firstText = (params) => {
          if (params.kind === 'text' && params.column === 0) {
            firstText = undefined;
            resolve(performance.now() - started);
          }
        };
      });
      const result = await compare();
      if (result.models.some((model) => model.outcome !== 'complete')) throw new Error(`a comparison did not complete: ${result.markdown}`);
      totals.push(performance.now() - started);
      firstTokens.push(await firstToken);
    }
    return {
      latencyMs: LATENCY_MS,
      models: MODELS.length,
      firstToken: summarize(firstTokens),
      total: summarize(totals),
      peakInFlight: fake.peakInFlight('ConverseStream'),
    };
  } finally {
    await server.shutdown();
    sandbox.restore();
    await fake.stop();
  }
}
