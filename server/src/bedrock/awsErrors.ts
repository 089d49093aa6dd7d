import { STATUS_CODES } from 'http';
import { BedrockConnection } from './connection';
import { Http1Reason, withoutCredentials } from './network';

/*
 * AWS errors in the user's words: what went wrong and what to do (which setting, which IAM action,
 * which command). Messages never include credentials: AWS error messages do not carry them, and
 * nothing else from the request is quoted.
 */

export type AwsProblemKind =
  'credentials' | 'access-denied' | 'on-demand' | 'invalid-model' | 'throttled' | 'timeout' | 'network' | 'other';

export interface AwsProblem {
  kind: AwsProblemKind;
  message: string;
}

export interface ExplainContext {
  connection: BedrockConnection;
  /** The IAM action(s) the call needs, for an access-denied answer. */
  action: string;
  /** The host the call goes to, and the setting that changes it, for network errors. */
  host: string;
  endpointSetting: string;
  /** The model called, for runtime errors. */
  modelId?: string;
  /** The proxy the request went through, if any. */
  proxy?: string;
  /** The runtime client spoke HTTP/2: a broken HTTP/2 connection may be the network's doing. */
  http2?: boolean;
  /** Why the client spoke HTTP/1.1, for an endpoint that answers only in HTTP/2. */
  http1Because?: Http1Reason;
}

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number; requestId?: string };
  /** Set on Bedrock's own errors: whose fault it is. */
  $fault?: 'client' | 'server';
  /** Set (hidden) on every error with an HTTP answer; without $fault, the SDK could not read it. */
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

