import { FakeCatalog } from './catalog';
import { errorFrame, eventFrame, exceptionFrame } from './eventStream';
import { jsonReply, onDemandNotSupportedMessage, Reply, serviceErrorReply } from './replies';

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'guardrail_intervened' | 'content_filtered';

export type StreamExceptionType =
  'throttlingException' | 'validationException' | 'modelStreamErrorException' | 'internalServerException' | 'serviceUnavailableException';

/** Something that goes wrong in a ConverseStream response once `afterEvents` events were sent. */
export type StreamFault =
  /** A `:message-type` exception frame; the SDK throws it from the `for await` loop. */
  | {
      kind: 'exception';
      afterEvents: number;
      exceptionType: StreamExceptionType;
      message?: string;
      originalStatusCode?: number;
      originalMessage?: string;
    }
  /** A `:message-type` error frame carrying `:error-code` and `:error-message`. */
  | { kind: 'errorFrame'; afterEvents: number; code: string; message: string }
  /** Half of the next frame, then the connection (HTTP/1.1) or the stream (HTTP/2) is cut. */
  | { kind: 'truncate'; afterEvents: number }
  /** The connection closes between frames; over HTTP/2 the SDK then ends the loop quietly. */
  | { kind: 'dropConnection'; afterEvents: number }
  /** The response ends cleanly but early: no messageStop, no metadata. */
  | { kind: 'endEarly'; afterEvents: number }
  /** Nothing is sent for `ms`, then the stream goes on. */
  | { kind: 'stall'; afterEvents: number; ms: number };

/** How the fake answers Converse and ConverseStream. Every field is optional. */
export interface ConverseScript {
  /** Text deltas, in order. */
  text?: string[];
  /** Reasoning deltas, sent on content block 0 before the text (which then uses block 1). */
  reasoning?: string[];
  /** A reasoning signature delta after the reasoning text, as Claude sends. */
  reasoningSignature?: string;
  /** Wait before each event after messageStart. */
  chunkDelayMs?: number;
  stopReason?: StopReason;
  /** Defaults to about four characters per token of the request's and the answer's text. */
  usage?: { inputTokens: number; outputTokens: number };
  latencyMs?: number;
  /** ConverseStream only. */
  fault?: StreamFault;
  /**
   * ConverseStream only, instead of `text`: `deltas` text deltas of `size` characters each, sent as fast
   * as the client takes them (a runaway model, or a hostile endpoint). No fault goes with it.
   */
  flood?: { deltas: number; size: number };
}

const DEFAULT_TEXT = ['Hello', ' from', ' the fake', ' Bedrock.'];
const DEFAULT_LATENCY_MS = 100;

export interface ConverseRequest {
  messages: unknown[];
  system?: unknown;
}

/** The request body, or the ValidationException Bedrock gives for a body it cannot use. */
export function parseConverseRequest(body: string): ConverseRequest | Reply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return serviceErrorReply('ValidationException', 'Malformed input request, please reformat your input and try again.');
  }
  const messages = (parsed as { messages?: unknown }).messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return serviceErrorReply(
      'ValidationException',
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  return parsed as ConverseRequest;
}

/** What Bedrock answers when `modelId` cannot be invoked this way, judged by the catalog. */
export function invocationError(catalog: FakeCatalog, modelId: string, streaming: boolean): Reply | undefined {
  const id = modelId.startsWith('arn:') ? modelId.slice(modelId.lastIndexOf('/') + 1) : modelId;
  if (catalog.inferenceProfiles.some((p) => p.inferenceProfileId === id)) return undefined;
  const model = catalog.foundationModels.find((m) => m.modelId === id);
  if (!model) return serviceErrorReply('ValidationException', 'The provided model identifier is invalid.');
  if (!model.outputModalities.includes('TEXT')) {
    return serviceErrorReply(
      'ValidationException',
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
    );
  }
  if (streaming && !model.responseStreamingSupported)
    return serviceErrorReply('ValidationException', 'The model is unsupported for streaming.');
  if (model.inferenceTypesSupported.includes('ON_DEMAND')) return undefined;
  if (model.inferenceTypesSupported.includes('INFERENCE_PROFILE'))
    return serviceErrorReply('ValidationException', onDemandNotSupportedMessage(modelId));
  return serviceErrorReply('ValidationException', "The provided model doesn't support on-demand throughput.");
}

function estimateTokens(characters: number): number {
  return Math.max(1, Math.ceil(characters / 4));
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textLength(item), 0);
  if (value && typeof value === 'object') return Object.values(value).reduce((sum: number, item) => sum + textLength(item), 0);
  return 0;
}

function answerLength(script: ConverseScript): number {
  return script.flood ? script.flood.deltas * script.flood.size : textLength(script.text ?? DEFAULT_TEXT);
}

