import { randomUUID } from 'crypto';
import { STATUS_CODES } from 'http';
import { setTimeout as sleepFor } from 'timers/promises';
import { defaultCatalog, FakeCatalog } from './catalog';
import { AWS_MAX_PAGE_SIZE, getFoundationModel, listFoundationModels, listInferenceProfiles } from './controlPlane';
import { ConverseRequest, ConverseScript, converseReply, invocationError, parseConverseRequest, StreamStep, streamPlan } from './converse';
import { onDemandNotSupportedMessage, Reply, ServiceErrorName, serviceErrorReply } from './replies';
import { DualProtocolListener, Exchange, Protocol } from './transport';

export type Operation = 'ListFoundationModels' | 'GetFoundationModel' | 'ListInferenceProfiles' | 'Converse' | 'ConverseStream';

const RUNTIME_OPERATIONS: ReadonlySet<Operation> = new Set(['Converse', 'ConverseStream']);

/** What the fake answers instead of the normal response. */
export type Failure =
  /** A Bedrock error: the name's usual status unless given, `x-amzn-errortype` and `{"message"}`. */
  | { kind: 'serviceError'; name: ServiceErrorName; message?: string; status?: number }
  /** The ValidationException for a model that needs an inference profile, naming the requested model. */
  | { kind: 'onDemandNotSupported' }
  /** A bare status without Bedrock's error header, as a proxy or load balancer might send. */
  | { kind: 'httpStatus'; status: number; body?: string }
  /** The normal JSON answer cut in half (ConverseStream: the Converse JSON answer, cut). */
  | { kind: 'malformedJson' }
  /** Well-formed JSON of the wrong shape: the normal answer with these top-level fields replaced. */
  | { kind: 'wrongShape'; fields: Record<string, unknown> }
  /** The connection closes before any response. */
  | { kind: 'dropConnection' }
  /** No response at all, until the client gives up or the fake stops. */
  | { kind: 'hang' };

/**
 * A model's whole answer for Compare Models tests: it completes (with `script`, if given); Bedrock refuses
 * it for want of an inference profile; it is throttled once (a 429 the SDK retries), then completes;
 * it streams slowly (a delta every `chunkDelayMs`, 400 by default), for cancelling.
 */
export type ModelOutcome =
  | { kind: 'complete'; script?: ConverseScript }
  | { kind: 'needsInferenceProfile' }
  | { kind: 'throttledThenComplete'; script?: ConverseScript }
  | { kind: 'slow'; chunkDelayMs?: number; deltas?: number };

/** How a request ended: answered in full, the client left first, the fake broke it off on purpose, or stop() ended it. */
export type RequestEnd = 'completed' | 'clientClosed' | 'cut' | 'serverStopped';

export interface RecordedRequest {
  /** Undefined for a path this endpoint does not serve. */
  readonly operation: Operation | undefined;
  readonly endpoint: 'control' | 'runtime';
  readonly protocol: Protocol;
  readonly method: string;
  /** As sent, still percent-encoded. */
  readonly path: string;
  readonly query: Record<string, string>;
  /** Lower-cased names; they include Authorization, so never print them. */
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Decoded from the path, for GetFoundationModel, Converse and ConverseStream. */
  readonly modelId: string | undefined;
  /** Date.now() when the request arrived. */
  readonly time: number;
  /** Settles when the fake is done with the request. */
  readonly ended: Promise<RequestEnd>;
}

export interface FakeBedrockOptions {
  /** 0 or absent: any free port. */
  controlPort?: number;
  runtimePort?: number;
  catalog?: FakeCatalog;
  log?: (line: string) => void;
}

interface FailureRule {
  operation: Operation;
  failure: Failure;
  modelId: string | undefined;
  remaining: number;
}

const HOST = '127.0.0.1';
const FLOOD_WRITE_BYTES = 64 * 1024;

/**
 * Amazon Bedrock on 127.0.0.1, speaking the real wire format. Both ports take HTTP/1.1 and cleartext
 * HTTP/2 (or only one of them: serveOnly). The control endpoint serves the control plane and the runtime operations, the runtime
 * endpoint only the runtime operations (as bedrock-runtime does).
 */
export class FakeBedrock {
  catalog: FakeCatalog;
  /** The most summaries a ListInferenceProfiles page holds, whatever maxResults asks (AWS: up to 1000). */
  pageSize: number | undefined;
  readonly requests: RecordedRequest[] = [];

