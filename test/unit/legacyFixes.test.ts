import * as assert from 'assert';
import { CodeAction, createLanguageService } from '../../server/src/service/languageService';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { applyEdits, commentsOf, documentOf, editsTo, readSample, toValue } from '../helpers';

const ALL = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };

function actionsFor(text: string, version?: string, only?: string[]): CodeAction[] {
  return createLanguageService({ settings: { openclawVersion: version } }).getCodeActions(documentOf(text), { range: ALL, only });
}

function apply(text: string, title: string, version?: string): string {
  const action = actionsFor(text, version).find((a) => a.title.startsWith(title));
  assert.ok(
    action,
    `no "${title}" among ${actionsFor(text, version)
      .map((a) => a.title)
      .join(' | ')}`,
  );
  return applyEdits(text, editsTo(action.edit));
}

/** Errors OpenClaw of `version` would refuse the file for (syntax, schema, legacy keys, policy refs). */
function refusals(text: string, version?: string): string[] {
  return createLanguageService({ settings: { openclawVersion: version } })
    .getDiagnostics(documentOf(text))
    .filter((d) => d.severity === 1)
    .map((d) => d.message);
}

const WITH_DISCOVERY = `{
  // Bedrock, as in the reference
  models: {
    providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [ { id: "zai.glm-4.7", name: "GLM 4.7" } ] } },
    bedrockDiscovery: {
      enabled: true, // discover the rest
      region: "us-west-2",
      providerFilter: ["anthropic", "meta"],
    },
  },
  agents: { defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } } },
}
`;

describe('legacy keys: the fixes doctor --fix makes', () => {
  it("moves models.bedrockDiscovery to the Bedrock plugin entry, keeping its fields and the file's comments", () => {
    const after = apply(WITH_DISCOVERY, 'Move models.bedrockDiscovery', '2026.4.5');
    assert.strictEqual(
      after,
      `{
  // Bedrock, as in the reference
  models: {
    providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com", models: [ { id: "zai.glm-4.7", name: "GLM 4.7" } ] } },
  },
  agents: { defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } } },
  plugins: {
    entries: {
      "amazon-bedrock": {
        config: {
          discovery: {
            enabled: true,
            region: "us-west-2",
            providerFilter: ["anthropic", "meta"],
          },
        },
      },
    },
  },
}
`,
    );
    assert.deepStrictEqual(refusals(after, '2026.4.5'), []);
  });

  it('fills only the fields missing at the new place: what is there wins', () => {
    const both = WITH_DISCOVERY.replace(
      'agents: {',
      'plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: false } } } } },\n  agents: {',
    );
    const after = apply(both, 'Move models.bedrockDiscovery', '2026.4.5');
    assert.ok(after.includes('discovery: { enabled: false, region: "us-west-2", providerFilter: ["anthropic", "meta"] }'), after);
    assert.ok(!after.includes('bedrockDiscovery'));
    assert.deepStrictEqual(refusals(after, '2026.4.5'), []);
  });

  it('from 2026.5.12 doctor deletes the key: that fix comes first there, the move stays offered', () => {
    const titles = actionsFor(WITH_DISCOVERY, '2026.9.6')
      .filter((a) => a.title.includes('bedrockDiscovery'))
      .map((a) => [a.title, a.isPreferred ?? false]);
    assert.deepStrictEqual(titles, [
      ['Move models.bedrockDiscovery to plugins.entries.amazon-bedrock.config.discovery', false],
      ['Remove models.bedrockDiscovery (what "openclaw doctor --fix" of 2026.9.6 does)', true],
    ]);
    const removed = apply(WITH_DISCOVERY, 'Remove models.bedrockDiscovery', '2026.9.6');
    assert.ok(!removed.includes('bedrockDiscovery') && !removed.includes('discover the rest'));
    assert.deepStrictEqual(commentsOf(removed), ['// Bedrock, as in the reference']);
    assert.deepStrictEqual(refusals(removed, '2026.9.6'), []);
    assert.deepStrictEqual(
      refusals(apply(WITH_DISCOVERY, 'Move models.bedrockDiscovery', '2026.9.6'), '2026.9.6'),
      [],
      'the plugin entry takes any config from 2026.5.12',
    );
  });

  it("migrates the alias map's allowlist role to modelPolicy.allow (2026.8.1+): every key in order, and the marker", () => {
    const text = readSample();
    const after = apply(text, 'Migrate the allowlist', '2026.9.6');
    const value = toValue(parseJson5(after).root) as {
      agents: { defaults: { modelPolicy: { allow: string[] }; models: object } };
      meta: unknown;
    };
    assert.deepStrictEqual(value.agents.defaults.modelPolicy.allow, Object.keys(value.agents.defaults.models));
    assert.deepStrictEqual(value.meta, { migrations: { modelPolicyAllowlist: true } });
    assert.deepStrictEqual(
      createLanguageService()
        .getDiagnostics(documentOf(after))
        .filter((d) => d.code === 'legacy-allowlist'),
      [],
    );
    assert.deepStrictEqual(commentsOf(after), commentsOf(text));
  });

  it('does not migrate a map with a key that is no policy ref (doctor defers), and says why', () => {
    const text = WITH_DISCOVERY.replace(
      '"amazon-bedrock/zai.glm-4.7": { alias: "GLM" }',
      '"amazon-bedrock/zai.glm-4.7": { alias: "GLM" }, "qwen.qwen3-coder-next": {}',
    );
    assert.ok(!actionsFor(text, '2026.9.6').some((a) => a.title.startsWith('Migrate the allowlist')));
    const info = createLanguageService()
      .getDiagnostics(documentOf(text))
      .find((d) => d.code === 'legacy-allowlist');
    assert.match(
      info!.message,
      /cannot migrate this map \(not policy refs: qwen\.qwen3-coder-next\), so it keeps restricting \/model to its 2 entries\.$/,
    );
  });

  it('fix-all: every fix with one right answer, as one edit that keeps the comments; OpenClaw accepts the result', () => {
    const text = readSample();
    const [fixAll] = actionsFor(text, undefined, ['source.fixAll']);
    assert.strictEqual(fixAll!.title, 'Fix all: migrate the allowlist, add aliases, remove models.bedrockDiscovery');
    assert.strictEqual(editsTo(fixAll!.edit).length, 1);
    const after = applyEdits(text, editsTo(fixAll!.edit));
    assert.deepStrictEqual(parseJson5(after).errors, []);
    assert.deepStrictEqual(commentsOf(after), commentsOf(text));
    assert.deepStrictEqual(refusals(after), []);
    const left = createLanguageService()
      .getDiagnostics(documentOf(after))
      .map((d) => d.code);
    assert.ok(!left.includes('no-alias') && !left.includes('legacy-allowlist'), left.join());
    // The allowlist is migrated before the aliases are added: /model may select what it could before, no more.
    const before = toValue(parseJson5(text).root) as { agents: { defaults: { models: object } } };
    const value = toValue(parseJson5(after).root) as {
      agents: { defaults: { modelPolicy: { allow: string[] }; models: Record<string, { alias?: string }> } };
    };
    assert.deepStrictEqual(value.agents.defaults.modelPolicy.allow, Object.keys(before.agents.defaults.models));
    assert.strictEqual(value.agents.defaults.models['amazon-bedrock/qwen.qwen3-32b-v1:0']?.alias, 'Qwen3 32B');
  });
});

