import * as assert from 'assert';
import { createLanguageService } from '../../server/src/service/languageService';
import { resolveTargetVersion } from '../../server/src/service/config/openclawVersions';
import { documentOf } from '../helpers';

/** Error-level findings as `path: message`, for a version (what `openclaw config validate` would say). */
function errors(text: string, version: string): string[] {
  return createLanguageService({ settings: { openclawVersion: version } })
    .getDiagnostics(documentOf(text))
    .filter((d) => d.severity === 1)
    .map((d) => `${d.data?.path ?? '?'}: ${d.message.split(/ at [\w.<>/-]+:| OpenClaw \d/)[0]}`);
}

const model = (extra = '') => `{ id: "a.one", name: "One"${extra} }`;
const config = ({ models = '', provider = '', entry = '', agents = '', plugins = '' } = {}) => `{
  models: { ${models} providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", ${provider} models: [ ${model(entry)} ] } } },
  ${agents ? `agents: { ${agents} },` : ''}
  ${plugins ? `plugins: { ${plugins} },` : ''}
}`;

describe('what each OpenClaw version accepts, in the sections the extension owns (measured on 2026.3.31 … 2026.9.6)', () => {
  it('models.bedrockDiscovery: valid up to 2026.4.2, a legacy key from 2026.4.5', () => {
    const text = config({ models: 'bedrockDiscovery: { enabled: true },' });
    assert.deepStrictEqual(errors(text, '2026.3.31'), []);
    const [legacy, ...others] = createLanguageService({ settings: { openclawVersion: '2026.4.5' } })
      .getDiagnostics(documentOf(text))
      .filter((d) => d.severity === 1);
    assert.deepStrictEqual([legacy!.code, legacy!.data?.path, others.length], ['legacy-key', 'models', 0]);
    assert.match(
      legacy!.message,
      /^models\.bedrockDiscovery moved to plugins\.entries\.amazon-bedrock\.config\.discovery in OpenClaw 2026\.4\.5: OpenClaw 2026\.4\.5 \(openclaw\.version setting\) rejects the file, and the gateway does not start\. \("openclaw doctor --fix" of this version moves it there\.\)$/,
    );
  });

  it('the Bedrock plugin discovery: strictly typed while bundled (2026.4.5 … 2026.5.7), open after', () => {
    const text = config({
      plugins: 'entries: { "amazon-bedrock": { config: { discovery: { enabled: true, region: "us-west-2", extra: 1 } } } }',
    });
    assert.deepStrictEqual(errors(text, '2026.4.5'), ['plugins.entries.amazon-bedrock.config.discovery: Unrecognized key: "extra"']);
    assert.deepStrictEqual(errors(text, '2026.9.6'), []);
  });

  it('input video and audio from 2026.5.2', () => {
    const text = config({ entry: ', input: ["text", "video"]' });
    assert.deepStrictEqual(errors(text, '2026.4.20'), [
      'models.providers.amazon-bedrock.models.0.input.1: Invalid value: expected one of "text", "image"',
    ]);
    assert.deepStrictEqual(errors(text, '2026.5.2'), []);
  });

  it('agents.defaults.modelPolicy and agents.entries from 2026.8.1', () => {
    const text = config({
      agents: 'defaults: { modelPolicy: { allow: ["amazon-bedrock/*"] } }, entries: { coder: { model: "amazon-bedrock/a.one" } }',
    });
    assert.deepStrictEqual(errors(text, '2026.7.35'), [
      'agents.defaults: Unrecognized key: "modelPolicy"',
      'agents: Unrecognized key: "entries"',
    ]);
    assert.deepStrictEqual(errors(text, '2026.8.1'), []);
  });

  it('provider baseUrl required up to 2026.5.18; unknown keys in a provider or a model entry in every version', () => {
    const noBaseUrl = config().replace('baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", ', '');
    assert.deepStrictEqual(errors(noBaseUrl, '2026.5.18'), ['models.providers.amazon-bedrock.baseUrl: Missing required key "baseUrl"']);
    assert.deepStrictEqual(errors(noBaseUrl, '2026.5.28'), []);
    for (const version of ['2026.3.31', '2026.9.6']) {
      assert.deepStrictEqual(errors(config({ provider: 'region2: "x",', entry: ', temperature: 1' }), version), [
        'models.providers.amazon-bedrock: Unrecognized key: "region2"',
        'models.providers.amazon-bedrock.models.0: Unrecognized key: "temperature"',
      ]);
    }
  });

  it('the api values of each version', () => {
    const text = config({ provider: 'api: "pi-messages",' });
    assert.deepStrictEqual(errors(text, '2026.8.1').length, 1);
    assert.deepStrictEqual(errors(text, '2026.9.6'), []);
    assert.deepStrictEqual(errors(config({ provider: 'api: "openai-codex-responses",' }), '2026.5.28'), []);
    assert.deepStrictEqual(errors(config({ provider: 'api: "openai-codex-responses",' }), '2026.6.1').length, 1);
  });

  it('modelPolicy.allow entries: aliases, provider/model, provider/*, as 2026.8.1+ checks them, with its message', () => {
    const text = config({
      agents:
        'defaults: { models: { "amazon-bedrock/a.one": { alias: "One" } }, modelPolicy: { allow: ["one", "amazon-bedrock/*", "openrouter:free", "not a ref", "foo", "*", ""] } }',
    });
    assert.deepStrictEqual(errors(text, '2026.9.6'), [
      'agents.defaults.modelPolicy.allow.3: invalid model policy ref: "not a ref". Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".',
      'agents.defaults.modelPolicy.allow.4: invalid model policy ref: "foo". Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".',
      'agents.defaults.modelPolicy.allow.5: invalid model policy ref: "*". Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".',
      'agents.defaults.modelPolicy.allow.6: invalid model policy ref: "". Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".',
    ]);
  });

  it('an explicit choice (the setting or --openclaw-version, then the installed OpenClaw) wins over meta.lastTouchedVersion, the fallback', () => {
    const text = `{ meta: { lastTouchedVersion: "2026.3.31" }, ${config({ models: 'bedrockDiscovery: {},' }).slice(1)}`;
    const check = (installedVersion?: string, openclawVersion?: string) =>
      createLanguageService({ settings: { installedVersion, openclawVersion } })
        .getDiagnostics(documentOf(text))
        .filter((d) => d.code === 'legacy-key').length;
    assert.strictEqual(check(), 0, 'without a choice, the file says 2026.3.31');
    assert.strictEqual(check(undefined, '2026.9.6'), 1, 'the setting decides');
    assert.strictEqual(check('2026.9.6'), 1, 'the installed OpenClaw decides');
    assert.strictEqual(check('2026.9.6', '2026.3.31'), 0, 'the setting decides over the installed OpenClaw');
    assert.deepStrictEqual(resolveTargetVersion('2026.9.6', '2026.3.2', undefined), {
      version: '2026.9.6',
      source: 'installed',
      writtenBy: '2026.3.2',
    });
    assert.deepStrictEqual(resolveTargetVersion(undefined, '2026.3.2', '2026.3.2', 'command-line'), {
      version: '2026.3.2',
      source: 'command-line',
    });
    assert.deepStrictEqual(resolveTargetVersion(undefined, '2026.3.2', undefined), { version: '2026.3.2', source: 'file' });
  });
});
