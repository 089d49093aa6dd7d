import * as assert from 'assert';
import { MAX_DOCUMENT_SYMBOLS } from '../../server/src/service/features/documentSymbols';
import { createLanguageService, DocumentSymbol, SymbolKind } from '../../server/src/service/languageService';
import { documentOf, memoryFiles, readSample } from '../helpers';

/*
 * The Outline and breadcrumbs: the file's tree named as VS Code's JSON names it (keys, items by
 * index, the same kinds), with models by name (id and prices as detail), agents by id and alias-map
 * entries by alias. Go to Symbol in Workspace: models and aliases of the open configurations.
 */

const JSON5_CONFIG = `{
  // Bedrock
  models: {
    providers: {
      'amazon-bedrock': {
        models: [
          { id: "zai.glm-4.7", name: "GLM 4.7", cost: { input: 0.6, output: 2.2 } },
          { id: "qwen.qwen3-32b-v1:0" },
          "not a model",
        ],
      },
    },
  },
  agents: {
    defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" }, "amazon-bedrock/qwen.qwen3-32b-v1:0": {} } },
    list: [ { id: "coder", model: "GLM" }, { name: "unnamed" }, {} ],
  },
  empty: [], none: {}, flag: true, nothing: null, count: 0x10, "": "blank",
}
`;

const service = createLanguageService();

/** name [kind] detail, indented by depth: the tree in a line per symbol. */
function outline(symbols: DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((symbol) => [
    `${'  '.repeat(depth)}${symbol.name} [${symbol.kind}]${symbol.detail === undefined ? '' : ` ${symbol.detail}`}`,
    ...outline(symbol.children ?? [], depth + 1),
  ]);
}

/** Every symbol's selection range lies inside its range, and each child inside its parent. */
function assertNested(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  const inside = (inner: DocumentSymbol['range'], outer: DocumentSymbol['range']) =>
    (inner.start.line > outer.start.line || (inner.start.line === outer.start.line && inner.start.character >= outer.start.character)) &&
    (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));
  for (const symbol of symbols) {
    assert.ok(inside(symbol.selectionRange, symbol.range), `${symbol.name}: selection inside range`);
    if (parent) assert.ok(inside(symbol.range, parent.range), `${symbol.name} inside ${parent.name}`);
    assert.ok(symbol.name.trim() !== '', 'no empty name (VS Code refuses one)');
    assertNested(symbol.children ?? [], symbol);
  }
}

