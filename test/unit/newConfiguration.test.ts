import * as assert from 'assert';
import { join } from 'path';
import { SchemaBundle } from '../../server/src/schemaBundle';
import { createLanguageService, createTextDocument } from '../../server/src/service/languageService';
import { REPO_ROOT } from '../helpers';

describe('a new configuration for Bedrock (OpenClaw: Open Configuration, when there is none)', () => {
  const schemas = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;
  const created = (awsRegion: string, openclawVersion?: string) =>
    createLanguageService({ settings: { awsRegion, openclawVersion }, schemas }).getNewConfiguration();

  it("is what OpenClaw writes, checks clean, and starts with Claude Sonnet through the region's profile, its facts and alias", () => {
    const { text, region, version } = created('eu-west-1');
    assert.deepStrictEqual([region, version], ['eu-west-1', '2026.9.6']);
    const config = JSON.parse(text);
    assert.strictEqual(text, `${JSON.stringify(config, null, 2)}\n`, "OpenClaw's own layout");
    const model = config.models.providers['amazon-bedrock'].models[0];
    assert.deepStrictEqual(
      [model.id, model.name, model.contextWindow, model.cost.input],
      ['eu.anthropic.claude-sonnet-4-6', 'Claude Sonnet 4.6', 200000, 3],
    );
    assert.strictEqual(config.models.providers['amazon-bedrock'].baseUrl, 'https://bedrock-runtime.eu-west-1.amazonaws.com');
    assert.deepStrictEqual(config.agents.defaults, {
      model: { primary: 'amazon-bedrock/eu.anthropic.claude-sonnet-4-6' },
      models: { 'amazon-bedrock/eu.anthropic.claude-sonnet-4-6': { alias: 'Claude Sonnet 4.6' } },
    });
    assert.deepStrictEqual(config.meta, { migrations: { modelPolicyAllowlist: true } }, 'the alias map stays aliases only');
    const diagnostics = createLanguageService({ settings: { awsRegion: 'eu-west-1' }, schemas }).getDiagnostics(
      createTextDocument('file:///home/ann/.openclaw/openclaw.json', text),
    );
    assert.deepStrictEqual(diagnostics, []);
  });

  it('for a release before modelPolicy (2026.8.1), without the migration marker its schema does not know', () => {
    const { text } = created('us-east-1', '2026.7.35');
    assert.strictEqual(JSON.parse(text).meta, undefined);
    assert.deepStrictEqual(
      createLanguageService({ settings: { openclawVersion: '2026.7.35' }, schemas })
        .getDiagnostics(createTextDocument('file:///x/openclaw.json', text))
        .filter((d) => d.severity === 1),
      [],
    );
  });
});
