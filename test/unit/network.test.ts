import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as net from 'net';
import { join } from 'path';
import * as tls from 'tls';
import { CatalogStore } from '../../server/src/bedrock/catalogStore';
import { BedrockConnection } from '../../server/src/bedrock/connection';
import { ConverseTestRequest, runConverseTest } from '../../server/src/bedrock/converseTest';
import { discoverCatalog, discoverCatalogExplained } from '../../server/src/bedrock/discovery';
import { NetworkSettings, proxyFor, withoutCredentials } from '../../server/src/bedrock/network';
import { ConnectProxy } from '../connectProxy';
import { useFakeBedrock } from '../fakeBedrockFixture';

/*
 * Behind corporate networks: a CONNECT proxy (from settings or the environment, with NO_PROXY), HTTP/1.1
 * when HTTP/2 does not get through, a TLS-inspecting proxy's CA, and the endpoints FIPS, dual stack and
 * China regions lead to. The real AWS SDK clients, against the fake Bedrock on 127.0.0.1 only: hosts the
 * tests must not reach are asked of the proxy, which records them and refuses.
 */

const TLS_DIR = join(__dirname, '..', 'fixtures', 'tls');

describe('proxy rules', () => {
  const https = new URL('https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse-stream');
  const http = new URL('http://127.0.0.1:4599/foundation-models');

  it('https URLs take HTTPS_PROXY (or ALL_PROXY), http URLs HTTP_PROXY; lower case first; the setting first of all', () => {
    assert.strictEqual(proxyFor(https, {}, { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128' }), 'http://lower:3128');
    assert.strictEqual(proxyFor(https, {}, { HTTP_PROXY: 'http://plain:3128' }), undefined, 'HTTP_PROXY is not for https URLs');
    assert.strictEqual(proxyFor(https, {}, { ALL_PROXY: 'http://all:3128' }), 'http://all:3128');
    assert.strictEqual(proxyFor(http, {}, { HTTP_PROXY: 'http://plain:3128', HTTPS_PROXY: 'http://secure:3128' }), 'http://plain:3128');
    assert.strictEqual(proxyFor(https, { proxy: 'http://vscode:8080' }, { HTTPS_PROXY: 'http://env:3128' }), 'http://vscode:8080');
  });

  it('NO_PROXY and http.noProxy: *, hosts with their subdomains, .domain and *.domain, ports', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128' };
    const direct = (noProxy: string, settings: NetworkSettings = {}) =>
      proxyFor(https, settings, { ...env, NO_PROXY: noProxy }) === undefined;
    assert.strictEqual(direct('*'), true);
    assert.strictEqual(direct('amazonaws.com'), true);
    assert.strictEqual(direct('.amazonaws.com'), true);
    assert.strictEqual(direct('*.amazonaws.com'), true);
    assert.strictEqual(direct('internal.example, bedrock-runtime.us-east-1.amazonaws.com:443'), true);
    assert.strictEqual(direct('bedrock-runtime.us-east-1.amazonaws.com:8443'), false, 'another port');
    assert.strictEqual(direct('example.com,localhost'), false);
    assert.strictEqual(direct('', { noProxy: ['*.amazonaws.com'] }), true, "VS Code's http.noProxy");
  });

  it('a proxy is named without its credentials', () => {
    assert.strictEqual(withoutCredentials('http://user:secret@proxy.corp:3128'), 'http://proxy.corp:3128');
  });
});

describe('Behind a proxy, HTTP/2 blocked, TLS inspected (real SDK, fake Bedrock)', function () {
  this.timeout(20_000);
  const bedrock = useFakeBedrock({ enterSandbox: true });
  let proxy: ConnectProxy;
  /** Ports nothing listens on: a direct connection is refused, the proxy tunnels them to the fake. */
  let hiddenControl: number;
  let hiddenRuntime: number;

  before(async () => {
    [hiddenControl, hiddenRuntime] = [await closedPort(), await closedPort()];
    proxy = await ConnectProxy.start((authority) => {
      if (authority === `127.0.0.1:${hiddenControl}`) return Number(new URL(bedrock.fake.controlEndpoint).port);
      if (authority === `127.0.0.1:${hiddenRuntime}`) return Number(new URL(bedrock.fake.runtimeEndpoint).port);
      return undefined;
    });
  });
  afterEach(() => {
    proxy.tunnels.length = 0;
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'AWS_CA_BUNDLE']) delete process.env[name];
  });
  after(() => proxy.stop());

  const connection = (endpoint: string): BedrockConnection => ({ region: 'us-east-1', endpoint, profile: 'fake' });
  const converse = (overrides: Partial<ConverseTestRequest>) =>
    runConverseTest(
      {
        connection: { region: 'us-east-1', profile: 'fake' },
        network: {},
        modelId: 'us.anthropic.claude-sonnet-4-6',
        prompt: 'Say hello.',
        maxTokens: 256,
        timeoutMs: 5000,
        ...overrides,
      },
      { text: () => undefined, reasoning: () => undefined },
      new AbortController().signal,
    );

  it('lists the catalog through the proxy of the settings, where a direct connection is refused', async () => {
    await assert.rejects(discoverCatalog(connection(`http://127.0.0.1:${hiddenControl}`), {}), /ECONNREFUSED/);
    const entries = await discoverCatalog(connection(`http://127.0.0.1:${hiddenControl}`), { proxy: proxy.url });
    assert.ok(entries.length > 10);
    assert.ok(proxy.tunnels.every((authority) => authority === `127.0.0.1:${hiddenControl}`) && proxy.tunnels.length >= 1);
    assert.deepStrictEqual([...new Set(bedrock.fake.requests.map((request) => request.operation))].sort(), [
      'ListFoundationModels',
      'ListInferenceProfiles',
    ]);
  });

  it('streams a test prompt through the proxy (HTTP/1.1: a tunnel carries no HTTP/2 here)', async () => {
    const direct = await converse({ endpoint: `http://127.0.0.1:${hiddenRuntime}` });
    assert.match(direct.problem!.message, /^Cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    const outcome = await converse({ endpoint: `http://127.0.0.1:${hiddenRuntime}`, network: { proxy: proxy.url } });
    assert.strictEqual(outcome.measurements.outcome, 'complete', outcome.problem?.message);
    assert.ok(outcome.text.length > 0);
    assert.deepStrictEqual(
      bedrock.fake.requests.map((request) => [request.operation, request.protocol]),
      [['ConverseStream', 'http1']],
    );
    assert.deepStrictEqual(proxy.tunnels, [`127.0.0.1:${hiddenRuntime}`]);
  });

  it('takes HTTP_PROXY from the environment standalone, and NO_PROXY sends a host direct', async () => {
    process.env.HTTP_PROXY = proxy.url;
    await discoverCatalog(connection(`http://127.0.0.1:${hiddenControl}`), {});
    assert.ok(proxy.tunnels.length >= 1);
    proxy.tunnels.length = 0;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    await discoverCatalog(connection(bedrock.fake.controlEndpoint), {});
    assert.deepStrictEqual(proxy.tunnels, [], 'nothing went through the proxy');
  });

  it('says which proxy failed, and never its password', async () => {
    const store = new CatalogStore({
      live: true,
      ttlMs: 60_000,
      connection: (region) => ({ region, endpoint: 'http://127.0.0.1:9', profile: 'fake' }),
      network: { proxy: `http://user:s3cret@127.0.0.1:${await closedPort()}` },
    });
    await assert.rejects(store.refresh('us-east-1'), (error: Error) => {
      assert.match(error.message, /^Cannot reach http:\/\/127\.0\.0\.1:9 through the proxy http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      assert.ok(!error.message.includes('s3cret'));
      return true;
    });
  });

  it('"openclaw.bedrock.http1" makes the runtime speak HTTP/1.1; HTTP/2 is the default', async () => {
    await converse({ endpoint: bedrock.fake.runtimeEndpoint });
    await converse({ endpoint: bedrock.fake.runtimeEndpoint, network: { http1: true } });
    assert.deepStrictEqual(
      bedrock.fake.requests.map((request) => request.protocol),
      ['http2', 'http1'],
    );
  });

  it('when HTTP/2 breaks before any answer, says so and suggests the HTTP/1.1 setting, which works', async () => {
    bedrock.fake.refuseHttp2();
    const broken = await converse({ endpoint: bedrock.fake.runtimeEndpoint });
    assert.strictEqual(broken.measurements.outcome, 'failed');
    assert.match(
      broken.problem!.message,
      /^The HTTP\/2 connection to http:\/\/127\.0\.0\.1:\d+ broke before Bedrock answered \(.+\): a proxy or firewall on the way may not pass HTTP\/2\. Set "openclaw\.bedrock\.http1": true/,
    );
    const fixed = await converse({ endpoint: bedrock.fake.runtimeEndpoint, network: { http1: true } });
    assert.strictEqual(fixed.measurements.outcome, 'complete', fixed.problem?.message);
  });

  it('certificate settings leave an http:// runtime endpoint on HTTP/2 (they concern TLS), which an HTTP/2-only endpoint needs', async () => {
    bedrock.fake.serveOnly('http2');
    process.env.AWS_CA_BUNDLE = join(TLS_DIR, 'localhost-cert.pem');
    const withBundle = await converse({ endpoint: bedrock.fake.runtimeEndpoint });
    assert.strictEqual(withBundle.measurements.outcome, 'complete', withBundle.problem?.message);
    delete process.env.AWS_CA_BUNDLE;
    const lax = await converse({ endpoint: bedrock.fake.runtimeEndpoint, network: { proxyStrictSSL: false } });
    assert.strictEqual(lax.measurements.outcome, 'complete', lax.problem?.message);
    assert.deepStrictEqual(
      bedrock.fake.requests.map((request) => request.protocol),
      ['http2', 'http2'],
    );
  });

  describe('an endpoint that speaks only one protocol: the mismatch explained, with the way out', () => {
    it('HTTP/1.1 sent to an HTTP/2-only endpoint, because of "openclaw.bedrock.http1": turn it off', async () => {
      bedrock.fake.serveOnly('http2');
      const outcome = await converse({ endpoint: bedrock.fake.runtimeEndpoint, network: { http1: true } });
      assert.strictEqual(outcome.measurements.outcome, 'failed');
      assert.strictEqual(
        outcome.problem?.message,
        `${bedrock.fake.runtimeEndpoint} answered in HTTP/2 where HTTP/1.1 was sent: it accepts only HTTP/2. ` +
          'Turn off "openclaw.bedrock.http1" so the test prompt speaks HTTP/2.',
      );
      assert.strictEqual((await converse({ endpoint: bedrock.fake.runtimeEndpoint })).measurements.outcome, 'complete');
    });

    it('HTTP/1.1 through a proxy to an HTTP/2-only endpoint: NO_PROXY', async () => {
      bedrock.fake.serveOnly('http2');
      const outcome = await converse({ endpoint: `http://127.0.0.1:${hiddenRuntime}`, network: { proxy: proxy.url } });
      assert.strictEqual(
        outcome.problem?.message,
        `http://127.0.0.1:${hiddenRuntime} answered in HTTP/2 where HTTP/1.1 was sent through the proxy ${proxy.url}: ` +
          'it accepts only HTTP/2. HTTP/1.1 is what goes through the proxy here: list the host in NO_PROXY or "http.noProxy" to reach it directly, over HTTP/2.',
      );
    });

    it('HTTP/1.1 over TLS with AWS_CA_BUNDLE to an endpoint that passes on to HTTP/2 only: NODE_EXTRA_CA_CERTS', async () => {
      bedrock.fake.serveOnly('http2');
      const front = await tlsFront(Number(new URL(bedrock.fake.runtimeEndpoint).port));
      try {
        process.env.AWS_CA_BUNDLE = join(TLS_DIR, 'localhost-cert.pem');
        const outcome = await converse({ endpoint: `https://127.0.0.1:${front.port}` });
        assert.match(
          outcome.problem!.message,
          /^https:\/\/127\.0\.0\.1:\d+ answered in HTTP\/2 where HTTP\/1\.1 was sent: it accepts only HTTP\/2\. /,
        );
        assert.match(
          outcome.problem!.message,
          /HTTP\/1\.1 goes with the certificates of AWS_CA_BUNDLE .*: give the CA in NODE_EXTRA_CA_CERTS instead/,
        );
      } finally {
        front.server.close();
      }
    });

    it('the control plane (always HTTP/1.1) against an HTTP/2-only endpoint: the endpoint setting', async () => {
      bedrock.fake.serveOnly('http2');
      await assert.rejects(discoverCatalogExplained({ region: 'us-east-1', endpoint: bedrock.fake.controlEndpoint, profile: 'fake' }, {}), {
        message:
          `${bedrock.fake.controlEndpoint} answered in HTTP/2 where HTTP/1.1 was sent: it accepts only HTTP/2. ` +
          'These calls go over HTTP/1.1, as Bedrock\'s own endpoints take it: set "openclaw.bedrock.endpoint" to an endpoint that accepts HTTP/1.1.',
      });
    });

    it('HTTP/2 sent to an HTTP/1.1-only endpoint: "openclaw.bedrock.http1", which then works', async () => {
      bedrock.fake.serveOnly('http1');
      const outcome = await converse({ endpoint: bedrock.fake.runtimeEndpoint });
      assert.strictEqual(outcome.measurements.outcome, 'failed');
      assert.strictEqual(
        outcome.problem?.message,
        `${bedrock.fake.runtimeEndpoint} answered, but not in HTTP/2 where HTTP/2 was sent (Protocol error): ` +
          'it may accept only HTTP/1.1, or something on the way does not pass HTTP/2. Set "openclaw.bedrock.http1": true to use HTTP/1.1.',
      );
      const fixed = await converse({ endpoint: bedrock.fake.runtimeEndpoint, network: { http1: true } });
      assert.strictEqual(fixed.measurements.outcome, 'complete', fixed.problem?.message);
    });
  });

  it("trusts a TLS-inspecting proxy's CA from AWS_CA_BUNDLE, or not at all with http.proxyStrictSSL off", async () => {
    const front = await tlsFront(Number(new URL(bedrock.fake.controlEndpoint).port));
    try {
      const endpoint = `https://127.0.0.1:${front.port}`;
      const store = new CatalogStore({
        live: true,
        ttlMs: 60_000,
        connection: (region) => ({ region, endpoint, profile: 'fake' }),
        network: {},
      });
      await assert.rejects(
        store.refresh('us-east-1'),
        /^Error: The TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\)\. If a proxy inspects TLS, give its CA certificate in AWS_CA_BUNDLE/,
      );
      process.env.AWS_CA_BUNDLE = join(TLS_DIR, 'localhost-cert.pem');
      assert.ok((await discoverCatalog(connection(endpoint), {})).length > 10);
      delete process.env.AWS_CA_BUNDLE;
      assert.ok((await discoverCatalog(connection(endpoint), { proxyStrictSSL: false })).length > 10);
    } finally {
      front.server.close();
    }
  });

  it('FIPS, dual-stack and China endpoints are where requests go (asked of the proxy, which refuses them)', async () => {
    const asked = async (connection: BedrockConnection) => {
      proxy.tunnels.length = 0;
      const outcome = await converse({ connection: { ...connection, profile: 'fake' }, network: { proxy: proxy.url } });
      assert.strictEqual(outcome.measurements.outcome, 'failed');
      return proxy.tunnels[0];
    };
    assert.strictEqual(await asked({ region: 'us-east-1', fips: true }), 'bedrock-runtime-fips.us-east-1.amazonaws.com:443');
    assert.strictEqual(await asked({ region: 'us-west-2', dualStack: true }), 'bedrock-runtime.us-west-2.api.aws:443');
    assert.strictEqual(await asked({ region: 'cn-north-1' }), 'bedrock-runtime.cn-north-1.amazonaws.com.cn:443');
    proxy.tunnels.length = 0;
    await assert.rejects(discoverCatalog({ region: 'us-gov-west-1', fips: true, profile: 'fake' }, { proxy: proxy.url }));
    assert.ok(proxy.tunnels.includes('bedrock-fips.us-gov-west-1.amazonaws.com:443'), proxy.tunnels.join(' '));
  });
});

/** A free port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** TLS on 127.0.0.1 with the test certificate (self-signed, for 127.0.0.1 only), in front of a plain port. */
async function tlsFront(target: number): Promise<{ server: tls.Server; port: number }> {
  const server = tls.createServer(
    { key: readFileSync(join(TLS_DIR, 'localhost-key.pem')), cert: readFileSync(join(TLS_DIR, 'localhost-cert.pem')) },
    (socket) => {
      const upstream = net.connect(target, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    },
  );
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as net.AddressInfo).port };
}
