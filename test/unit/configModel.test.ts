import * as assert from 'assert';
import { buildConfigModel } from '../../server/src/service/config/configModel';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { readSample } from '../helpers';

function modelOf(text: string) {
  return buildConfigModel(parseJson5(text).root);
}

describe('config model', () => {
  it('reads providers and their models with every field and its range', () => {
    const text = readSample();
    const config = modelOf(text);
    assert.deepStrictEqual(
      config.providers.map((p) => p.id),
      ['amazon-bedrock'],
    );
    assert.strictEqual(config.models.length, 16);
    const qwen = config.models[0]!;
    assert.strictEqual(qwen.id, 'qwen.qwen3-coder-next');
    assert.strictEqual(text.slice(qwen.idNode.offset, qwen.idNode.end), '"qwen.qwen3-coder-next"');
    assert.strictEqual(qwen.name?.value, 'Qwen3 Coder Next');
    assert.strictEqual(qwen.reasoning?.value, true);
    assert.deepStrictEqual(qwen.input?.value, ['text']);
    assert.strictEqual(qwen.cost?.input?.value, 0.5);
    assert.strictEqual(qwen.cost?.output?.value, 1.2);
    assert.strictEqual(qwen.cost?.cacheRead?.value, 0);
    assert.strictEqual(qwen.contextWindow?.value, 262144);
    assert.strictEqual(text.slice(qwen.contextWindow!.node.offset, qwen.contextWindow!.node.end), '262144');
    assert.strictEqual(qwen.maxTokens?.value, 8192);
    assert.strictEqual(config.providers[0]!.baseUrl?.value, 'https://bedrock-runtime.us-east-1.amazonaws.com');
    assert.strictEqual(config.mode, 'merge');
    assert.deepStrictEqual(
      config.bedrockDiscovery.map((d) => [d.path, d.enabled]),
      [['models.bedrockDiscovery', true]],
    );
  });

  it('reads a key written twice in a model entry or its cost as JSON5.parse does: the last one', () => {
    const [model] = modelOf(`{ models: { providers: { p: { models: [
      { id: "first", name: "A", id: "second", cost: { input: 1, input: "x", output: "y", output: 2 }, maxTokens: 5, maxTokens: [] },
    ] } } } }`).models;
    assert.strictEqual(model!.id, 'second');
    assert.strictEqual(model!.name?.value, 'A');
    assert.strictEqual(model!.cost?.input, undefined);
    assert.strictEqual(model!.cost?.output?.value, 2);
    assert.strictEqual(model!.maxTokens, undefined);
  });

  it('reads alias entries of agents.defaults.models', () => {
    const config = modelOf(readSample());
    const defaults = config.aliases.filter((entry) => entry.agent === undefined);
    assert.strictEqual(defaults.length, 14);
    assert.deepStrictEqual([defaults[0]!.key, defaults[0]!.alias?.value], ['amazon-bedrock/qwen.qwen3-coder-next', 'Qwen3 Coder']);
  });

  it('collects every model reference with its path', () => {
    const config = modelOf(`{
      agents: {
        defaults: {
          model: { primary: "a/x", fallbacks: ["b/y", "Alias"] },
          imageModel: "c/z",
          utilityModel: "",
          modelPolicy: { allow: ["a/*", "Alias"] },
          models: { "a/x": { alias: "Alias" } },
        },
        list: [ { id: "coder", model: "a/x" } ],
        entries: { writer: { model: { primary: "b/y" }, models: { "b/y": { alias: "W" } } } },
      },
    }`);
    assert.deepStrictEqual(
      config.references.map((r) => [r.path, r.value, r.isMapKey, r.agent ?? '-']),
      [
        ['agents.defaults.models["a/x"]', 'a/x', true, '-'],
        ['agents.defaults.model.primary', 'a/x', false, '-'],
        ['agents.defaults.model.fallbacks[0]', 'b/y', false, '-'],
        ['agents.defaults.model.fallbacks[1]', 'Alias', false, '-'],
        ['agents.defaults.imageModel', 'c/z', false, '-'],
        ['agents.defaults.modelPolicy.allow[0]', 'a/*', false, '-'],
        ['agents.defaults.modelPolicy.allow[1]', 'Alias', false, '-'],
        ['agents.list[0].model', 'a/x', false, 'coder'],
        ['agents.entries.writer.models["b/y"]', 'b/y', true, 'writer'],
        ['agents.entries.writer.model.primary', 'b/y', false, 'writer'],
      ],
    );
    assert.deepStrictEqual(
      config.aliases.map((a) => [a.key, a.alias?.value, a.agent ?? '-']),
      [
        ['a/x', 'Alias', '-'],
        ['b/y', 'W', 'writer'],
      ],
    );
  });

  it('reads the discovery setting at its 2026.4.5+ place and models.mode', () => {
    const config = modelOf(
      `{ models: { mode: "replace" }, plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: false } } } } } }`,
    );
    assert.strictEqual(config.mode, 'replace');
    assert.deepStrictEqual(
      config.bedrockDiscovery.map((d) => [d.path, d.enabled]),
      [['plugins.entries.amazon-bedrock.config.discovery', false]],
    );
  });

  it('builds what it can from a broken file and skips what is not there', () => {
    const config = modelOf(
      `{ models: { providers: { "amazon-bedrock": { models: [ { id: "a", name: "A" }, { name: "no id" }, 42, { id: "b", cost: { input: "x" } ] } } }, agents: { defaults: { model: `,
    );
    assert.deepStrictEqual(
      config.models.map((m) => m.id),
      ['a', 'b'],
    );
    assert.strictEqual(config.models[1]!.cost?.input, undefined);
    assert.deepStrictEqual(config.references, []);
  });

  it('is empty for a document that is not an object', () => {
    const config = modelOf('[1, 2]');
    assert.strictEqual(config.root, undefined);
    assert.deepStrictEqual(config.models, []);
  });
});