export function explainAwsError(error: unknown, context: ExplainContext): AwsProblem {
  const e = (error ?? {}) as AwsLikeError;
  const name = e.name ?? '';
  const message = (e.message ?? String(error)).trim();
  const { connection, modelId } = context;
  const profile = connection.profile ?? process.env.AWS_PROFILE;
  const profileWords = profile ? `profile "${profile}"` : 'the default credential chain';
  const loginHint = `"aws sso login${profile ? ` --profile ${profile}` : ''}"`;

  if (name === 'TransportSetupError') return { kind: 'network', message };
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return {
      kind: 'credentials',
      message:
        `No AWS credentials from ${profileWords}. Set "openclaw.aws.profile" to a profile of ~/.aws/config ` +
        `(for SSO run ${loginHint}), give the editor AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ` +
        `or a Bedrock API key in AWS_BEARER_TOKEN_BEDROCK.`,
    };
  }
  if (name === 'TokenProviderError' || /sso.*(expired|refresh)|token.*expired/i.test(message)) {
    return { kind: 'credentials', message: `The AWS SSO session for ${profileWords} has expired: run ${loginHint}.` };
  }
  if (name === 'ExpiredTokenException' || name === 'UnrecognizedClientException' || name === 'InvalidSignatureException') {
    return {
      kind: 'credentials',
      message: `AWS rejected the credentials of ${profileWords} (${name}): refresh them, or pick another profile with "openclaw.aws.profile".`,
    };
  }
  const status = e.$metadata?.httpStatusCode;
  // An answer without an AWS request id did not come from AWS: through a proxy, it is the proxy's.
  if (
    context.proxy &&
    status !== undefined &&
    status >= 400 &&
    !e.$metadata?.requestId &&
    (name === 'Unknown' || message === 'UnknownError')
  ) {
    return {
      kind: 'network',
      message: `The proxy ${withoutCredentials(context.proxy)} refused the connection to ${context.host} (HTTP ${status}). Check that it lets CONNECT through to that host, or list the host in NO_PROXY or "http.noProxy".`,
    };
  }
  if (name === 'AccessDeniedException' || status === 403) {
    const on = modelId ? ` on ${modelId}` : '';
    return {
      kind: 'access-denied',
      message: `Access denied in ${connection.region}: the IAM identity of ${profileWords} needs ${context.action}${on}. AWS said: ${message}`,
    };
  }
  if (name === 'ValidationException' && /on-demand throughput isn.?t supported/i.test(message)) {
    return {
      kind: 'on-demand',
      message: `${modelId ?? 'This model'} cannot be invoked on demand: Bedrock needs the id of an inference profile that contains it.`,
    };
  }
  if (
    modelId &&
    (name === 'ResourceNotFoundException' || (name === 'ValidationException' && /model identifier is invalid/i.test(message)))
  ) {
    return {
      kind: 'invalid-model',
      message: `${modelId} is not available in ${connection.region}: check the id, the region (the provider's baseUrl or "openclaw.aws.region"), and that access to the model is granted in the Bedrock console. AWS said: ${message}`,
    };
  }
  const attempts = e.$metadata?.attempts;
  const tried = attempts && attempts > 1 ? ` (tried ${attempts} times, backing off between tries)` : '';
  if (name === 'ThrottlingException' || e.$metadata?.httpStatusCode === 429) {
    return {
      kind: 'throttled',
      message: `Bedrock throttled the request in ${connection.region}${tried}; try again later or check your quotas. AWS said: ${message}`,
    };
  }
  if (e.$fault === 'server') {
    return { kind: 'other', message: `Bedrock failed in ${connection.region} with ${name}${tried}; try again later. AWS said: ${message}` };
  }
  const via = context.proxy ? ` through the proxy ${withoutCredentials(context.proxy)}` : '';
  if (!context.http2 && answeredInHttp2(error)) {
    return {
      kind: 'network',
      message: `${context.host} answered in HTTP/2 where HTTP/1.1 was sent${via}: it accepts only HTTP/2. ${http2Remedy(context)}`,
    };
  }
  const network = networkCode(error);
  // A connection refused or reset is the network's answer whatever the protocol; a broken HTTP/2
  // session with no such cause points at something on the way that does not pass HTTP/2.
  const http2 = context.http2 && !network ? http2Failure(error) : undefined;
  // What nghttp2 says of an answer that is no HTTP/2 at all (an HTTP/1.1 server's 400); a GOAWAY reads otherwise.
  if (http2 === 'ERR_HTTP2_ERROR' && /^protocol error$/i.test(message)) {
    return {
      kind: 'network',
      message:
        `${context.host} answered, but not in HTTP/2 where HTTP/2 was sent (Protocol error): it may accept only HTTP/1.1, ` +
        'or something on the way does not pass HTTP/2. Set "openclaw.bedrock.http1": true to use HTTP/1.1.',
    };
  }
  if (http2) {
    return {
      kind: 'network',
      message: `The HTTP/2 connection to ${context.host} broke before Bedrock answered (${http2}): a proxy or firewall on the way may not pass HTTP/2. Set "openclaw.bedrock.http1": true to use HTTP/1.1.`,
    };
  }
  const certificate = certificateProblem(error);
  if (certificate) {
    return {
      kind: 'network',
      message: `The TLS certificate of ${context.host}${via} is not trusted (${certificate}). If a proxy inspects TLS, give its CA certificate in AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS (or turn off "http.proxyStrictSSL").`,
    };
  }
  if (e.$response && !e.$fault) {
    // The SDK's own wording ("inspect the hidden field {error}.$response") is for programmers.
    const status = e.$response.statusCode ?? e.$metadata?.httpStatusCode ?? 0;
    const reason = message.split('\n')[0]!.trim();
    if (status >= 400) {
      return {
        kind: 'other',
        message: `${context.host}${via} answered HTTP ${status} (${STATUS_CODES[status] ?? 'error'}) without a Bedrock error (${reason}): a proxy or load balancer on the way may have answered instead. Try again later, or check the proxy.`,
      };
    }
    return {
      kind: 'other',
      message: `The answer from ${context.host}${via} could not be read (HTTP ${status}: ${reason}): it was cut or changed on the way. Try again.`,
    };
  }
  if (network === 'ECONNRESET' || network === 'EPIPE') {
    return {
      kind: 'network',
      message: `The connection to ${context.host}${via} was closed before Bedrock answered (${network}). Check the network or proxy ("http.proxy", HTTPS_PROXY, NO_PROXY), then try again.`,
    };
  }
  if (network === 'timed out') {
    return { kind: 'timeout', message: `${context.host} did not answer in time${via}. Check the network or proxy.` };
  }
  if (network) {
    return {
      kind: 'network',
      message: `Cannot reach ${context.host}${via} (${network}). Check the network or proxy ("http.proxy", HTTPS_PROXY, NO_PROXY), or set "${context.endpointSetting}" for a VPC endpoint.`,
    };
  }
  return { kind: 'other', message: `${name || 'Error'}: ${message}` };
}

