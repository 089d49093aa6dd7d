import * as assert from 'assert';
import { ModelChoicesResult } from '../../server/src/protocol';
import { useFakeBedrock } from '../fakeBedrockFixture';
import { LspSession } from './lspClient';

const TEXT = (region: string) => `{
  models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.${region}.amazonaws.com", models: [ { id: "qwen.qwen3-coder-next", name: "Qwen3 Coder Next" } ] } } },
}`;

describe('Add Bedrock Model over the protocol: the choices of the live catalog, as the region lists it', function () {
  this.timeout(30_000);
  const bedrock = useFakeBedrock();

  async function choicesIn(region: string): Promise<ModelChoicesResult> {
    const uri = `file:///workspace/${region}/openclaw.json`;
    const server = new LspSession({
      settings: { aws: { profile: 'fake' }, bedrock: { endpoint: bedrock.fake.controlEndpoint }, catalog: { live: true } },
      env: bedrock.sandbox.childEnv(),
    });
    try {
      await server.initialize();
      await server.open(uri, TEXT(region));
      await server.connection.sendRequest('workspace/executeCommand', { command: 'openclaw.server.refreshCatalog', arguments: [uri] });
      return (await server.connection.sendRequest('workspace/executeCommand', {
        command: 'openclaw.server.modelChoices',
        arguments: [uri],
      })) as ModelChoicesResult;
    } finally {
      await server.shutdown();
    }
  }

  it('in us-east-1: on demand first, then US profiles, then global; a model through each profile, by its own name; no eu. profile', async () => {
    const listing = await choicesIn('us-east-1');
    assert.strictEqual(listing.origin, 'live');
    assert.deepStrictEqual(
      listing.choices
        .filter((choice) => choice.name === 'Claude Haiku 4.5')
        .map((choice) => [choice.id, choice.detail.split(' · ').at(-1)]),
      [
        ['us.anthropic.claude-haiku-4-5-20251001-v1:0', 'geography profile: requests run in US regions'],
        ['global.anthropic.claude-haiku-4-5-20251001-v1:0', 'global profile: requests run in any commercial region'],
      ],
    );
    assert.ok(!listing.choices.some((choice) => choice.id.startsWith('eu.')), 'a us-east-1 listing has no eu. profiles');
    assert.match(listing.choices[0]!.detail, /on demand: requests run in us-east-1$/);
    assert.ok(
      !listing.choices.some((choice) => choice.name.startsWith('US ') || choice.name.startsWith('Global ')),
      "names are the models' own",
    );
  });

  it('in eu-west-1: its EU profiles and the global ones, no us. profile', async () => {
    const listing = await choicesIn('eu-west-1');
    const prefixes = new Set(
      listing.choices.filter((choice) => /profile: requests run/.test(choice.detail)).map((choice) => choice.id.split('.')[0]),
    );
    assert.deepStrictEqual(prefixes, new Set(['eu', 'global']));
  });
});
