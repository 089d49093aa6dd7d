import * as assert from 'assert';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { createLanguageService, SelectionRange } from '../../server/src/service/languageService';
import { documentOf, readSample } from '../helpers';

/*
 * Folding as VS Code's JSON folds (objects and arrays over several lines up to the line before their
 * closing bracket, block comments, `// #region`), and smart select from a string's content outwards.
 */

const service = createLanguageService();

describe('folding ranges', () => {
  it('folds objects, arrays, block comments and regions in a JSON5 file', () => {
    const text = [
      '{', //                                           0
      '  /* Bedrock models,', //                        1
      '     checked monthly */', //                     2
      '  // #region providers', //                      3
      '  models: {', //                                 4
      '    providers: { "amazon-bedrock": { models: [', // 5
      '      { id: "zai.glm-4.7" },', //                6
      '      { id: "deepseek.v3.2",', //                7
      '        name: "DeepSeek" },', //                 8
      '    ] } },', //                                  9
      '  },', //                                        10
      '  // #endregion', //                             11
      '  agents: { defaults: {} },', //                 12
      '}', //                                           13
    ].join('\n');
    assert.deepStrictEqual(service.getFoldingRanges(documentOf(text)), [
      { startLine: 0, endLine: 12 },
      { startLine: 1, endLine: 2, kind: 'comment' },
      { startLine: 3, endLine: 11, kind: 'region' },
      { startLine: 4, endLine: 9 },
      { startLine: 5, endLine: 8 },
    ]);
  });

  it('keeps one range per first line, the outermost; nothing for one-line values', () => {
    const ranges = service.getFoldingRanges(documentOf('{ "a": [ {\n  "b": 1\n} ],\n  "c": { "d": 2 }\n}\n'));
    assert.deepStrictEqual(ranges, [{ startLine: 0, endLine: 3 }]);
  });

  it('folds the reference configuration in strict JSON exactly as VS Code folds x.json', () => {
    const text = readSample();
    const json = getLanguageService({}).getFoldingRanges(TextDocument.create('file:///x.json', 'jsonc', 1, text));
    const expected = json.map(({ startLine, endLine, kind }) => ({
      startLine,
      endLine,
      ...(kind === 'comment' || kind === 'region' ? { kind } : {}),
    }));
    assert.ok(expected.length > 20);
    assert.deepStrictEqual(
      service.getFoldingRanges(documentOf(text)),
      expected.sort((a, b) => a.startLine - b.startLine),
    );
  });

  it('folds a broken file: an unclosed object to its last line, and an unclosed region not at all', () => {
    const broken = '{\n  // #region\n  models: {\n    providers: {\n      x: [1,\n';
    assert.deepStrictEqual(service.getFoldingRanges(documentOf(broken)), [
      { startLine: 0, endLine: 5 },
      { startLine: 2, endLine: 5 },
      { startLine: 3, endLine: 5 },
      { startLine: 4, endLine: 5 },
    ]);
    assert.deepStrictEqual(service.getFoldingRanges(documentOf('')), []);
  });
});

describe('selection ranges', () => {
  /** The texts of a selection and its parents, innermost first. */
  function texts(text: string, selection: SelectionRange): string[] {
    const document = documentOf(text);
    const result: string[] = [];
    for (let current: SelectionRange | undefined = selection; current; current = current.parent) {
      result.push(text.slice(document.offsetAt(current.range.start), document.offsetAt(current.range.end)));
    }
    return result;
  }

  it("expands from a string's content to the string, its property (with its comma), the object and up", () => {
    const text = "{ models: { mode: 'merge', providers: {} } }";
    const document = documentOf(text);
    const [selection] = service.getSelectionRanges(document, [document.positionAt(text.indexOf('merge') + 2)]);
    assert.deepStrictEqual(texts(text, selection!), [
      'merge',
      "'merge'",
      "mode: 'merge'",
      "mode: 'merge',",
      " mode: 'merge', providers: {} ",
      "{ mode: 'merge', providers: {} }",
      "models: { mode: 'merge', providers: {} }",
      " models: { mode: 'merge', providers: {} } ",
      text,
    ]);
  });

  it('from an array item in strict JSON, and one range per position', () => {
    const text = '{"fallbacks": ["a", "b"]}';
    const document = documentOf(text);
    const selections = service.getSelectionRanges(document, [
      document.positionAt(text.indexOf('"a"') + 1),
      document.positionAt(text.indexOf('fallbacks')),
    ]);
    assert.strictEqual(selections.length, 2);
    assert.deepStrictEqual(texts(text, selections[0]!).slice(0, 6), [
      'a',
      '"a"',
      '"a",',
      '"a", "b"',
      '["a", "b"]',
      '"fallbacks": ["a", "b"]',
    ]);
    assert.deepStrictEqual(texts(text, selections[1]!).slice(0, 3), ['fallbacks', '"fallbacks"', '"fallbacks": ["a", "b"]']);
  });

  it('in a broken document, each range inside the next; outside any value, the position itself', () => {
    const text = '{ models: { mode: "mer\n';
    const document = documentOf(text);
    const [selection] = service.getSelectionRanges(document, [document.positionAt(text.indexOf('mer') + 1)]);
    const found = texts(text, selection!);
    assert.strictEqual(found[0], 'mer', 'an unclosed string ends at its line');
    for (let i = 1; i < found.length; i++) assert.ok(found[i]!.length > found[i - 1]!.length, found.join(' | '));
    const [empty] = service.getSelectionRanges(documentOf('// nothing\n'), [{ line: 0, character: 3 }]);
    assert.deepStrictEqual(empty, { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } } });
  });
});
