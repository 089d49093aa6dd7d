import * as assert from 'assert';
import { CatalogStatus, RefreshCatalogResult, TestModelResult } from '../../server/src/protocol';
import { Failure, Operation } from '../fakeBedrock/fakeBedrock';
import { StreamFault } from '../fakeBedrock/converse';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { scratchFolders } from '../scratch';
import { LspSession } from './lspClient';

/*
 * Bedrock failing in every way the fake can: each failure ends in a message that says what happened,
 * the server keeps answering, and the live catalog fetched before stays in use.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `{
  models: { providers: { "amazon-bedrock": { models: [{ id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet", cost: { input: 3, output: 15 } }] } } },
  agents: { defaults: { model: "amazon-bedrock/us.anthropic.claude-sonnet-4-6", models: { "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" } } } },
}`;
const TIMEOUT_SECONDS = 1;

describe('faults from Bedrock over the protocol', function () {
  this.timeout(60_000);
  const bedrock = useFakeBedrock();
  let server: LspSession;
  let liveCount = 0;

  before(async () => {
    server = new LspSession({
      settings: {
        aws: { profile: 'fake' },
        bedrock: { endpoint: bedrock.fake.controlEndpoint, runtimeEndpoint: bedrock.fake.runtimeEndpoint, timeoutSeconds: TIMEOUT_SECONDS },
        catalog: { live: true },
      },
      initializationOptions: { cacheDir: scratch() },
      env: bedrock.sandbox.childEnv(),
    });
    await server.initialize();
    await server.open(URI, TEXT);
    const refreshed = await command<RefreshCatalogResult>('openclaw.server.refreshCatalog', URI);
    assert.deepStrictEqual([refreshed.origin, refreshed.problem], ['live', undefined]);
    liveCount = refreshed.count;
  });
  after(async () => {
    await server.shutdown();
  });
  // After the hook above, so that its folder goes once the server cannot write its catalog cache there.
  const scratch = scratchFolders('openclaw-cache-', 'suite');
  beforeEach(() => bedrock.fake.reset());

  function command<T>(name: string, argument: unknown): Promise<T> {
    return server.connection.sendRequest('workspace/executeCommand', { command: name, arguments: [argument] }) as Promise<T>;
  }

  /** The server still answers, from the live catalog it had. */
  async function stillServing(): Promise<void> {
    assert.ok(server.running, 'the server is running');
    const hover = (await server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 1, character: 60 },
    })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /\*\*Sonnet\*\*/, 'hover answers');
    const status = await command<CatalogStatus>('openclaw.server.catalogStatus', { uri: URI });
    assert.deepStrictEqual([status.origin, status.count], ['live', liveCount], 'the live catalog stays');
  }

  const catalogFaults: [what: string, operation: Operation, failure: Failure, message: RegExp][] = [
    [
      'a 500 from Bedrock',
      'ListFoundationModels',
      { kind: 'serviceError', name: 'InternalServerException', message: 'Internal failure' },
      /^Bedrock failed in us-east-1 with InternalServerException \(tried \d times, backing off between tries\); try again later\. AWS said: Internal failure$/,
    ],
    [
      "a 503 without Bedrock's error header (a load balancer)",
      'ListInferenceProfiles',
      { kind: 'httpStatus', status: 503, body: '<html>Service Unavailable</html>' },
      /^http:\/\/127\.0\.0\.1:\d+ answered HTTP 503 \(Service Unavailable\) without a Bedrock error \(Unexpected token '<'.*\): a proxy or load balancer on the way may have answered instead\. Try again later, or check the proxy\.$/,
    ],
    [
      'throttling',
      'ListInferenceProfiles',
      { kind: 'serviceError', name: 'ThrottlingException', message: 'Rate exceeded' },
      /^Bedrock throttled the request in us-east-1 \(tried 2 times, backing off between tries\); try again later or check your quotas\. AWS said: Rate exceeded$/,
    ],
    [
      'malformed JSON',
      'ListFoundationModels',
      { kind: 'malformedJson' },
      /^The answer from http:\/\/127\.0\.0\.1:\d+ could not be read \(HTTP 200: Unterminated string in JSON at position \d+\): it was cut or changed on the way\. Try again\.$/,
    ],
    [
      'a dropped connection',
      'ListFoundationModels',
      { kind: 'dropConnection' },
      /^The connection to http:\/\/127\.0\.0\.1:\d+ was closed before Bedrock answered \(ECONNRESET\)\./,
    ],
  ];
  for (const [what, operation, failure, message] of catalogFaults) {
    it(`catalog refresh, ${what}: says so, and keeps serving the catalog it had`, async () => {
      bedrock.fake.fail(operation, failure);
      const result = await command<RefreshCatalogResult>('openclaw.server.refreshCatalog', URI);
      assert.match(result.problem ?? '(no problem reported)', message);
      assert.deepStrictEqual([result.origin, result.count], ['live', liveCount]);
      await stillServing();
    });
  }

  const promptFaults: [what: string, fault: Failure | StreamFault, outcome: TestModelResult['outcome'], message: RegExp][] = [
    [
      'a 500 from Bedrock',
      { kind: 'serviceError', name: 'InternalServerException', message: 'Internal failure' },
      'failed',
      /^Bedrock failed in us-east-1 with InternalServerException \(tried \d times, backing off between tries\); try again later\. AWS said: Internal failure$/,
    ],
    [
      'no answer past the timeout',
      { kind: 'hang' },
      'failed',
      /^No complete answer within 1\.0 s \(the "openclaw\.bedrock\.timeoutSeconds" setting\)\.$/,
    ],
    [
      'malformed JSON instead of an event stream',
      { kind: 'malformedJson' },
      'failed',
      /^The answer from http:\/\/127\.0\.0\.1:\d+ could not be read \(HTTP 200: Truncated event message received\.\): it was cut or changed on the way\. Try again\.$/,
    ],
    ['a stream that stalls past the timeout', { kind: 'stall', afterEvents: 3, ms: 5000 }, 'broken', /^No complete answer within 1\.0 s/],
    [
      'an exception frame mid-stream',
      { kind: 'exception', afterEvents: 3, exceptionType: 'modelStreamErrorException', message: 'The model stopped' },
      'broken',
      /^The stream broke after 7 characters: ModelStreamErrorException: The model stopped$/,
    ],
    [
      'an error frame mid-stream',
      { kind: 'errorFrame', afterEvents: 3, code: 'InternalFailure', message: 'Something broke' },
      'broken',
      /^The stream broke after 7 characters: .*Something broke/,
    ],
    ['a frame cut in half', { kind: 'truncate', afterEvents: 3 }, 'broken', /^The stream broke after 7 characters: /],
    [
      'a stream that ends early',
      { kind: 'endEarly', afterEvents: 3 },
      'broken',
      /ended before the model finished \(no messageStop\): the answer above is incomplete\.$/,
    ],
  ];
  for (const [what, fault, outcome, message] of promptFaults) {
    it(`test prompt, ${what}: says so, and the server keeps serving`, async () => {
      if (fault.kind === 'serviceError' || fault.kind === 'hang' || fault.kind === 'malformedJson') {
        bedrock.fake.setConverseScript('*', { text: ['One', ' two', ' three'] });
        bedrock.fake.fail('ConverseStream', fault);
      } else {
        bedrock.fake.setConverseScript('*', { text: ['One', ' two', ' three'], fault: fault as StreamFault });
      }
      const result = await command<TestModelResult>('openclaw.server.testModel', { uri: URI, reference: 'Sonnet', prompt: 'Hello' });
      assert.strictEqual(result.outcome, outcome, JSON.stringify(result.problem));
      assert.match(result.problem?.message ?? '(no problem reported)', message);
      if (outcome === 'broken') assert.match(result.text, /^One/, 'what arrived is kept');
      await stillServing();
    });
  }
});