function usageOf(script: ConverseScript, request: ConverseRequest) {
  const { inputTokens, outputTokens } = script.usage ?? {
    inputTokens: estimateTokens(textLength(request.messages) + textLength(request.system)),
    outputTokens: estimateTokens(answerLength(script) + textLength(script.reasoning ?? [])),
  };
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}

interface StreamEvent {
  type: string;
  payload: unknown;
  /** Sent this many times in a row (a flood), encoded once. */
  times?: number;
}

function converseEvents(script: ConverseScript, request: ConverseRequest): StreamEvent[] {
  const delta = (contentBlockIndex: number, value: unknown): StreamEvent => ({
    type: 'contentBlockDelta',
    payload: { contentBlockIndex, delta: value },
  });
  const stop = (contentBlockIndex: number): StreamEvent => ({ type: 'contentBlockStop', payload: { contentBlockIndex } });
  const events: StreamEvent[] = [{ type: 'messageStart', payload: { role: 'assistant' } }];
  let textBlock = 0;
  if (script.reasoning) {
    events.push(...script.reasoning.map((text) => delta(0, { reasoningContent: { text } })));
    if (script.reasoningSignature !== undefined) events.push(delta(0, { reasoningContent: { signature: script.reasoningSignature } }));
    events.push(stop(0));
    textBlock = 1;
  }
  if (script.flood) events.push({ ...delta(textBlock, { text: 'x'.repeat(script.flood.size) }), times: script.flood.deltas });
  else events.push(...(script.text ?? DEFAULT_TEXT).map((text) => delta(textBlock, { text })));
  events.push(stop(textBlock));
  events.push({ type: 'messageStop', payload: { stopReason: script.stopReason ?? 'end_turn' } });
  events.push({
    type: 'metadata',
    payload: { usage: usageOf(script, request), metrics: { latencyMs: script.latencyMs ?? DEFAULT_LATENCY_MS } },
  });
  return events;
}

export type StreamStep =
  /** `times`: the same frame again and again, as fast as the client reads; absent: once. */
  | { kind: 'send'; frame: Uint8Array; times?: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'cut'; partialFrame: Uint8Array }
  | { kind: 'dropConnection' };

/** The ConverseStream response body as steps; after the last step the response ends normally. */
export function streamPlan(script: ConverseScript, request: ConverseRequest): StreamStep[] {
  if (script.flood && script.fault) throw new Error('A flood takes no fault: its deltas are one step.');
  const events = converseEvents(script, request);
  const frames = events.map((event) => eventFrame(event.type, event.payload));
  const steps: StreamStep[] = [];
  frames.forEach((frame, index) => {
    if (index > 0 && script.chunkDelayMs) steps.push({ kind: 'wait', ms: script.chunkDelayMs });
    steps.push({ kind: 'send', frame, times: events[index]!.times });
  });
  const fault = script.fault;
  if (!fault) return steps;
  // Where the (afterEvents + 1)-th frame, or the end, would be sent.
  const sends = steps.flatMap((step, index) => (step.kind === 'send' ? [index] : []));
  const at = fault.afterEvents < sends.length ? sends[fault.afterEvents]! : steps.length;
  const before = steps.slice(0, at);
  switch (fault.kind) {
    case 'exception': {
      const { exceptionType, message = `Fake ${exceptionType}`, originalStatusCode, originalMessage } = fault;
      return [...before, { kind: 'send', frame: exceptionFrame(exceptionType, { message, originalStatusCode, originalMessage }) }];
    }
    case 'errorFrame':
      return [...before, { kind: 'send', frame: errorFrame(fault.code, fault.message) }];
    case 'truncate': {
      const next = frames[fault.afterEvents];
      return [...before, { kind: 'cut', partialFrame: next ? next.subarray(0, Math.ceil(next.length / 2)) : new Uint8Array() }];
    }
    case 'dropConnection':
      return [...before, { kind: 'dropConnection' }];
    case 'endEarly':
      return before;
    case 'stall':
      return [...before, { kind: 'wait', ms: fault.ms }, ...steps.slice(at)];
  }
}

/** The whole Converse (non-streaming) answer. */
export function converseReply(script: ConverseScript, request: ConverseRequest): Reply {
  const content: unknown[] = [];
  if (script.reasoning) {
    content.push({ reasoningContent: { reasoningText: { text: script.reasoning.join(''), signature: script.reasoningSignature } } });
  }
  content.push({ text: (script.text ?? DEFAULT_TEXT).join('') });
  return jsonReply(200, {
    output: { message: { role: 'assistant', content } },
    stopReason: script.stopReason ?? 'end_turn',
    usage: usageOf(script, request),
    metrics: { latencyMs: script.latencyMs ?? DEFAULT_LATENCY_MS },
  });
}