  private readonly control = new DualProtocolListener((exchange) => this.track(this.handle('control', exchange)));
  private readonly runtime = new DualProtocolListener((exchange) => this.track(this.handle('runtime', exchange)));
  private readonly scripts = new Map<string, ConverseScript>();
  private failures: FailureRule[] = [];
  private readonly delays = new Map<Operation | '*', number>();
  /** Requests of each operation being answered now, and the most at once since the last reset. */
  private readonly load = new Map<Operation, { now: number; peak: number }>();
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: (line: string) => void;

  private constructor(options: FakeBedrockOptions) {
    this.catalog = options.catalog ?? defaultCatalog();
    this.log = options.log ?? (() => undefined);
  }

  static async start(options: FakeBedrockOptions = {}): Promise<FakeBedrock> {
    const fake = new FakeBedrock(options);
    try {
      await fake.control.listen(HOST, options.controlPort ?? 0);
      await fake.runtime.listen(HOST, options.runtimePort ?? 0);
    } catch (error) {
      await fake.stop();
      throw error;
    }
    return fake;
  }

  /** For client-bedrock, and for client-bedrock-runtime forced to HTTP/1.1. */
  get controlEndpoint(): string {
    return `http://${HOST}:${this.control.port}`;
  }

  /** For client-bedrock-runtime (HTTP/2 by default). */
  get runtimeEndpoint(): string {
    return `http://${HOST}:${this.runtime.port}`;
  }

  /**
   * What Converse and ConverseStream answer for `modelId`, or with '*' for models without their own
   * script. A model with its own script needs no catalog entry; others must be invocable on demand.
   */
  setConverseScript(modelId: string, script: ConverseScript): void {
    this.scripts.set(modelId, script);
  }

  /**
   * Answers `operation` with `failure`: every time, or the next `times` times; for every model or only
   * `modelId`. Of several matching failures the one set first applies.
   */
  fail(operation: Operation, failure: Failure, options: { times?: number; modelId?: string } = {}): void {
    const { times = Infinity, modelId } = options;
    if (!(times >= 1)) throw new RangeError(`times must be at least 1, not ${times}`);
    this.failures.push({ operation, failure, modelId, remaining: times });
  }

  /** How `modelId` answers ConverseStream (and Converse): see ModelOutcome. */
  scriptOutcome(modelId: string, outcome: ModelOutcome): void {
    switch (outcome.kind) {
      case 'complete':
        this.setConverseScript(modelId, outcome.script ?? {});
        break;
      case 'needsInferenceProfile':
        this.fail('ConverseStream', { kind: 'onDemandNotSupported' }, { modelId });
        break;
      case 'throttledThenComplete':
        this.fail('ConverseStream', { kind: 'serviceError', name: 'ThrottlingException' }, { modelId, times: 1 });
        this.setConverseScript(modelId, outcome.script ?? {});
        break;
      case 'slow': {
        const deltas = outcome.deltas ?? 50;
        this.setConverseScript(modelId, {
          text: Array.from({ length: deltas }, (_, index) => `part ${index + 1}. `),
          chunkDelayMs: outcome.chunkDelayMs ?? 400,
        });
        break;
      }
    }
  }

  /**
   * The most requests of `operation` the fake was answering at once since the last reset: requests
   * overlap from their arrival (body read) until the fake is done with them (RecordedRequest.ended).
   */
  peakInFlight(operation: Operation): number {
    return this.load.get(operation)?.peak ?? 0;
  }

  /** Extra latency before answering; an operation's own delay wins over '*'. */
  delay(operation: Operation | '*', ms: number): void {
    this.delays.set(operation, ms);
  }

  /** Ends every HTTP/2 connection with GOAWAY before any frame: HTTP/1.1 still works. */
  refuseHttp2(refuse = true): void {
    this.control.refuseHttp2 = refuse;
    this.runtime.refuseHttp2 = refuse;
  }

  /**
   * Both ports speak only `protocol`, as an endpoint that knows only HTTP/2 (or only HTTP/1.1) does: the
   * other protocol's requests get that protocol's error (a GOAWAY, or a 400). Undefined: both again.
   */
  serveOnly(protocol: Protocol | undefined): void {
    this.control.only = protocol;
    this.runtime.only = protocol;
  }

  /** The default catalog and page size, both protocols, no scripts, failures or delays, an empty request log. */
  reset(): void {
    this.refuseHttp2(false);
    this.serveOnly(undefined);
    this.catalog = defaultCatalog();
    this.pageSize = undefined;
    this.scripts.clear();
    this.failures = [];
    this.delays.clear();
    this.load.clear();
    this.requests.length = 0;
  }

