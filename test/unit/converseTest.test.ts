import * as assert from 'assert';
import { ConverseTestOutcome, ConverseTestRequest, MAX_KEPT_CHARACTERS, runConverseTest } from '../../server/src/bedrock/converseTest';
import { useFakeBedrock } from '../fakeBedrockFixture';

describe('test prompt: ConverseStream through the real SDK, against the fake Bedrock', function () {
  const bedrock = useFakeBedrock({ enterSandbox: true });

  function request(overrides: Partial<ConverseTestRequest> = {}): ConverseTestRequest {
    return {
      connection: { region: 'us-east-1', profile: 'fake' },
      endpoint: bedrock.fake.runtimeEndpoint,
      network: {},
      modelId: 'us.anthropic.claude-sonnet-4-6',
      prompt: 'Say hello.',
      maxTokens: 512,
      timeoutMs: 5000,
      ...overrides,
    };
  }

  async function run(overrides: Partial<ConverseTestRequest> = {}, cancel = new AbortController().signal) {
    const streamed: string[] = [];
    const outcome: ConverseTestOutcome = await runConverseTest(
      request(overrides),
      { text: (delta) => streamed.push(`text:${delta}`), reasoning: (delta) => streamed.push(`reasoning:${delta}`) },
      cancel,
    );
    return { outcome, streamed };
  }

  const converseRequests = () => bedrock.fake.requests.filter((r) => r.operation === 'ConverseStream');

  it('streams the answer as it arrives, reasoning apart, with timings, tokens and stop reason', async () => {
    bedrock.fake.setConverseScript('*', {
      reasoning: ['Think', 'ing.'],
      text: ['Hel', 'lo', '!'],
      usage: { inputTokens: 12, outputTokens: 40 },
      chunkDelayMs: 20,
    });
    const { outcome, streamed } = await run();
    assert.deepStrictEqual(streamed, ['reasoning:Think', 'reasoning:ing.', 'text:Hel', 'text:lo', 'text:!']);
    assert.strictEqual(outcome.text, 'Hello!');
    assert.strictEqual(outcome.reasoning, 'Thinking.');
    const m = outcome.measurements;
    assert.deepStrictEqual([m.outcome, m.inputTokens, m.outputTokens, m.stopReason, m.error], ['complete', 12, 40, 'end_turn', undefined]);
    assert.ok(m.timeToFirstTokenMs! > 0 && m.timeToFirstTokenMs! < m.totalMs, 'first token before the end');
    assert.ok(m.totalMs >= 80, `five chunks 20 ms apart: ${m.totalMs}`);
    const sent = JSON.parse(converseRequests()[0]!.body);
    assert.deepStrictEqual(sent.inferenceConfig, { maxTokens: 512 });
    assert.deepStrictEqual(sent.messages, [{ role: 'user', content: [{ text: 'Say hello.' }] }]);
    assert.strictEqual(converseRequests()[0]!.protocol, 'http2');
  });

  it('asks Claude for extended thinking with the budget given', async () => {
    bedrock.fake.setConverseScript('*', { text: ['ok'] });
    await run({ thinkingBudget: 1024, maxTokens: 2048 });
    assert.deepStrictEqual(JSON.parse(converseRequests()[0]!.body).additionalModelRequestFields, {
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
  });

  describe('errors say what to do', () => {
    it('no credentials: which profile, which setting', async () => {
      const { outcome } = await run({ connection: { region: 'us-east-1', profile: 'nobody' } });
      assert.strictEqual(outcome.measurements.outcome, 'failed');
      assert.strictEqual(outcome.problem?.kind, 'credentials');
      assert.match(outcome.problem!.message, /^No AWS credentials from profile "nobody"\. Set "openclaw\.aws\.profile"/);
      assert.strictEqual(converseRequests().length, 0);
    });

    it('an AWS_CA_BUNDLE that cannot be read: says which file, sends nothing, and does not throw', async () => {
      process.env.AWS_CA_BUNDLE = '/nonexistent/ca-bundle.pem';
      try {
        const { outcome } = await run();
        assert.strictEqual(outcome.measurements.outcome, 'failed');
        assert.deepStrictEqual(outcome.problem, {
          kind: 'network',
          message:
            "AWS_CA_BUNDLE names /nonexistent/ca-bundle.pem, which cannot be read (ENOENT): fix the path, or unset AWS_CA_BUNDLE to use Node's certificates.",
        });
        assert.strictEqual(converseRequests().length, 0);
      } finally {
        delete process.env.AWS_CA_BUNDLE;
      }
    });

    it('access denied: the IAM action that is missing', async () => {
      bedrock.fake.fail('ConverseStream', {
        kind: 'serviceError',
        name: 'AccessDeniedException',
        message: "You don't have access to the model with the specified model ID.",
      });
      const { outcome } = await run();
      assert.strictEqual(
        outcome.problem?.message,
        'Access denied in us-east-1: the IAM identity of profile "fake" needs bedrock:InvokeModelWithResponseStream on us.anthropic.claude-sonnet-4-6. AWS said: You don\'t have access to the model with the specified model ID.',
      );
    });

    it('a model that needs an inference profile', async () => {
      const { outcome } = await run({ modelId: 'anthropic.claude-opus-4-6-v1' });
      assert.deepStrictEqual(outcome.problem, {
        kind: 'on-demand',
        message: 'anthropic.claude-opus-4-6-v1 cannot be invoked on demand: Bedrock needs the id of an inference profile that contains it.',
      });
    });

    it('a model not offered in the region', async () => {
      const { outcome } = await run({ modelId: 'acme.nonexistent-v1:0' });
      assert.strictEqual(outcome.problem?.kind, 'invalid-model');
      assert.match(outcome.problem!.message, /^acme\.nonexistent-v1:0 is not available in us-east-1: check the id, the region/);
    });

    it('throttling is retried with backoff; when it persists, says so', async function () {
      // The SDK waits a random time of up to several seconds between throttled attempts.
      this.timeout(60_000);
      bedrock.fake.setConverseScript('*', { text: ['ok'] });
      bedrock.fake.fail(
        'ConverseStream',
        { kind: 'serviceError', name: 'ThrottlingException', message: 'Too many requests' },
        { times: 2 },
      );
      const retried = await run({ timeoutMs: 50_000 });
      assert.strictEqual(retried.outcome.measurements.outcome, 'complete');
      assert.strictEqual(converseRequests().length, 3);
      bedrock.fake.reset();
      bedrock.fake.fail('ConverseStream', { kind: 'serviceError', name: 'ThrottlingException', message: 'Too many requests' });
      const { outcome } = await run({ timeoutMs: 50_000 });
      assert.strictEqual(
        outcome.problem?.message,
        'Bedrock throttled the request in us-east-1 (tried 4 times, backing off between tries); try again later or check your quotas. AWS said: Too many requests',
      );
      assert.strictEqual(converseRequests().length, 4);
    });

    it('no answer within the timeout', async () => {
      bedrock.fake.fail('ConverseStream', { kind: 'hang' });
      const { outcome } = await run({ timeoutMs: 300 });
      assert.deepStrictEqual([outcome.measurements.outcome, outcome.problem?.kind], ['failed', 'timeout']);
      assert.strictEqual(outcome.problem!.message, 'No complete answer within 300 ms (the "openclaw.bedrock.timeoutSeconds" setting).');
    });

    it('a stream that stalls past the timeout keeps what arrived', async () => {
      bedrock.fake.setConverseScript('*', { text: ['Partial', ' answer', ' never'], fault: { kind: 'stall', afterEvents: 3, ms: 2000 } });
      const { outcome } = await run({ timeoutMs: 500 });
      assert.deepStrictEqual([outcome.measurements.outcome, outcome.text, outcome.problem?.kind], ['broken', 'Partial answer', 'timeout']);
    });
  });

  describe('a stream that breaks midway keeps what arrived and says it broke', () => {
    it('an exception in the stream', async () => {
      bedrock.fake.setConverseScript('*', {
        text: ['One', ' two', ' three'],
        fault: {
          kind: 'exception',
          afterEvents: 3,
          exceptionType: 'modelStreamErrorException',
          message: 'The model stopped',
          originalStatusCode: 500,
        },
      });
      const { outcome } = await run();
      assert.strictEqual(outcome.measurements.outcome, 'broken');
      assert.strictEqual(outcome.text, 'One two');
      assert.strictEqual(outcome.problem?.message, 'The stream broke after 7 characters: ModelStreamErrorException: The model stopped');
    });

    it('a frame cut in half', async () => {
      bedrock.fake.setConverseScript('*', { text: ['One', ' two', ' three'], fault: { kind: 'truncate', afterEvents: 2 } });
      const { outcome } = await run();
      assert.deepStrictEqual([outcome.measurements.outcome, outcome.text], ['broken', 'One']);
      assert.match(outcome.problem!.message, /^The stream broke after 3 characters: /);
    });

    it('a stream that ends without messageStop', async () => {
      bedrock.fake.setConverseScript('*', { text: ['One', ' two'], fault: { kind: 'endEarly', afterEvents: 3 } });
      const { outcome } = await run();
      assert.deepStrictEqual([outcome.measurements.outcome, outcome.text], ['broken', 'One two']);
      assert.strictEqual(
        outcome.problem?.message,
        `The stream from ${bedrock.fake.runtimeEndpoint} ended before the model finished (no messageStop): the answer above is incomplete.`,
      );
    });
  });

  describe('an answer without end is bounded in time and in size', () => {
    const streamedText = (streamed: string[]) =>
      streamed
        .filter((item) => item.startsWith('text:'))
        .map((item) => item.slice(5))
        .join('');

    it('a flood of deltas of 1 KB (1 GB in all), faster than any model, ends at the deadline with 64K characters kept and streamed', async function () {
      this.timeout(30_000);
      bedrock.fake.setConverseScript('*', { flood: { deltas: 1_000_000, size: 1024 } });
      const { outcome, streamed } = await run({ timeoutMs: 2000 });
      assert.deepStrictEqual([outcome.measurements.outcome, outcome.problem?.kind], ['broken', 'timeout']);
      assert.deepStrictEqual([outcome.text.length, /^x*$/.test(outcome.text)], [MAX_KEPT_CHARACTERS, true]);
      assert.ok(streamedText(streamed) === outcome.text, 'what was streamed is what was kept: nothing past the cap');
      assert.ok(outcome.truncated && outcome.truncated.text > 0 && outcome.truncated.reasoning === 0, JSON.stringify(outcome.truncated));
      assert.match(outcome.problem!.message, /^No complete answer within 2\.0 s/);
      assert.strictEqual(
        await converseRequests()[0]!.ended,
        'clientClosed',
        'the client stopped reading: the stream was not read to its end',
      );
    });

    it('the deadline holds while the process is too busy for its timer: frames already read are not taken past it', async () => {
      // The fake sends these 100 deltas in one write: they are read at once, before the first is handled.
      bedrock.fake.setConverseScript('*', { flood: { deltas: 100, size: 10 } });
      const busyFor = (ms: number) => {
        for (const until = performance.now() + ms; performance.now() < until;);
      };
      // As a blocking write to a client that reads slowly would; the timer's turn comes only when the loop waits.
      let handled = 0;
      const events = { text: () => ++handled === 1 && busyFor(1500), reasoning: () => undefined };
      const outcome = await runConverseTest(request({ timeoutMs: 1000 }), events, new AbortController().signal);
      assert.deepStrictEqual(
        [outcome.measurements.outcome, outcome.problem?.kind, outcome.text.length, handled],
        ['broken', 'timeout', 10, 1],
      );
    });

    it('a long answer that completes keeps its first 64K characters and says how many more arrived', async () => {
      bedrock.fake.setConverseScript('*', { flood: { deltas: 200, size: 1024 }, reasoning: ['r'.repeat(70_000)] });
      const { outcome, streamed } = await run();
      assert.deepStrictEqual([outcome.measurements.outcome, outcome.measurements.stopReason], ['complete', 'end_turn']);
      assert.deepStrictEqual([outcome.text.length, outcome.reasoning.length], [MAX_KEPT_CHARACTERS, MAX_KEPT_CHARACTERS]);
      assert.deepStrictEqual(outcome.truncated, {
        limit: MAX_KEPT_CHARACTERS,
        text: 200 * 1024 - MAX_KEPT_CHARACTERS,
        reasoning: 70_000 - MAX_KEPT_CHARACTERS,
      });
      assert.strictEqual(streamedText(streamed).length, MAX_KEPT_CHARACTERS);
    });

    it('the cut never splits a character in two, and an answer within the cap says nothing was cut', async () => {
      bedrock.fake.setConverseScript('*', { text: ['a'.repeat(MAX_KEPT_CHARACTERS - 1) + '😀', 'b'] });
      const { outcome } = await run();
      assert.ok(
        outcome.text === 'a'.repeat(MAX_KEPT_CHARACTERS - 1),
        `${outcome.text.length} characters kept, ending in ${outcome.text.slice(-3)}`,
      );
      assert.deepStrictEqual(outcome.truncated, { limit: MAX_KEPT_CHARACTERS, text: 3, reasoning: 0 });
      bedrock.fake.setConverseScript('*', { text: ['a'.repeat(MAX_KEPT_CHARACTERS)] });
      const { outcome: whole } = await run();
      assert.deepStrictEqual([whole.text.length, whole.truncated], [MAX_KEPT_CHARACTERS, undefined]);
    });
  });

  it('cancelling mid-stream stops the request and keeps the text so far', async () => {
    bedrock.fake.setConverseScript('*', { text: ['a', 'b', 'c', 'd', 'e', 'f'], chunkDelayMs: 100 });
    const cancel = new AbortController();
    const streamed: string[] = [];
    const outcome = await runConverseTest(
      request(),
      { text: (delta) => (streamed.push(delta), streamed.length === 2 && cancel.abort()), reasoning: () => undefined },
      cancel.signal,
    );
    assert.strictEqual(outcome.measurements.outcome, 'cancelled');
    assert.strictEqual(outcome.text, 'ab');
    assert.strictEqual(await converseRequests()[0]!.ended, 'clientClosed');
  });
});
