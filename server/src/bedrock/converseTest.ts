import { BedrockRuntimeClient, ConverseStreamCommand, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { formatDuration, TestMeasurements } from '../service/languageService';
import { AwsProblem, explainAwsError } from './awsErrors';
import { BedrockConnection, endpointOptions } from './connection';
import { bedrockEndpoint } from './endpoints';
import { NetworkSettings, Transport, transportFor } from './network';

/*
 * A test prompt: one ConverseStream call, its answer streamed as it arrives, timed. It never throws:
 * every way it can end (done, cancelled, timed out, refused, broken midway) is an outcome that keeps
 * whatever text arrived, up to MAX_KEPT_CHARACTERS. The timeout bounds the whole call, however fast
 * or endless the stream.
 */

/** Throttling is retried by the SDK with exponential backoff, this many attempts in all. */
export const THROTTLE_ATTEMPTS = 4;

/**
 * The most characters of the answer, and of the reasoning, a test keeps and streams: a test asks for
 * about a thousand tokens, so only a runaway model or a hostile endpoint sends more.
 */
export const MAX_KEPT_CHARACTERS = 64 * 1024;

export interface ConverseTestRequest {
  connection: BedrockConnection;
  /** Runtime endpoint override; none: the region's public endpoint. */
  endpoint?: string;
  network: NetworkSettings;
  modelId: string;
  prompt: string;
  maxTokens: number;
  /** Extended-thinking budget for models that take one (Anthropic). */
  thinkingBudget?: number;
  timeoutMs: number;
}

export interface ConverseTestEvents {
  text(delta: string): void;
  reasoning(delta: string): void;
}

export interface ConverseTestOutcome {
  measurements: TestMeasurements;
  text: string;
  reasoning: string;
  /** Set when the answer or the reasoning ran past MAX_KEPT_CHARACTERS: the characters of each that were dropped. */
  truncated?: Truncation;
  problem?: AwsProblem;
}

export interface Truncation {
  limit: number;
  text: number;
  reasoning: number;
}

/** One part of the answer (text or reasoning), kept up to the cap; what comes later is only counted. */
class KeptText {
  value = '';
  dropped = 0;

  /** The part of `delta` that is kept (and streamed), possibly empty. */
  add(delta: string): string {
    const room = MAX_KEPT_CHARACTERS - this.value.length;
    if (this.dropped === 0 && delta.length <= room) {
      this.value += delta;
      return delta;
    }
    // Once something is dropped, all that follows is: the kept text has no holes, nor half a surrogate pair.
    let kept = this.dropped === 0 ? delta.slice(0, room) : '';
    if (kept && isHighSurrogate(kept.charCodeAt(kept.length - 1))) kept = kept.slice(0, -1);
    this.value += kept;
    this.dropped += delta.length - kept.length;
    return kept;
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export async function runConverseTest(
  request: ConverseTestRequest,
  events: ConverseTestEvents,
  cancel: AbortSignal,
): Promise<ConverseTestOutcome> {
  const started = performance.now();
  const at = Date.now();
  const target = new URL(request.endpoint ?? bedrockEndpoint('bedrock-runtime', request.connection.region, request.connection));
  let transport: Transport;
  try {
    transport = transportFor(target, request.network, process.env, { requestTimeout: request.timeoutMs }, true);
  } catch (error) {
    // A setting that makes no transport (an unreadable AWS_CA_BUNDLE): no request is sent.
    const problem = explainAwsError(error, {
      connection: request.connection,
      action: 'bedrock:InvokeModelWithResponseStream',
      host: target.host,
      endpointSetting: 'openclaw.bedrock.runtimeEndpoint',
    });
    return { measurements: { at, outcome: 'failed', totalMs: 0, error: problem.message }, text: '', reasoning: '', problem };
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), request.timeoutMs);
  const signal = AbortSignal.any([cancel, deadline.signal]);
  const client = new BedrockRuntimeClient({
    region: request.connection.region,
    ...endpointOptions(request.connection, request.endpoint),
    profile: request.connection.profile,
    maxAttempts: THROTTLE_ATTEMPTS,
    requestHandler: transport.handler,
  });
  const host = request.endpoint ?? target.host;
  const text = new KeptText();
  const reasoning = new KeptText();
  let firstTokenAt: number | undefined;
  let stopReason: string | undefined;
  let usage: { inputTokens?: number; outputTokens?: number } | undefined;
  let finished = false;
  const elapsed = () => performance.now() - started;
  const received = () => text.value.length + text.dropped;

  const outcome = (status: TestMeasurements['outcome'], problem?: AwsProblem): ConverseTestOutcome => ({
    measurements: {
      at,
      outcome: status,
      timeToFirstTokenMs: firstTokenAt,
      totalMs: elapsed(),
      inputTokens: usage?.inputTokens,
      outputTokens: usage?.outputTokens,
      stopReason,
      error: problem?.message,
    },
    text: text.value,
    reasoning: reasoning.value,
    truncated:
      text.dropped || reasoning.dropped ? { limit: MAX_KEPT_CHARACTERS, text: text.dropped, reasoning: reasoning.dropped } : undefined,
    problem,
  });
  const timedOut = (): AwsProblem => ({
    kind: 'timeout',
    message: `No complete answer within ${formatDuration(request.timeoutMs)} (the "openclaw.bedrock.timeoutSeconds" setting).`,
  });

  try {
    const response = await client.send(
      new ConverseStreamCommand({
        modelId: request.modelId,
        messages: [{ role: 'user', content: [{ text: request.prompt }] }],
        inferenceConfig: { maxTokens: request.maxTokens },
        additionalModelRequestFields: request.thinkingBudget
          ? { thinking: { type: 'enabled', budget_tokens: request.thinkingBudget } }
          : undefined,
      }),
      { abortSignal: signal },
    );
    for await (const event of response.stream ?? []) {
      // Frames already read are handled without a return to the event loop, where the deadline's timer
      // waits its turn (late in a busy process): the clock is read here as well.
      if (elapsed() >= request.timeoutMs) {
        deadline.abort();
        break;
      }
      const delta = readEvent(event);
      if (delta.text !== undefined || delta.reasoning !== undefined) firstTokenAt ??= elapsed();
      const keptText = delta.text && text.add(delta.text);
      if (keptText) events.text(keptText);
      const keptReasoning = delta.reasoning && reasoning.add(delta.reasoning);
      if (keptReasoning) events.reasoning(keptReasoning);
      if (event.messageStop) {
        stopReason = event.messageStop.stopReason;
        finished = true;
      }
      if (event.metadata) usage = event.metadata.usage;
    }
    // An abort ends the loop quietly, and so does an HTTP/2 connection lost between frames.
    if (cancel.aborted) return outcome('cancelled');
    if (deadline.signal.aborted) return outcome(received() ? 'broken' : 'failed', timedOut());
    if (!finished) {
      return outcome('broken', {
        kind: 'network',
        message: `The stream from ${host} ended before the model finished (no messageStop): the answer above is incomplete.`,
      });
    }
    return outcome('complete');
  } catch (error) {
    if (cancel.aborted) return outcome('cancelled');
    if (deadline.signal.aborted) return outcome(received() ? 'broken' : 'failed', timedOut());
    const problem = explainAwsError(error, {
      connection: request.connection,
      action: 'bedrock:InvokeModelWithResponseStream',
      host,
      endpointSetting: 'openclaw.bedrock.runtimeEndpoint',
      modelId: request.modelId,
      proxy: transport.proxy,
      http2: transport.protocol === 'http2',
      http1Because: transport.http1Because,
    });
    if (firstTokenAt === undefined) return outcome('failed', problem);
    return outcome('broken', {
      kind: problem.kind,
      message: `The stream broke after ${received().toLocaleString('en-US')} characters: ${problem.message}`,
    });
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

function readEvent(event: ConverseStreamOutput): { text?: string; reasoning?: string } {
  const delta = event.contentBlockDelta?.delta;
  if (!delta) return {};
  return { text: delta.text, reasoning: delta.reasoningContent?.text };
}
