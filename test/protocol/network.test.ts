import * as assert from 'assert';
import * as net from 'net';
import { RefreshCatalogResult, TestModelResult } from '../../server/src/protocol';
import { ConnectProxy } from '../connectProxy';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { LspSession } from './lspClient';

/*
 * The editor's proxy settings reach the language server (VS Code's `http` section, asked for with
 * workspace/configuration), and a provider baseUrl's FIPS endpoint is where the test prompt goes.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const FIPS = `{
  models: { providers: { "amazon-bedrock": {
    baseUrl: "https://bedrock-runtime-fips.us-east-1.amazonaws.com",
    models: [{ id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet" }],
  } } },
}`;

describe("the server behind a proxy from the editor's http settings", function () {
  this.timeout(20_000);
  const bedrock = useFakeBedrock();
  let proxy: ConnectProxy;
  let hidden: number;
  let server: LspSession;

  before(async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    hidden = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    proxy = await ConnectProxy.start((authority) =>
      authority === `127.0.0.1:${hidden}` ? Number(new URL(bedrock.fake.controlEndpoint).port) : undefined,
    );
    const http = { proxy: proxy.url, proxyStrictSSL: true, noProxy: [] };
    const settings = { aws: { profile: 'fake' }, bedrock: { endpoint: `http://127.0.0.1:${hidden}` }, catalog: { live: true } };
    server = new LspSession({
      settings,
      sections: { http },
      // As VS Code's client sends them at start: the openclaw section with http beside it.
      initialSettings: { ...settings, http },
      initializationOptions: { cacheDir: bedrock.sandbox.dir },
      env: bedrock.sandbox.childEnv(),
    });
    await server.initialize();
    await server.open(URI, FIPS);
  });
  after(async () => {
    await server.shutdown();
    await proxy.stop();
  });

  it('fetches the live catalog through the proxy', async () => {
    const result = (await server.connection.sendRequest('workspace/executeCommand', {
      command: 'openclaw.server.refreshCatalog',
      arguments: [URI],
    })) as RefreshCatalogResult;
    assert.deepStrictEqual([result.origin, result.problem], ['live', undefined]);
    assert.ok(proxy.tunnels.includes(`127.0.0.1:${hidden}`));
  });

  it("sends the test prompt to the FIPS endpoint of the provider's baseUrl, through the proxy", async () => {
    proxy.tunnels.length = 0;
    const result = (await server.connection.sendRequest('workspace/executeCommand', {
      command: 'openclaw.server.testModel',
      arguments: [{ uri: URI, reference: 'amazon-bedrock/us.anthropic.claude-sonnet-4-6' }],
    })) as TestModelResult;
    assert.strictEqual(result.outcome, 'failed');
    assert.deepStrictEqual(proxy.tunnels, ['bedrock-runtime-fips.us-east-1.amazonaws.com:443'], 'asked of the proxy, which refuses it');
    assert.match(
      result.problem!.message,
      /^The proxy http:\/\/127\.0\.0\.1:\d+ refused the connection to bedrock-runtime-fips\.us-east-1\.amazonaws\.com \(HTTP 403\)\./,
    );
  });
});