  /** Ends every open request, hung or streaming, and closes all connections. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all([this.control.close(), this.runtime.close(), ...this.inFlight]);
  }

  private track(handling: Promise<void>): void {
    this.inFlight.add(handling);
    void handling.finally(() => this.inFlight.delete(handling));
  }

  private async handle(endpoint: 'control' | 'runtime', exchange: Exchange): Promise<void> {
    const time = Date.now();
    const bodyRead = exchange.readBody();
    const queryStart = exchange.url.indexOf('?');
    const path = queryStart < 0 ? exchange.url : exchange.url.slice(0, queryStart);
    const query = queryStart < 0 ? {} : Object.fromEntries(new URLSearchParams(exchange.url.slice(queryStart + 1)));
    const route = routeOf(exchange.method, path);
    const served = route && (endpoint === 'control' || RUNTIME_OPERATIONS.has(route.operation)) ? route : undefined;
    let settle: (end: RequestEnd) => void = () => undefined;
    const ended = new Promise<RequestEnd>((resolve) => (settle = resolve));
    let end: RequestEnd = 'clientClosed';
    let record: RecordedRequest | undefined;
    try {
      const body = await bodyRead;
      record = {
        operation: served?.operation,
        endpoint,
        protocol: exchange.protocol,
        method: exchange.method,
        path,
        query,
        headers: exchange.headers,
        body,
        modelId: served?.modelId,
        time,
        ended,
      };
      this.requests.push(record);
      const load = this.loadOf(record.operation);
      load.now += 1;
      load.peak = Math.max(load.peak, load.now);
      try {
        end = await this.respond(exchange, record, AbortSignal.any([this.stopping.signal, exchange.clientGone]));
      } finally {
        load.now -= 1;
      }
    } catch (error) {
      if (!record) {
        end = this.interrupted();
      } else if (exchange.status === undefined) {
        end = this.send(exchange, serviceErrorReply('InternalServerException', `The fake failed: ${error}`));
      } else {
        exchange.cut();
        end = 'cut';
      }
    } finally {
      settle(end);
      this.log(
        `${exchange.protocol} ${exchange.method} ${path} (${endpoint} endpoint, ${served?.operation ?? 'unknown operation'}): ` +
          `${exchange.status ?? 'no response'}, ${end} after ${Date.now() - time} ms`,
      );
    }
  }

  /** Unknown paths count under no operation: a throwaway counter. */
  private loadOf(operation: Operation | undefined): { now: number; peak: number } {
    if (!operation) return { now: 0, peak: 0 };
    let load = this.load.get(operation);
    if (!load) this.load.set(operation, (load = { now: 0, peak: 0 }));
    return load;
  }

  private async respond(exchange: Exchange, request: RecordedRequest, signal: AbortSignal): Promise<RequestEnd> {
    const operation = request.operation;
    if (!operation) return this.send(exchange, serviceErrorReply('UnknownOperationException'));
    if (!(await sleep(this.delays.get(operation) ?? this.delays.get('*') ?? 0, signal))) return this.interrupted();
    const failure = this.takeFailure(operation, request.modelId);
    if (failure) return this.sendFailure(exchange, failure, operation, request, signal);
    if (operation !== 'ConverseStream') return this.send(exchange, this.jsonAnswer(operation, request));
    const input = this.converseInput(request, true);
    return 'status' in input ? this.send(exchange, input) : this.stream(exchange, streamPlan(input.script, input.request), signal);
  }

  private takeFailure(operation: Operation, modelId: string | undefined): Failure | undefined {
    const rule = this.failures.find((r) => r.operation === operation && (r.modelId === undefined || r.modelId === modelId));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.failures = this.failures.filter((r) => r !== rule);
    return rule.failure;
  }

  /** The whole JSON answer; for ConverseStream, the one Converse would give. */
  private jsonAnswer(operation: Operation, request: RecordedRequest): Reply {
    switch (operation) {
      case 'ListFoundationModels':
        return listFoundationModels(this.catalog, request.query);
      case 'GetFoundationModel':
        return getFoundationModel(this.catalog, request.modelId!);
      case 'ListInferenceProfiles':
        return listInferenceProfiles(this.catalog, request.query, this.pageSize ?? AWS_MAX_PAGE_SIZE, regionOfRequest(request));
      case 'Converse':
      case 'ConverseStream': {
        const input = this.converseInput(request, false);
        return 'status' in input ? input : converseReply(input.script, input.request);
      }
    }
  }

  /** The parsed request and the script to answer it with, or Bedrock's refusal. */
  private converseInput(request: RecordedRequest, streaming: boolean): { request: ConverseRequest; script: ConverseScript } | Reply {
    const parsed = parseConverseRequest(request.body);
    if ('status' in parsed) return parsed;
    const modelId = request.modelId!;
    const ownScript = this.scripts.get(modelId);
    const refusal = ownScript ? undefined : invocationError(this.catalog, modelId, streaming);
    return refusal ?? { request: parsed, script: ownScript ?? this.scripts.get('*') ?? {} };
  }

