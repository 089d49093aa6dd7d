import * as assert from 'assert';
import { createLanguageService, DocumentHighlightKind } from '../../server/src/service/languageService';
import { documentOf, memoryFiles, readSample } from '../helpers';

/*
 * Document highlight: every place this file names the model or the alias under the cursor, the
 * definition as Write and the uses as Read.
 */

const CONFIG = `{
  models: { providers: { "amazon-bedrock": { models: [
    { id: "zai.glm-4.7" },
    { id: "deepseek.v3.2" },
  ] } } },
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/zai.glm-4.7", "amazon-bedrock/deepseek.v3.2"] },
      models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" }, "amazon-bedrock/deepseek.v3.2": {} },
      modelPolicy: { allow: ["amazon-bedrock/zai.glm-4.7"] },
    },
  },
}
`;

const service = createLanguageService();

/** "R 'text'" / "W 'text'" for each highlight, in order. */
function highlightsAt(text: string, needle: string, shift = 2, uri?: string, svc = service): string[] {
  const document = documentOf(text, uri);
  return svc.getDocumentHighlights(document, document.positionAt(text.indexOf(needle) + shift)).map((highlight) => {
    const slice = text.slice(document.offsetAt(highlight.range.start), document.offsetAt(highlight.range.end));
    return `${highlight.kind === DocumentHighlightKind.Write ? 'W' : 'R'} ${slice}`;
  });
}

describe('document highlight', () => {
  const glm = [
    'W "zai.glm-4.7"',
    'R "GLM"',
    'R "amazon-bedrock/zai.glm-4.7"',
    'R "amazon-bedrock/zai.glm-4.7"',
    'R "GLM"',
    'R "amazon-bedrock/zai.glm-4.7"',
  ];

  it('from a model id, a reference, an alias-map key or the policy: the id (Write) and every reference, alias and its value (Read)', () => {
    assert.deepStrictEqual(highlightsAt(CONFIG, '"zai.glm-4.7" }'), glm);
    assert.deepStrictEqual(highlightsAt(CONFIG, '"amazon-bedrock/zai.glm-4.7", "amazon'), glm);
    assert.deepStrictEqual(highlightsAt(CONFIG, '"amazon-bedrock/zai.glm-4.7": {'), glm);
    assert.deepStrictEqual(highlightsAt(CONFIG, 'allow: ["amazon', 10), glm);
  });

  it('from an alias (its value or a use): the value (Write) and its uses (Read)', () => {
    assert.deepStrictEqual(highlightsAt(CONFIG, '"GLM", fallbacks'), ['R "GLM"', 'W "GLM"']);
    assert.deepStrictEqual(highlightsAt(CONFIG, '"GLM" }'), ['R "GLM"', 'W "GLM"']);
  });

  it('a model without alias; nothing on keys, other strings or outside', () => {
    assert.deepStrictEqual(highlightsAt(CONFIG, '"deepseek.v3.2" }'), [
      'W "deepseek.v3.2"',
      'R "amazon-bedrock/deepseek.v3.2"',
      'R "amazon-bedrock/deepseek.v3.2"',
    ]);
    assert.deepStrictEqual(highlightsAt(CONFIG, 'primary'), []);
    assert.deepStrictEqual(highlightsAt(CONFIG, '"amazon-bedrock": {'), []);
    assert.deepStrictEqual(highlightsAt(CONFIG, '{', 0), []);
  });

  it('in strict JSON: the reference configuration', () => {
    const sample = readSample();
    const found = highlightsAt(sample, '"DeepSeek V3.2", "amazon');
    assert.deepStrictEqual(found, ['R "DeepSeek V3.2"', 'W "DeepSeek V3.2"']);
    const model = highlightsAt(sample, '"id": "deepseek.v3.2"', 8);
    assert.deepStrictEqual(model, ['W "deepseek.v3.2"', 'R "DeepSeek V3.2"', 'R "amazon-bedrock/deepseek.v3.2"', 'R "DeepSeek V3.2"']);
  });

  it('in a broken document, from what parses', () => {
    const broken = CONFIG.replace('modelPolicy: {', 'modelPolicy: {{').slice(0, CONFIG.indexOf('modelPolicy') + 20);
    assert.deepStrictEqual(highlightsAt(broken, '"zai.glm-4.7" }'), glm.slice(0, 5));
  });

  it('only what is in this file: from the root, the model defined in an included file is not highlighted there', () => {
    const files = memoryFiles({
      '/cfg/openclaw.json': '{ models: { $include: "./models.json5" }, agents: { defaults: { model: "amazon-bedrock/zai.glm-4.7" } } }',
      '/cfg/models.json5': '{ providers: { "amazon-bedrock": { models: [ { id: "zai.glm-4.7" } ] } } }',
    });
    const split = createLanguageService({ files: files.source });
    const root = files.document('/cfg/openclaw.json');
    const text = root.getText();
    const highlights = split.getDocumentHighlights(root, root.positionAt(text.indexOf('"amazon-bedrock/zai') + 3));
    assert.deepStrictEqual(
      highlights.map((highlight) => highlight.kind),
      [DocumentHighlightKind.Read],
    );
  });
});