/**
 * An HTTP/1.1 client's "Parse Error: Expected HTTP/" over bytes that open with an HTTP/2 server's preface:
 * a SETTINGS frame (type 4) on stream 0.
 */
function answeredInHttp2(error: unknown): boolean {
  for (let current = error as (AwsLikeError & { rawPacket?: unknown }) | undefined, depth = 0; current && depth < 4; depth++) {
    const raw = current.rawPacket;
    if (current.code === 'HPE_INVALID_CONSTANT' && raw instanceof Uint8Array && raw.length >= 9) {
      return raw[3] === 0x04 && (Buffer.from(raw.buffer, raw.byteOffset, 9).readUInt32BE(5) & 0x7fffffff) === 0;
    }
    current = current.cause as AwsLikeError | undefined;
  }
  return false;
}

/** What makes a client that spoke HTTP/1.1 speak HTTP/2, or where else to turn. */
function http2Remedy(context: ExplainContext): string {
  switch (context.http1Because) {
    case 'setting':
      return 'Turn off "openclaw.bedrock.http1" so the test prompt speaks HTTP/2.';
    case 'proxy':
      return 'HTTP/1.1 is what goes through the proxy here: list the host in NO_PROXY or "http.noProxy" to reach it directly, over HTTP/2.';
    case 'certificates':
      return (
        'HTTP/1.1 goes with the certificates of AWS_CA_BUNDLE or with "http.proxyStrictSSL" off: ' +
        'give the CA in NODE_EXTRA_CA_CERTS instead, which keeps HTTP/2.'
      );
    default:
      return `These calls go over HTTP/1.1, as Bedrock's own endpoints take it: set "${context.endpointSetting}" to an endpoint that accepts HTTP/1.1.`;
  }
}

/** The code of an HTTP/2 failure of the connection itself (protocol error, GOAWAY, a session that closed). */
function http2Failure(error: unknown): string | undefined {
  for (let current = error as AwsLikeError | undefined, depth = 0; current && depth < 4; depth++) {
    if (
      current.code &&
      /^(ERR_HTTP2_(ERROR|STREAM_ERROR|SESSION_ERROR|GOAWAY_SESSION|INVALID_SESSION|STREAM_CANCEL)|NGHTTP2_)/.test(current.code)
    )
      return current.code;
    if (current.message && /\b(GOAWAY|NGHTTP2_[A-Z_]+|http2 (session|stream))\b/i.test(current.message))
      return current.message.match(/\b(GOAWAY|NGHTTP2_[A-Z_]+)\b/i)?.[0] ?? 'HTTP/2 session error';
    current = current.cause as AwsLikeError | undefined;
  }
  return undefined;
}

function certificateProblem(error: unknown): string | undefined {
  for (let current = error as AwsLikeError | undefined, depth = 0; current && depth < 4; depth++) {
    if (current.code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(current.code)) return current.code;
    current = current.cause as AwsLikeError | undefined;
  }
  return undefined;
}

function networkCode(error: unknown): string | undefined {
  for (let current = error as AwsLikeError | undefined, depth = 0; current && depth < 4; depth++) {
    // The SDK names a connection closed on it ("socket hang up") a TimeoutError too.
    if (current.code === 'ECONNRESET' || current.code === 'EPIPE') return current.code;
    if (current.name === 'TimeoutError') return 'timed out';
    if (current.code && /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)/.test(current.code)) return current.code;
    current = current.cause as AwsLikeError | undefined;
  }
  return undefined;
}
