import * as assert from 'assert';
import { createLanguageService, Position, WorkspaceEdit } from '../../server/src/service/languageService';
import { applyEdits, documentOf, memoryFiles, TEST_URI } from '../helpers';

/*
 * Rename refuses a new name that would make two entries one: OpenClaw keeps the last of two equal keys
 * of a `models` map (dropping the other's alias without a word), and two entries of one provider with
 * the same id are one model.
 */

const CONFIG = `{
  models: {
    providers: {
      "amazon-bedrock": {
        models: [
          { id: "zai.glm-4.7", name: "GLM" },
          { id: "qwen.qwen3-32b-v1:0", name: "Qwen" },
        ],
      },
      openai: { models: [ { id: "gpt-5", name: "GPT-5" } ] },
    },
  },
  agents: {
    defaults: {
      models: {
        "amazon-bedrock/zai.glm-4.7": { alias: "GLM" },
        "amazon-bedrock/deepseek.v3.2": { alias: "DeepSeek" },
      },
    },
    entries: { writer: { models: { "amazon-bedrock/qwen.qwen3-32b-v1:0": { alias: "Qwen" }, "Amazon-Bedrock/mistral.large": {} } } },
  },
}
`;

const service = createLanguageService();
const document = documentOf(CONFIG);

function at(needle: string, shift = 1): Position {
  const offset = CONFIG.indexOf(needle) + shift;
  return document.positionAt(offset);
}

describe('rename: a model id onto one that is taken', () => {
  it('refuses an id the provider already has, naming where; the same id in another provider is fine', () => {
    assert.strictEqual(
      service.getRename(document, at('"qwen.qwen3-32b-v1:0", name'), 'zai.glm-4.7'),
      'amazon-bedrock/zai.glm-4.7 is already configured (line 6): renaming onto it would make two entries with the same id.',
    );
    assert.strictEqual(typeof service.getRename(document, at('"gpt-5"'), 'zai.glm-4.7'), 'object');
  });

  it('refuses an id whose alias-map key is already in the same map (though no provider lists that model); a free id renames', () => {
    assert.strictEqual(
      service.getRename(document, at('"zai.glm-4.7", name'), 'deepseek.v3.2'),
      'agents.defaults.models already has amazon-bedrock/deepseek.v3.2 (line 17): renaming onto it would make two entries with the same key, and OpenClaw would drop one of them.',
    );
    assert.strictEqual(typeof service.getRename(document, at('"zai.glm-4.7", name'), 'zai.glm-4.7'), 'object', 'the unchanged id');
    const edit = service.getRename(document, at('"zai.glm-4.7", name'), 'zai.glm-5') as WorkspaceEdit;
    const after = applyEdits(CONFIG, edit.changes[TEST_URI]!);
    assert.ok(after.includes('{ id: "zai.glm-5", name: "GLM" }') && after.includes('"amazon-bedrock/zai.glm-5": { alias: "GLM" }'), after);
  });

  it("checks an agent's own map too, with the provider's case ignored as OpenClaw does", () => {
    assert.strictEqual(
      service.getRename(document, at('"qwen.qwen3-32b-v1:0", name'), 'mistral.large'),
      'The models map of agent writer already has Amazon-Bedrock/mistral.large (line 20): renaming onto it would make two entries with the same key, and OpenClaw would drop one of them.',
    );
  });

  it('names the file when the clash is in another file of the configuration', () => {
    const { source, document: documentAt } = memoryFiles({
      '/cfg/openclaw.json':
        '{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { models: { "amazon-bedrock/a": {} } } },\n}\n',
      '/cfg/models.json5':
        '{\n  providers: { "amazon-bedrock": { models: [\n    { id: "a", name: "A" },\n    { id: "b", name: "B" },\n  ] } },\n}\n',
    });
    const split = createLanguageService({ files: source });
    const root = documentAt('/cfg/openclaw.json');
    const key = root.getText().indexOf('amazon-bedrock/a') + 16;
    assert.strictEqual(
      split.getRename(root, root.positionAt(key), 'b'),
      'amazon-bedrock/b is already configured (line 4 of models.json5): renaming onto it would make two entries with the same id.',
    );
  });
});
