import * as assert from 'assert';
import { CatalogStatus, RefreshCatalogResult, TestModelResult } from '../../server/src/protocol';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { LspSession } from './lspClient';

/*
 * How settings reach the server from editors other than VS Code: given at start
 * (initializationOptions.settings), then pulled (workspace/configuration) or pushed
 * (workspace/didChangeConfiguration). A client answers null for a section it does not know (Neovim
 * and Helix when the settings were given at start only): that must not throw the start settings away.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `{
  models: { providers: { "amazon-bedrock": { models: [{ id: "us.anthropic.claude-sonnet-4-6", name: "Sonnet" }] } } },
  agents: { defaults: { models: { "amazon-bedrock/us.anthropic.claude-sonnet-4-6": { alias: "Sonnet" } } } },
}`;

describe('settings from clients other than VS Code', function () {
  this.timeout(30_000);
  const bedrock = useFakeBedrock();
  let server: LspSession | undefined;

  afterEach(async () => {
    await server?.shutdown();
    server = undefined;
  });

  /** The fake's endpoints and profile; anything else would go to a proxy that is not there (nothing leaves 127.0.0.1). */
  const fakeSettings = () => ({
    aws: { profile: 'fake' },
    bedrock: { endpoint: bedrock.fake.controlEndpoint, runtimeEndpoint: bedrock.fake.runtimeEndpoint },
    catalog: { live: true },
  });
  const env = () => ({ ...bedrock.sandbox.childEnv(), HTTPS_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' });

  const command = <T>(name: string, argument: unknown) =>
    server!.connection.sendRequest('workspace/executeCommand', { command: name, arguments: [argument] }) as Promise<T>;

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (const deadline = Date.now() + 5000; !condition();) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('keeps the start settings when the client answers workspace/configuration with null: the catalog and test prompts go to the configured endpoints', async () => {
    server = new LspSession({ initialSettings: fakeSettings(), sections: { openclaw: null, http: null }, env: env() });
    await server.initialize();
    await until(() => server!.configurationRequests.length > 0, 'the server to pull its settings');
    await server.open(URI, TEXT);
    const refreshed = await command<RefreshCatalogResult>('openclaw.server.refreshCatalog', URI);
    assert.deepStrictEqual([refreshed.origin, refreshed.problem], ['live', undefined]);
    assert.ok(bedrock.fake.requests.some((request) => request.endpoint === 'control' && request.operation === 'ListFoundationModels'));
    const status = await command<CatalogStatus>('openclaw.server.catalogStatus', { uri: URI });
    assert.strictEqual(status.profile, 'fake');

    bedrock.fake.setConverseScript('*', { text: ['Hi.'], usage: { inputTokens: 5, outputTokens: 2 } });
    const result = await command<TestModelResult>('openclaw.server.testModel', { uri: URI, reference: 'Sonnet', prompt: 'Hello?' });
    assert.strictEqual(result.outcome, 'complete', result.problem?.message);
    assert.ok(bedrock.fake.requests.some((request) => request.endpoint === 'runtime' && request.operation === 'ConverseStream'));
  });

  it('lays pulled settings over the start settings key by key', async () => {
    server = new LspSession({
      initialSettings: { ...fakeSettings(), version: '2026.3.2' },
      // A client that knows only some keys: the profile and endpoints stay, the version changes.
      sections: { openclaw: { version: '2026.9.6', aws: { region: 'us-west-2' }, bedrock: null } },
      env: env(),
    });
    await server.initialize();
    await until(() => server!.configurationRequests.length > 0, 'the server to pull its settings');
    await server.open(URI, TEXT);
    const status = await command<CatalogStatus>('openclaw.server.catalogStatus', { uri: URI });
    assert.deepStrictEqual([status.region, status.profile], ['us-west-2', 'fake']);
    const refreshed = await command<RefreshCatalogResult>('openclaw.server.refreshCatalog', URI);
    assert.deepStrictEqual([refreshed.origin, refreshed.problem], ['live', undefined]);
  });

  it('without workspace/configuration (Neovim 0.7), merges a pushed { settings: { openclaw } } over the start settings', async () => {
    server = new LspSession({ initialSettings: { ...fakeSettings(), catalog: { live: false } }, pullsConfiguration: false, env: env() });
    await server.initialize();
    await server.open(URI, TEXT);
    assert.strictEqual((await command<CatalogStatus>('openclaw.server.catalogStatus', { uri: URI })).origin, 'built-in');

    // Only the catalog switch: the endpoints and profile given at start stay.
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { openclaw: { catalog: { live: true } } } });
    const refreshed = await command<RefreshCatalogResult>('openclaw.server.refreshCatalog', URI);
    assert.deepStrictEqual([refreshed.origin, refreshed.problem], ['live', undefined]);
    assert.strictEqual((await command<CatalogStatus>('openclaw.server.catalogStatus', { uri: URI })).profile, 'fake');

    // A push of nothing the server knows changes nothing; the server never asked for settings.
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.strictEqual((await command<CatalogStatus>('openclaw.server.catalogStatus', { uri: URI })).profile, 'fake');
    assert.deepStrictEqual(server.configurationRequests, []);
  });
});
