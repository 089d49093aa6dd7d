import * as assert from 'assert';
import { spawn } from 'child_process';
import { join } from 'path';
import {
  BedrockClient,
  GetFoundationModelCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
  paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  ConverseStreamOutput,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { foundationModel } from '../fakeBedrock/catalog';
import { FakeBedrock, RecordedRequest } from '../fakeBedrock/fakeBedrock';
import { ServiceErrorName } from '../fakeBedrock/replies';

const credentials = { accessKeyId: 'AKIDFAKEFAKEFAKE', secretAccessKey: 'fake-secret-not-real' };
const USER_MESSAGE = [{ role: 'user' as const, content: [{ text: 'Say hello' }] }];

interface Destroyable {
  destroy(): void;
}

/** The default catalog's profiles a us-east-1 listing has: no eu. ones. */
function inUsEast1<T extends { inferenceProfileId: string }>(profiles: T[]): T[] {
  return profiles.filter((profile) => !profile.inferenceProfileId.startsWith('eu.'));
}

describe('fake Bedrock, driven by the real AWS SDK', function () {
  let fake: FakeBedrock;
  const logLines: string[] = [];
  const clients: Destroyable[] = [];

  function disposable<T extends Destroyable>(client: T): T {
    clients.push(client);
    return client;
  }

  function control(config: { maxAttempts?: number; endpoint?: string; region?: string } = {}): BedrockClient {
    return disposable(new BedrockClient({ region: 'us-east-1', endpoint: fake.controlEndpoint, credentials, maxAttempts: 1, ...config }));
  }

  function runtime(config: { maxAttempts?: number; endpoint?: string; requestHandler?: NodeHttpHandler } = {}): BedrockRuntimeClient {
    return disposable(
      new BedrockRuntimeClient({ region: 'us-east-1', endpoint: fake.runtimeEndpoint, credentials, maxAttempts: 1, ...config }),
    );
  }

  /** The events of a ConverseStream as [member, value] pairs, in order. */
  async function converseStream(client: BedrockRuntimeClient, modelId: string): Promise<[string, unknown][]> {
    const response = await client.send(new ConverseStreamCommand({ modelId, messages: USER_MESSAGE }));
    const events: [string, unknown][] = [];
    for await (const event of response.stream!) events.push(memberOf(event));
    return events;
  }

  function lastRequest(): RecordedRequest {
    const request = fake.requests.at(-1);
    assert.ok(request, 'the fake saw a request');
    return request;
  }

  before(async () => {
    fake = await FakeBedrock.start({ log: (line) => logLines.push(line) });
  });

  afterEach(() => {
    clients.splice(0).forEach((client) => client.destroy());
    fake.reset();
  });

  after(async () => {
    await fake.stop();
  });

  describe('control plane', () => {
    it('lists foundation models, filtered by provider, output modality and inference type', async () => {
      const client = control();
      const all = await client.send(new ListFoundationModelsCommand({}));
      assert.strictEqual(all.modelSummaries?.length, fake.catalog.foundationModels.length);
      const anthropic = await client.send(new ListFoundationModelsCommand({ byProvider: 'anthropic' }));
      assert.deepStrictEqual(
        anthropic.modelSummaries?.map((m) => m.modelId),
        [
          'anthropic.claude-opus-4-6-v1',
          'anthropic.claude-sonnet-4-6',
          'anthropic.claude-haiku-4-5-20251001-v1:0',
          'anthropic.claude-3-5-sonnet-20240620-v1:0',
          'anthropic.claude-3-5-sonnet-20240620-v1:0:200k',
          'anthropic.claude-v2:1',
        ],
      );
      assert.deepStrictEqual(lastRequest().query, { byProvider: 'anthropic' });
      const embeddings = await client.send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }));
      assert.deepStrictEqual(
        embeddings.modelSummaries?.map((m) => m.modelId),
        ['amazon.titan-embed-text-v2:0'],
      );
      const provisioned = await client.send(new ListFoundationModelsCommand({ byInferenceType: 'PROVISIONED' }));
      assert.deepStrictEqual(
        provisioned.modelSummaries?.map((m) => m.modelId),
        ['anthropic.claude-3-5-sonnet-20240620-v1:0:200k'],
      );
      const invalid = await rejection(client.send(new ListFoundationModelsCommand({ byOutputModality: 'AUDIO' as 'TEXT' })));
      assert.deepStrictEqual([invalid.name, invalid.$metadata.httpStatusCode], ['ValidationException', 400]);
      assert.match(invalid.message, /Value 'AUDIO' at 'byOutputModality' failed to satisfy constraint/);
    });

    it('serves the catalog a test sets', async () => {
      fake.catalog = { foundationModels: [foundationModel('acme.model-v1:0', { providerName: 'Acme' })], inferenceProfiles: [] };
      const listed = await control().send(new ListFoundationModelsCommand({}));
      assert.deepStrictEqual(
        listed.modelSummaries?.map((m) => [m.modelId, m.providerName, m.modelArn]),
        [['acme.model-v1:0', 'Acme', 'arn:aws:bedrock:us-east-1::foundation-model/acme.model-v1:0']],
      );
    });

    it('gets one foundation model by its percent-encoded id, and 404s an unknown one', async () => {
      const client = control();
      const found = await client.send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-pro-v1:0' }));
      assert.strictEqual(found.modelDetails?.modelName, 'Nova Pro');
      assert.deepStrictEqual(found.modelDetails?.inferenceTypesSupported, ['ON_DEMAND', 'INFERENCE_PROFILE']);
      assert.strictEqual(lastRequest().path, '/foundation-models/amazon.nova-pro-v1%3A0');
      assert.strictEqual(lastRequest().modelId, 'amazon.nova-pro-v1:0');
      const error = await rejection(client.send(new GetFoundationModelCommand({ modelIdentifier: 'acme.unknown-v9' })));
      assert.strictEqual(error.name, 'ResourceNotFoundException');
      assert.strictEqual(error.$metadata.httpStatusCode, 404);
    });

    it('pages inference profiles: the paginator follows nextToken until the last page', async () => {
      fake.pageSize = 5;
      const pages = [];
      for await (const page of paginateListInferenceProfiles({ client: control() }, {})) pages.push(page);
      const listed = inUsEast1(fake.catalog.inferenceProfiles);
      assert.strictEqual(listed.length, 12);
      assert.deepStrictEqual(
        pages.map((p) => p.inferenceProfileSummaries?.length),
        [5, 5, 2],
      );
      assert.deepStrictEqual(
        fake.requests.map((r) => r.query.nextToken),
        [undefined, pages[0]!.nextToken, pages[1]!.nextToken],
      );
      assert.strictEqual(pages[2]!.nextToken, undefined);
      const ids = pages.flatMap((p) => p.inferenceProfileSummaries!.map((s) => s.inferenceProfileId));
      assert.deepStrictEqual(
        ids,
        listed.map((p) => p.inferenceProfileId),
      );
      const opus = pages[0]!.inferenceProfileSummaries![0]!;
      assert.strictEqual(
        opus.inferenceProfileArn,
        'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-6-v1',
      );
      assert.deepStrictEqual(
        opus.models?.map((m) => m.modelArn),
        ['us-east-1', 'us-east-2', 'us-west-2'].map((region) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-opus-4-6-v1`),
      );
      assert.ok(opus.createdAt instanceof Date && opus.createdAt.getUTCFullYear() === 2026, 'timestamps arrive as Dates');
    });

    it('sends the paginator page size as maxResults and typeEquals as the query key type', async () => {
      const client = control();
      const pages = [];
      for await (const page of paginateListInferenceProfiles({ client, pageSize: 4 }, { typeEquals: 'SYSTEM_DEFINED' })) pages.push(page);
      assert.deepStrictEqual(
        fake.requests.map((r) => [r.query.maxResults, r.query.type]),
        pages.map(() => ['4', 'SYSTEM_DEFINED']),
      );
      const systemDefined = inUsEast1(fake.catalog.inferenceProfiles).filter((p) => p.type === 'SYSTEM_DEFINED').length;
      assert.strictEqual(pages.length, Math.ceil(systemDefined / 4));
      const applications = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
      assert.deepStrictEqual(
        applications.inferenceProfileSummaries?.map((p) => [p.inferenceProfileName, p.type]),
        [['team-sonnet', 'APPLICATION']],
      );
      assert.strictEqual(applications.nextToken, undefined, 'without maxResults everything comes on one page');
    });

    it("lists inference profiles as the region asked does: its geography's and global ones, none of another geography", async () => {
      const listed = async (region: string) =>
        ((await control({ region }).send(new ListInferenceProfilesCommand({}))).inferenceProfileSummaries ?? []).map(
          (p) => p.inferenceProfileId!.split('.')[0],
        );
      assert.deepStrictEqual(new Set(await listed('us-east-1')), new Set(['us', 'global', 'k3x9q2w7v1ab']));
      assert.deepStrictEqual(new Set(await listed('eu-west-1')), new Set(['eu', 'global']));
      assert.deepStrictEqual(new Set(await listed('us-gov-west-1')), new Set(['global']));
    });

    it('answers runtime operations only on the runtime endpoint', async () => {
      const error = await rejection(control({ endpoint: fake.runtimeEndpoint }).send(new ListFoundationModelsCommand({})));
      assert.strictEqual(error.name, 'UnknownOperationException');
      assert.strictEqual(error.$metadata.httpStatusCode, 404);
      assert.strictEqual(lastRequest().endpoint, 'runtime');
      assert.strictEqual(lastRequest().operation, undefined);
    });

    it('serves a cut-off JSON body when asked for malformed JSON', async () => {
      fake.fail('ListFoundationModels', { kind: 'malformedJson' });
      const error = await rejection(control().send(new ListFoundationModelsCommand({})));
      assert.strictEqual(error.name, 'SyntaxError');
      assert.strictEqual(error.$metadata.httpStatusCode, 200);
    });
  });

  describe('ConverseStream', () => {
    it('streams reasoning, text, stop and metadata over HTTP/2 in Bedrock order', async () => {
      fake.setConverseScript('*', {
        reasoning: ['Let me', ' think.'],
        text: ['Hello', ' there', '!'],
        usage: { inputTokens: 12, outputTokens: 7 },
        latencyMs: 321,
      });
      const events = await converseStream(runtime(), 'us.anthropic.claude-sonnet-4-6');
      assert.deepStrictEqual(events, [
        ['messageStart', { role: 'assistant' }],
        ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Let me' } } }],
        ['contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: ' think.' } } }],
        ['contentBlockStop', { contentBlockIndex: 0 }],
        ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Hello' } }],
        ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: ' there' } }],
        ['contentBlockDelta', { contentBlockIndex: 1, delta: { text: '!' } }],
        ['contentBlockStop', { contentBlockIndex: 1 }],
        ['messageStop', { stopReason: 'end_turn' }],
        ['metadata', { usage: { inputTokens: 12, outputTokens: 7, totalTokens: 19 }, metrics: { latencyMs: 321 } }],
      ]);
      const request = lastRequest();
      assert.deepStrictEqual(
        [request.operation, request.protocol, request.endpoint, request.modelId],
        ['ConverseStream', 'http2', 'runtime', 'us.anthropic.claude-sonnet-4-6'],
      );
      assert.deepStrictEqual(JSON.parse(request.body).messages, USER_MESSAGE);
      assert.strictEqual(await request.ended, 'completed');
    });

    it("decodes a percent-encoded model id or ARN and uses that model's own script", async () => {
      fake.setConverseScript('amazon.nova-pro-v1:0', { text: ['nova'] });
      const arn = 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-pro-v1:0';
      const client = runtime();
      assert.deepStrictEqual(textOf(await converseStream(client, 'amazon.nova-pro-v1:0')), 'nova');
      assert.strictEqual(lastRequest().path, '/model/amazon.nova-pro-v1%3A0/converse-stream');
      assert.deepStrictEqual(textOf(await converseStream(client, arn)), 'Hello from the fake Bedrock.');
      assert.strictEqual(lastRequest().modelId, arn);
    });

    it('works over HTTP/1.1 against the control endpoint with NodeHttpHandler', async () => {
      const client = runtime({ endpoint: fake.controlEndpoint, requestHandler: new NodeHttpHandler() });
      assert.strictEqual(textOf(await converseStream(client, 'amazon.nova-lite-v1:0')), 'Hello from the fake Bedrock.');
      assert.deepStrictEqual([lastRequest().protocol, lastRequest().endpoint], ['http1', 'control']);
      const converse = await client.send(new ConverseCommand({ modelId: 'amazon.nova-lite-v1:0', messages: USER_MESSAGE }));
      assert.deepStrictEqual(converse.output?.message?.content, [{ text: 'Hello from the fake Bedrock.' }]);
    });

    it('answers Converse with the whole message, stop reason and usage', async () => {
      fake.setConverseScript('*', {
        reasoning: ['Hm.'],
        text: ['Fine', '.'],
        stopReason: 'max_tokens',
        usage: { inputTokens: 3, outputTokens: 2 },
      });
      const response = await runtime().send(new ConverseCommand({ modelId: 'deepseek.v3.2', messages: USER_MESSAGE }));
      assert.deepStrictEqual(response.output?.message?.content, [
        { reasoningContent: { reasoningText: { text: 'Hm.' } } },
        { text: 'Fine.' },
      ]);
      assert.strictEqual(response.stopReason, 'max_tokens');
      assert.deepStrictEqual(response.usage, { inputTokens: 3, outputTokens: 2, totalTokens: 5 });
    });

    it('refuses on-demand calls to a profile-only model with the AWS text', async () => {
      const error = await rejection(converseStream(runtime(), 'anthropic.claude-opus-4-6-v1'));
      assert.strictEqual(error.name, 'ValidationException');
      assert.strictEqual(error.$metadata.httpStatusCode, 400);
      assert.strictEqual(
        error.message,
        "Invocation of model ID anthropic.claude-opus-4-6-v1 with on-demand throughput isn't supported. " +
          'Retry your request with the ID or ARN of an inference profile that contains this model.',
      );
      const unknown = await rejection(converseStream(runtime(), 'acme.unknown-v9'));
      assert.strictEqual(unknown.message, 'The provided model identifier is invalid.');
    });

    it('surfaces every pre-stream error as its SDK class and HTTP status', async () => {
      const cases: [ServiceErrorName, number][] = [
        ['ValidationException', 400],
        ['AccessDeniedException', 403],
        ['ResourceNotFoundException', 404],
        ['ModelTimeoutException', 408],
        ['ModelErrorException', 424],
        ['ThrottlingException', 429],
        ['InternalServerException', 500],
        ['ServiceUnavailableException', 503],
        ['UnrecognizedClientException', 403],
      ];
      const client = runtime();
      for (const [name, status] of cases) {
        fake.fail('ConverseStream', { kind: 'serviceError', name, message: `fake ${name}` }, { times: 1 });
        const error = await rejection(converseStream(client, 'amazon.nova-pro-v1:0'));
        assert.deepStrictEqual([error.name, error.$metadata.httpStatusCode, error.message], [name, status, `fake ${name}`]);
      }
      fake.fail('ConverseStream', { kind: 'httpStatus', status: 502 }, { times: 1 });
      const badGateway = await rejection(converseStream(client, 'amazon.nova-pro-v1:0'));
      assert.strictEqual(badGateway.$metadata.httpStatusCode, 502);
      fake.fail('ListInferenceProfiles', { kind: 'serviceError', name: 'AccessDeniedException' });
      const denied = await rejection(control().send(new ListInferenceProfilesCommand({})));
      assert.deepStrictEqual([denied.name, denied.$metadata.httpStatusCode], ['AccessDeniedException', 403]);
    });

    it('fails only for the given model', async () => {
      fake.fail('ConverseStream', { kind: 'onDemandNotSupported' }, { modelId: 'deepseek.v3.2' });
      const client = runtime();
      const error = await rejection(converseStream(client, 'deepseek.v3.2'));
      assert.match(error.message, /^Invocation of model ID deepseek\.v3\.2 with on-demand throughput isn't supported\./);
      assert.strictEqual(textOf(await converseStream(client, 'zai.glm-4.7')), 'Hello from the fake Bedrock.');
    });

    it('fails only the next N times, so a retrying client gets through', async () => {
      fake.fail('ConverseStream', { kind: 'serviceError', name: 'ServiceUnavailableException' }, { times: 2 });
      const events = await converseStream(runtime({ maxAttempts: 3 }), 'amazon.nova-pro-v1:0');
      assert.strictEqual(textOf(events), 'Hello from the fake Bedrock.');
      assert.strictEqual(fake.requests.length, 3);
    });

    it('throws an in-stream exception from the for-await loop after the given events', async () => {
      fake.setConverseScript('*', {
        fault: { kind: 'exception', afterEvents: 2, exceptionType: 'throttlingException', message: 'Slow down' },
      });
      const seen: string[] = [];
      const response = await runtime().send(new ConverseStreamCommand({ modelId: 'amazon.nova-pro-v1:0', messages: USER_MESSAGE }));
      const error = await rejection(
        (async () => {
          for await (const event of response.stream!) seen.push(memberOf(event)[0]);
        })(),
      );
      assert.ok(error instanceof ThrottlingException);
      assert.strictEqual(error.message, 'Slow down');
      assert.deepStrictEqual(seen, ['messageStart', 'contentBlockDelta']);
    });

    it('passes originalStatusCode of a modelStreamErrorException, and error frames as errors named by their code', async () => {
      const client = runtime();
      fake.setConverseScript('*', {
        fault: {
          kind: 'exception',
          afterEvents: 1,
          exceptionType: 'modelStreamErrorException',
          originalStatusCode: 529,
          originalMessage: 'Overloaded',
        },
      });
      const modelError = await rejection(converseStream(client, 'amazon.nova-pro-v1:0'));
      assert.deepStrictEqual(
        [modelError.name, modelError.originalStatusCode, modelError.originalMessage],
        ['ModelStreamErrorException', 529, 'Overloaded'],
      );
      fake.setConverseScript('*', { fault: { kind: 'errorFrame', afterEvents: 1, code: 'InternalFailure', message: 'It broke' } });
      const frameError = await rejection(converseStream(client, 'amazon.nova-pro-v1:0'));
      assert.deepStrictEqual([frameError.name, frameError.message], ['InternalFailure', 'It broke']);
    });

    it('cuts a stream mid-frame (an error in the loop) or ends it early (no error, no messageStop)', async () => {
      fake.setConverseScript('*', { fault: { kind: 'truncate', afterEvents: 3 } });
      for (const client of [runtime(), runtime({ endpoint: fake.controlEndpoint, requestHandler: new NodeHttpHandler() })]) {
        await rejection(converseStream(client, 'amazon.nova-pro-v1:0'));
        assert.strictEqual(await lastRequest().ended, 'cut');
      }
      fake.setConverseScript('*', { fault: { kind: 'endEarly', afterEvents: 3 } });
      const events = await converseStream(runtime(), 'amazon.nova-pro-v1:0');
      assert.deepStrictEqual(
        events.map(([member]) => member),
        ['messageStart', 'contentBlockDelta', 'contentBlockDelta'],
      );
    });

    it('drops the connection between frames: an error over HTTP/1.1, a quiet end over HTTP/2', async () => {
      fake.setConverseScript('*', { fault: { kind: 'dropConnection', afterEvents: 2 } });
      const http1 = runtime({ endpoint: fake.controlEndpoint, requestHandler: new NodeHttpHandler() });
      await rejection(converseStream(http1, 'amazon.nova-pro-v1:0'));
      const events = await converseStream(runtime(), 'amazon.nova-pro-v1:0');
      assert.deepStrictEqual(
        events.map(([member]) => member),
        ['messageStart', 'contentBlockDelta'],
      );
      assert.deepStrictEqual(await Promise.all(fake.requests.map((r) => r.ended)), ['cut', 'cut']);
    });

    it('stalls mid-stream for the given time, then goes on', async () => {
      fake.setConverseScript('*', { text: ['a', 'b'], fault: { kind: 'stall', afterEvents: 2, ms: 150 } });
      const started = Date.now();
      const response = await runtime().send(new ConverseStreamCommand({ modelId: 'amazon.nova-pro-v1:0', messages: USER_MESSAGE }));
      const arrivals: number[] = [];
      for await (const event of response.stream!) {
        if (event.contentBlockDelta) arrivals.push(Date.now() - started);
      }
      assert.strictEqual(arrivals.length, 2);
      assert.ok(arrivals[1]! >= 145, `the text after the stall came after ${arrivals[1]} ms`);
    });

    it('floods: N text deltas of S characters, sent in large writes, then the usual end', async () => {
      fake.setConverseScript('*', { flood: { deltas: 3000, size: 100 } });
      const events = await converseStream(runtime(), 'amazon.nova-pro-v1:0');
      const deltas = events.filter(([member]) => member === 'contentBlockDelta');
      assert.deepStrictEqual([deltas.length, textOf(events).length, /^x+$/.test(textOf(events))], [3000, 300_000, true]);
      assert.deepStrictEqual(
        events.slice(-3).map(([member]) => member),
        ['contentBlockStop', 'messageStop', 'metadata'],
      );
      assert.strictEqual((events.at(-1)![1] as { usage: { outputTokens: number } }).usage.outputTokens, 75_000, 'four characters a token');
    });

    it('ends the loop quietly when the client aborts mid-stream, and sees the stream closed', async () => {
      fake.setConverseScript('*', { text: Array.from({ length: 50 }, (_, i) => `chunk ${i} `), chunkDelayMs: 20 });
      const abort = new AbortController();
      const response = await runtime().send(new ConverseStreamCommand({ modelId: 'amazon.nova-pro-v1:0', messages: USER_MESSAGE }), {
        abortSignal: abort.signal,
      });
      let deltas = 0;
      for await (const event of response.stream!) {
        if (event.contentBlockDelta && ++deltas === 2) abort.abort();
      }
      assert.ok(deltas < 5, `${deltas} deltas arrived after the abort`);
      assert.strictEqual(await lastRequest().ended, 'clientClosed');
    });
  });

  describe('faults and bookkeeping', () => {
    it('adds latency per operation, and parallel requests overlap', async () => {
      fake.delay('ListFoundationModels', 150);
      const client = control();
      const started = Date.now();
      await Promise.all([client.send(new ListFoundationModelsCommand({})), client.send(new ListFoundationModelsCommand({}))]);
      assert.ok(Date.now() - started >= 145, `two delayed calls took ${Date.now() - started} ms`);
      const [first, second] = fake.requests;
      assert.ok(second!.time - first!.time < 150, 'the second call arrived while the first was still delayed');
      const quick = Date.now();
      await client.send(new ListInferenceProfilesCommand({}));
      assert.ok(Date.now() - quick < 145, 'other operations are not delayed');
      fake.delay('*', 80);
      const slow = Date.now();
      await client.send(new ListInferenceProfilesCommand({}));
      assert.ok(Date.now() - slow >= 75, "'*' delays every operation without its own delay");
    });

    it('hangs until the client times out, over HTTP/1.1 and HTTP/2', async () => {
      fake.fail('ListFoundationModels', { kind: 'hang' });
      fake.fail('ConverseStream', { kind: 'hang' });
      // Without throwOnRequestTimeout, NodeHttpHandler only logs a warning when requestTimeout passes.
      const requestHandler = new NodeHttpHandler({ requestTimeout: 100, throwOnRequestTimeout: true });
      const listing = await rejection(
        disposable(
          new BedrockClient({ region: 'us-east-1', endpoint: fake.controlEndpoint, credentials, maxAttempts: 1, requestHandler }),
        ).send(new ListFoundationModelsCommand({})),
      );
      assert.strictEqual(listing.name, 'TimeoutError');
      const streaming = await rejection(
        disposable(
          new BedrockRuntimeClient({
            region: 'us-east-1',
            endpoint: fake.runtimeEndpoint,
            credentials,
            maxAttempts: 1,
            requestHandler: { requestTimeout: 100 },
          }),
        ).send(new ConverseStreamCommand({ modelId: 'amazon.nova-pro-v1:0', messages: USER_MESSAGE })),
      );
      assert.strictEqual(streaming.name, 'TimeoutError');
      assert.deepStrictEqual(await Promise.all(fake.requests.map((r) => r.ended)), ['clientClosed', 'clientClosed']);
    });

    it('drops the connection before answering', async () => {
      fake.fail('ListInferenceProfiles', { kind: 'dropConnection' }, { times: 1 });
      const client = control();
      await rejection(client.send(new ListInferenceProfilesCommand({})));
      assert.strictEqual(await lastRequest().ended, 'cut');
      const retried = await client.send(new ListInferenceProfilesCommand({}));
      assert.strictEqual(retried.inferenceProfileSummaries?.length, inUsEast1(fake.catalog.inferenceProfiles).length);
    });

    it('records requests with credentials in headers but never logs them', async () => {
      logLines.length = 0;
      await control().send(new ListFoundationModelsCommand({}));
      await converseStream(runtime(), 'us.deepseek.r1-v1:0');
      const [list, stream] = fake.requests;
      assert.deepStrictEqual([list!.operation, list!.protocol, list!.method], ['ListFoundationModels', 'http1', 'GET']);
      assert.deepStrictEqual([stream!.operation, stream!.protocol, stream!.method], ['ConverseStream', 'http2', 'POST']);
      assert.match(stream!.headers.authorization!, /^AWS4-HMAC-SHA256 Credential=AKIDFAKEFAKEFAKE\//);
      assert.ok(list!.time <= stream!.time);
      assert.strictEqual(logLines.length, 2);
      assert.ok(
        logLines.every((line) => !/AKID|Signature|authorization|fake-secret/i.test(line)),
        logLines.join('\n'),
      );
    });

    it('stops promptly with a hung request and an open stream', async () => {
      const own = await FakeBedrock.start();
      own.fail('ListFoundationModels', { kind: 'hang' });
      own.setConverseScript('*', { text: ['slow'], chunkDelayMs: 60_000 });
      const listing = disposable(new BedrockClient({ region: 'us-east-1', endpoint: own.controlEndpoint, credentials, maxAttempts: 1 }))
        .send(new ListFoundationModelsCommand({}))
        .then(
          () => 'answered',
          () => 'rejected',
        );
      const client = disposable(
        new BedrockRuntimeClient({ region: 'us-east-1', endpoint: own.runtimeEndpoint, credentials, maxAttempts: 1 }),
      );
      const response = await client.send(new ConverseStreamCommand({ modelId: 'amazon.nova-pro-v1:0', messages: USER_MESSAGE }));
      const members: string[] = [];
      let stopMs = Infinity;
      for await (const event of response.stream!) {
        members.push(memberOf(event)[0]);
        while (own.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
        const started = Date.now();
        await own.stop();
        stopMs = Date.now() - started;
      }
      assert.ok(stopMs < 200, `stop took ${stopMs} ms`);
      assert.deepStrictEqual(await Promise.all(own.requests.map((r) => r.ended)), ['serverStopped', 'serverStopped']);
      assert.strictEqual(await listing, 'rejected');
      // Over HTTP/2 a connection closed between frames ends the SDK's loop without an error.
      assert.deepStrictEqual(members, ['messageStart']);
    });
  });
});

describe('fake Bedrock command line', () => {
  it('prints the endpoints and the VS Code settings, and stops cleanly on SIGTERM', async function () {
    this.timeout(10_000);
    const main = join(__dirname, '..', 'fakeBedrock', 'main.ts');
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), main, '--control-port', '0', '--runtime-port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    try {
      while (!output.includes('Ctrl+C')) {
        assert.strictEqual(child.exitCode, null, output);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const settings =
        /"openclaw\.bedrock\.endpoint": "(http:\/\/127\.0\.0\.1:\d+)",\n {2}"openclaw\.bedrock\.runtimeEndpoint": "(http:\/\/127\.0\.0\.1:\d+)"/.exec(
          output,
        );
      assert.ok(settings && settings[1] !== settings[2], output);
      const client = new BedrockClient({ region: 'us-east-1', endpoint: settings[1], credentials, maxAttempts: 1 });
      const listed = await client.send(new ListFoundationModelsCommand({ byProvider: 'Amazon' })).finally(() => client.destroy());
      assert.ok(listed.modelSummaries?.some((m) => m.modelId === 'amazon.nova-pro-v1:0'));
    } finally {
      child.kill('SIGTERM');
    }
    assert.strictEqual(await exited, 0);
  });
});

function memberOf(event: ConverseStreamOutput): [string, unknown] {
  const entries = Object.entries(event).filter(([, value]) => value !== undefined);
  assert.strictEqual(entries.length, 1, `one member per event: ${JSON.stringify(event)}`);
  return entries[0]!;
}

function textOf(events: [string, unknown][]): string {
  return events
    .map(([member, value]) => (member === 'contentBlockDelta' ? ((value as { delta: { text?: string } }).delta.text ?? '') : ''))
    .join('');
}

/** What the tests read of an SDK error; the fields past `message` exist only on some. */
interface SdkError extends Error {
  $metadata: { httpStatusCode?: number };
  originalStatusCode?: number;
  originalMessage?: string;
}

/** The error a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof Error, `rejected with ${String(error)}`);
    return error as SdkError;
  }
  assert.fail('expected a rejection');
}