describe('catalog fixes', () => {
  const text = `{
  models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com", models: [
    { id: "anthropic.claude-opus-4-6-v1", name: "Opus", input: ["text"] },
    { id: "deepseek.v3.2", name: "DS", input: ["text", "image"] },
  ] } } },
  agents: { defaults: { model: { primary: "amazon-bedrock/anthropic.claude-opus-4-6-v1", fallbacks: ["Opus"] }, models: { "amazon-bedrock/anthropic.claude-opus-4-6-v1": { alias: "Opus" }, "amazon-bedrock/deepseek.v3.2": { alias: "DS" } } } },
}`;

  it('a model that needs an inference profile: one fix per profile of the region, rewriting every reference', () => {
    const fixes = actionsFor(text).filter((a) => a.title.startsWith('Use inference profile'));
    assert.deepStrictEqual(
      fixes.map((a) => [a.title, a.isPreferred]),
      [
        ['Use inference profile eu.anthropic.claude-opus-4-6-v1 (here and in 2 references)', true],
        ['Use inference profile global.anthropic.claude-opus-4-6-v1 (here and in 2 references)', false],
      ],
    );
    const after = applyEdits(text, editsTo(fixes[0]!.edit));
    assert.strictEqual(
      after,
      text
        .replaceAll('"anthropic.claude-opus-4-6-v1"', '"eu.anthropic.claude-opus-4-6-v1"')
        .replaceAll('amazon-bedrock/anthropic.claude-opus-4-6-v1', 'amazon-bedrock/eu.anthropic.claude-opus-4-6-v1'),
    );
    assert.ok(
      !createLanguageService()
        .getDiagnostics(documentOf(after))
        .some((d) => d.code === 'needs-inference-profile'),
    );
  });

  it('image input: add it for a model that takes images, remove it for one that does not', () => {
    assert.ok(
      apply(text, 'Add "image" to input').includes('{ id: "anthropic.claude-opus-4-6-v1", name: "Opus", input: ["text", "image"] }'),
    );
    assert.ok(apply(text, 'Remove "image" from input').includes('{ id: "deepseek.v3.2", name: "DS", input: ["text"] }'));
  });
});