describe('document symbols', () => {
  it('names models by name with id and prices, aliases by alias, agents by id, the rest by key and index, with JSON kinds', () => {
    const symbols = service.getDocumentSymbols(documentOf(JSON5_CONFIG));
    const { Module, Class, Constant, String, Number, Boolean, Array, Variable } = SymbolKind;
    assert.deepStrictEqual(outline(symbols), [
      `models [${Module}]`,
      `  providers [${Module}]`,
      `    amazon-bedrock [${Module}]`,
      `      models [${Array}]`,
      `        GLM 4.7 [${Class}] zai.glm-4.7 · $0.6/$2.2`,
      `          id [${String}] zai.glm-4.7`,
      `          name [${String}] GLM 4.7`,
      `          cost [${Module}]`,
      `            input [${Number}] 0.6`,
      `            output [${Number}] 2.2`,
      `        qwen.qwen3-32b-v1:0 [${Class}] qwen.qwen3-32b-v1:0`,
      `          id [${String}] qwen.qwen3-32b-v1:0`,
      `        2 [${String}] not a model`,
      `agents [${Module}]`,
      `  defaults [${Module}]`,
      `    models [${Module}]`,
      `      GLM [${Constant}] amazon-bedrock/zai.glm-4.7`,
      `        alias [${String}] GLM`,
      `      amazon-bedrock/qwen.qwen3-32b-v1:0 [${Module}] {}`,
      `  list [${Array}]`,
      `    coder [${Module}]`,
      `      id [${String}] coder`,
      `      model [${String}] GLM`,
      `    unnamed [${Module}]`,
      `      name [${String}] unnamed`,
      `    2 [${Module}] {}`,
      `empty [${Array}] []`,
      `none [${Module}] {}`,
      `flag [${Boolean}] true`,
      `nothing [${Variable}] null`,
      `count [${Number}] 16`,
      `"" [${String}] blank`,
    ]);
    assertNested(symbols);
  });

  it('gives a property its whole range and its key as selection; a model its entry', () => {
    const document = documentOf(JSON5_CONFIG);
    const [models] = service.getDocumentSymbols(document);
    assert.deepStrictEqual(models!.selectionRange, { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } });
    assert.deepStrictEqual(models!.range.start, { line: 2, character: 2 });
    assert.deepStrictEqual(models!.range.end, { line: 12, character: 3 });
    const glm = models!.children![0]!.children![0]!.children![0]!.children![0]!;
    assert.strictEqual(
      document.getText().slice(document.offsetAt(glm.range.start), document.offsetAt(glm.range.end)).startsWith('{ id: "zai.glm-4.7"'),
      true,
    );
  });

  it('the reference configuration in strict JSON: breadcrumbs reach a model as VS Code shows x.json, with the model named', () => {
    const symbols = service.getDocumentSymbols(documentOf(readSample()));
    assertNested(symbols);
    const path = ['models', 'providers', 'amazon-bedrock', 'models', 'DeepSeek V3.2', 'id'];
    let level = symbols;
    for (const name of path) {
      const found = level.find((symbol) => symbol.name === name);
      assert.ok(found, `${name} among ${level.map((symbol) => symbol.name).join(', ')}`);
      level = found.children ?? [];
    }
  });

  it('works on a broken document: what parses is there, a key still without value is left out', () => {
    const broken =
      '{\n  models: { providers: { "amazon-bedrock": { models: [ { id: "zai.glm-4.7", name: "GLM" ,, } ] } } },\n  agents: { defaults: { model: \n';
    const symbols = service.getDocumentSymbols(documentOf(broken));
    assertNested(symbols);
    const lines = outline(symbols);
    assert.ok(lines.includes(`        GLM [${SymbolKind.Class}] zai.glm-4.7`), lines.join('\n'));
    assert.strictEqual(lines[lines.length - 1], `  defaults [${SymbolKind.Module}]`, 'its `model:` has no value yet');
    assert.deepStrictEqual(service.getDocumentSymbols(documentOf('')), []);
    assert.deepStrictEqual(service.getDocumentSymbols(documentOf('// only a comment\n')), []);
  });

  it('keeps names on one line and of bounded length', () => {
    const long = 'k'.repeat(500);
    const symbols = service.getDocumentSymbols(documentOf(`{ "a\\nb": 1, "${long}": "${'v'.repeat(500)}" }`));
    assert.strictEqual(symbols[0]!.name, 'a↵b');
    assert.ok(symbols[1]!.name.length < 200 && symbols[1]!.detail!.length < 200, symbols[1]!.name);
  });

  it("stops at MAX_DOCUMENT_SYMBOLS breadth first, as VS Code's JSON does: the top levels whole, the deepest left out", () => {
    const items = Array.from({ length: MAX_DOCUMENT_SYMBOLS }, (_, i) => `{ "id": "m${i}", "x": 1 }`).join(',');
    const symbols = service.getDocumentSymbols(documentOf(`{ "a": [${items}], "b": { "c": 1 } }`));
    const count = (list: DocumentSymbol[]): number => list.reduce((sum, symbol) => sum + 1 + count(symbol.children ?? []), 0);
    assert.strictEqual(count(symbols), MAX_DOCUMENT_SYMBOLS);
    assert.deepStrictEqual(
      symbols.map((symbol) => symbol.name),
      ['a', 'b'],
    );
    assert.strictEqual(symbols[0]!.children!.length, MAX_DOCUMENT_SYMBOLS - 2, 'the items of a, as many as fit');
    assert.deepStrictEqual(symbols[1]!.children, [], "b's own come after them");
    assert.strictEqual(symbols[0]!.children![0]!.name, 'm0');
    assert.deepStrictEqual(symbols[0]!.children![0]!.children, [], 'their own properties no longer fit');
  });

  it('in an included file: its models by name, as the configuration places them', () => {
    const files = memoryFiles({
      '/cfg/openclaw.json': '{ models: { providers: { "amazon-bedrock": { $include: "./bedrock.json5" } } } }',
      '/cfg/bedrock.json5': '{ models: [ { id: "zai.glm-4.7", name: "GLM" } ] }',
    });
    const included = createLanguageService({ files: files.source }).getDocumentSymbols(files.document('/cfg/bedrock.json5'));
    assert.deepStrictEqual(outline(included), [
      `models [${SymbolKind.Array}]`,
      `  GLM [${SymbolKind.Class}] zai.glm-4.7`,
      `    id [${SymbolKind.String}] zai.glm-4.7`,
      `    name [${SymbolKind.String}] GLM`,
    ]);
  });
});

