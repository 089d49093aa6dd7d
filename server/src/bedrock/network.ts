import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { readFileSync } from 'fs';
import { Agent as HttpAgent } from 'http';
import { Agent as HttpsAgent } from 'https';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { rootCertificates } from 'tls';

/*
 * How requests leave the language server. It is a process of its own, so VS Code's proxy support does
 * not reach it: the client passes http.proxy, http.proxyStrictSSL and http.noProxy, and standalone
 * the usual variables apply (HTTPS_PROXY for https URLs, HTTP_PROXY for http ones, ALL_PROXY, NO_PROXY;
 * lower case first, as curl and proxy-from-env read them). A proxy is reached with CONNECT
 * (https-proxy-agent), which needs HTTP/1.1: through a proxy, or with "openclaw.bedrock.http1", the
 * runtime client leaves HTTP/2, and so it does for an https endpoint with certificate settings of ours.
 * AWS_CA_BUNDLE adds certificates to Node's; NODE_EXTRA_CA_CERTS works as Node reads it at start.
 */

export interface NetworkSettings {
  /** A proxy URL (VS Code's http.proxy); empty: the environment's. */
  proxy?: string;
  /** Verify certificates (VS Code's http.proxyStrictSSL); default true. */
  proxyStrictSSL?: boolean;
  /** Hosts that go direct (VS Code's http.noProxy), besides NO_PROXY's. */
  noProxy?: string[];
  /** HTTP/1.1 for the runtime client as well ("openclaw.bedrock.http1"). */
  http1?: boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export interface Timeouts {
  connectionTimeout?: number;
  requestTimeout?: number;
  throwOnRequestTimeout?: boolean;
}

/**
 * Why requests go over HTTP/1.1: the client knows no other (the control plane's), a proxy tunnel,
 * certificate settings for an https endpoint, or "openclaw.bedrock.http1".
 */
export type Http1Reason = 'client' | 'proxy' | 'certificates' | 'setting';

/** What a client was given: its handler, and what to say about the way it connects. */
export interface Transport {
  handler: NodeHttpHandler | NodeHttp2Handler;
  protocol: 'http1' | 'http2';
  /** Set for HTTP/1.1. */
  http1Because?: Http1Reason;
  /** The proxy the requests go through (no credentials in it), if any. */
  proxy?: string;
}

function variable(env: Environment, name: string): string | undefined {
  return env[name.toLowerCase()]?.trim() || env[name.toUpperCase()]?.trim() || undefined;
}

/** The proxy for a URL, or undefined when it goes direct. */
export function proxyFor(target: URL, settings: NetworkSettings, env: Environment): string | undefined {
  const scheme = target.protocol.replace(/:$/, '');
  const proxy = settings.proxy?.trim() || variable(env, `${scheme}_proxy`) || variable(env, 'all_proxy');
  if (!proxy) return undefined;
  const exceptions = [...(settings.noProxy ?? []), ...(variable(env, 'no_proxy') ?? '').split(/[,\s]+/)];
  return exceptions.some((pattern) => matchesNoProxy(target, pattern)) ? undefined : proxy;
}

/** NO_PROXY's rules: `*` for all; `host` exactly; `.domain` or `*.domain` for subdomains; an optional `:port`. */
function matchesNoProxy(target: URL, raw: string): boolean {
  const pattern = raw.trim().toLowerCase();
  if (pattern === '') return false;
  if (pattern === '*') return true;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  const match = /^(.*?)(?::(\d+))?$/.exec(pattern.replace(/^\[|\]$/g, ''))!;
  const [, name, wantedPort] = match;
  if (wantedPort && wantedPort !== port) return false;
  if (name!.startsWith('*.') || name!.startsWith('.')) return host.endsWith(name!.replace(/^\*/, ''));
  return host === name || host.endsWith(`.${name}`);
}

/** Certificate checks for TLS to the endpoint (and to an https proxy). */
function tlsOptions(settings: NetworkSettings, env: Environment): { rejectUnauthorized: boolean; ca?: string[] } {
  const bundle = env.AWS_CA_BUNDLE?.trim();
  // An unreadable bundle should fail loudly, not quietly fall back to other certificates.
  const ca = bundle ? [...rootCertificates, readCaBundle(bundle)] : undefined;
  return { rejectUnauthorized: settings.proxyStrictSSL !== false, ...(ca ? { ca } : {}) };
}

/** A network setting that makes no transport at all: nothing is sent, and the message says which setting. */
export class TransportSetupError extends Error {
  override readonly name = 'TransportSetupError';
}

function readCaBundle(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new TransportSetupError(
      `AWS_CA_BUNDLE names ${path}, which cannot be read (${reason}): fix the path, or unset AWS_CA_BUNDLE to use Node's certificates.`,
    );
  }
}

/** The transport for requests to `endpoint`. `http2`: what the client would use without a reason not to. */
export function transportFor(endpoint: URL, settings: NetworkSettings, env: Environment, timeouts: Timeouts, http2: boolean): Transport {
  const proxy = proxyFor(endpoint, settings, env);
  const tls = tlsOptions(settings, env);
  // Certificates concern TLS: a plain http:// endpoint keeps HTTP/2 whatever they say.
  const customTls = endpoint.protocol === 'https:' && (tls.ca !== undefined || !tls.rejectUnauthorized);
  const http1Because: Http1Reason | undefined = !http2
    ? 'client'
    : proxy
      ? 'proxy'
      : customTls
        ? 'certificates'
        : settings.http1
          ? 'setting'
          : undefined;
  if (!http1Because) {
    return { handler: new NodeHttp2Handler({ requestTimeout: timeouts.requestTimeout }), protocol: 'http2' };
  }
  if (proxy) {
    const agent = new HttpsProxyAgent(proxy, { keepAlive: true, ...tls });
    return {
      handler: new NodeHttpHandler({ ...timeouts, httpAgent: agent, httpsAgent: agent }),
      protocol: 'http1',
      http1Because,
      proxy: withoutCredentials(proxy),
    };
  }
  return {
    handler: new NodeHttpHandler({
      ...timeouts,
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true, ...tls }),
    }),
    protocol: 'http1',
    http1Because,
  };
}

/** A proxy URL for messages and logs: its user and password left out. */
export function withoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return 'the configured proxy';
  }
}