  private async sendFailure(
    exchange: Exchange,
    failure: Failure,
    operation: Operation,
    request: RecordedRequest,
    signal: AbortSignal,
  ): Promise<RequestEnd> {
    switch (failure.kind) {
      case 'serviceError':
        return this.send(exchange, serviceErrorReply(failure.name, failure.message, failure.status));
      case 'onDemandNotSupported':
        return this.send(exchange, serviceErrorReply('ValidationException', onDemandNotSupportedMessage(request.modelId ?? '')));
      case 'httpStatus':
        return this.send(exchange, {
          status: failure.status,
          headers: { 'content-type': 'text/plain' },
          body: failure.body ?? STATUS_CODES[failure.status] ?? '',
        });
      case 'malformedJson': {
        const answer = this.jsonAnswer(operation, request);
        return this.send(exchange, { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)) });
      }
      case 'wrongShape': {
        const answer = this.jsonAnswer(operation, request);
        return this.send(exchange, { ...answer, body: JSON.stringify({ ...(JSON.parse(answer.body) as object), ...failure.fields }) });
      }
      case 'dropConnection':
        exchange.dropConnection();
        return 'cut';
      case 'hang':
        await new Promise((resolve) => (signal.aborted ? resolve(undefined) : signal.addEventListener('abort', resolve, { once: true })));
        return this.interrupted();
    }
  }

  private send(exchange: Exchange, reply: Reply): RequestEnd {
    if (exchange.clientGone.aborted) return this.interrupted();
    exchange.writeHead(reply.status, {
      ...reply.headers,
      'content-length': String(Buffer.byteLength(reply.body)),
      'x-amzn-requestid': randomUUID(),
    });
    exchange.end(reply.body);
    return 'completed';
  }

  private async stream(exchange: Exchange, steps: StreamStep[], signal: AbortSignal): Promise<RequestEnd> {
    if (signal.aborted) return this.interrupted();
    exchange.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': randomUUID() });
    for (const step of steps) {
      if (signal.aborted) return this.interrupted();
      switch (step.kind) {
        case 'send':
          if (step.times === undefined) await exchange.write(step.frame);
          else if (!(await this.flood(exchange, step.frame, step.times, signal))) return this.interrupted();
          break;
        case 'wait':
          if (!(await sleep(step.ms, signal))) return this.interrupted();
          break;
        case 'cut':
          await exchange.write(step.partialFrame);
          exchange.cut();
          return 'cut';
        case 'dropConnection':
          exchange.dropConnection();
          return 'cut';
      }
    }
    if (signal.aborted) return this.interrupted();
    exchange.end();
    return 'completed';
  }

  /** `frame` `times` times, in writes of about 64 KB; false when the signal ended it first. */
  private async flood(exchange: Exchange, frame: Uint8Array, times: number, signal: AbortSignal): Promise<boolean> {
    const perWrite = Math.max(1, Math.floor(FLOOD_WRITE_BYTES / frame.length));
    const batch = Buffer.concat(Array.from({ length: Math.min(perWrite, times) }, () => frame));
    for (let left = times; left > 0; left -= perWrite) {
      if (signal.aborted) return false;
      await exchange.write(left >= perWrite ? batch : batch.subarray(0, left * frame.length));
    }
    return !signal.aborted;
  }

  private interrupted(): RequestEnd {
    return this.stopping.signal.aborted ? 'serverStopped' : 'clientClosed';
  }
}

function routeOf(method: string, path: string): { operation: Operation; modelId?: string } | undefined {
  let segments: string[];
  try {
    segments = path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const [first, second, third] = segments;
  if (method === 'GET' && first === 'foundation-models') {
    if (segments.length === 1) return { operation: 'ListFoundationModels' };
    if (segments.length === 2) return { operation: 'GetFoundationModel', modelId: second! };
  }
  if (method === 'GET' && first === 'inference-profiles' && segments.length === 1) return { operation: 'ListInferenceProfiles' };
  if (method === 'POST' && first === 'model' && segments.length === 3) {
    if (third === 'converse-stream') return { operation: 'ConverseStream', modelId: second! };
    if (third === 'converse') return { operation: 'Converse', modelId: second! };
  }
  return undefined;
}

/** False when the signal ended the wait. */
async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleepFor(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** The region a request is for, as SigV4 signs it (`Credential=KEY/DATE/REGION/bedrock/aws4_request`); us-east-1 for a bearer token. */
function regionOfRequest(request: RecordedRequest): string {
  return /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? 'us-east-1';
}