describe('workspace symbols', () => {
  const texts = {
    '/cfg/openclaw.json':
      '{ models: { $include: "./models.json5" }, agents: { defaults: { models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } } } } }',
    '/cfg/models.json5':
      '{ providers: { "amazon-bedrock": { models: [ { id: "zai.glm-4.7", name: "GLM 4.7" }, { id: "deepseek.v3.2" } ] } } }',
    '/other/openclaw.json': '{ models: { providers: { openai: { models: [ { id: "gpt-5" } ] } } } }',
  };
  const files = memoryFiles(texts);
  const column = (path: keyof typeof texts, needle: string) => texts[path].indexOf(needle);
  const workspace = createLanguageService({ files: files.source });
  const open = [files.document('/cfg/openclaw.json'), files.document('/cfg/models.json5'), files.document('/other/openclaw.json')];
  const summary = (query: string) =>
    workspace
      .getWorkspaceSymbols(open, query)
      .map(
        (symbol) =>
          `${symbol.name} [${symbol.kind}] ${symbol.containerName} ${symbol.location.uri.split('/').slice(-2).join('/')}:${symbol.location.range.start.character}`,
      );

  it('lists the models and aliases of every open configuration, each once, where they are written', () => {
    assert.deepStrictEqual(summary(''), [
      `GLM 4.7 [${SymbolKind.Class}] amazon-bedrock/zai.glm-4.7 cfg/models.json5:${column('/cfg/models.json5', '"zai.glm-4.7"')}`,
      `deepseek.v3.2 [${SymbolKind.Class}] amazon-bedrock/deepseek.v3.2 cfg/models.json5:${column('/cfg/models.json5', '"deepseek.v3.2"')}`,
      `GLM [${SymbolKind.Constant}] amazon-bedrock/zai.glm-4.7 cfg/openclaw.json:${column('/cfg/openclaw.json', '"GLM"')}`,
      `gpt-5 [${SymbolKind.Class}] openai/gpt-5 other/openclaw.json:${column('/other/openclaw.json', '"gpt-5"')}`,
    ]);
  });

  it('filters by the query: its characters in order, in any case, in the name or provider/id', () => {
    assert.deepStrictEqual(
      summary('glm').map((line) => line.split(' [')[0]),
      ['GLM 4.7', 'GLM'],
    );
    assert.deepStrictEqual(
      summary('dsv3').map((line) => line.split(' [')[0]),
      ['deepseek.v3.2'],
    );
    assert.deepStrictEqual(
      summary('openai').map((line) => line.split(' [')[0]),
      ['gpt-5'],
    );
    assert.deepStrictEqual(summary('zzz'), []);
  });
});
