import * as assert from 'assert';
import { benchDocuments } from '../../bench/documents';
import { detectFileStyle } from '../../server/src/service/edits/fileStyle';
import { INLINE_WIDTH, MAX_SEPARATE_FORMATTING_EDITS } from '../../server/src/service/features/formatting';
import { createLanguageService, createTextDocument, FormattingOptions, Range, TextEdit } from '../../server/src/service/languageService';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { applyEdits, readFixture, toValue } from '../helpers';

const URI = 'file:///test/openclaw.json';
const TWO_SPACES: FormattingOptions = { tabSize: 2, insertSpaces: true };

function edits(text: string, options: FormattingOptions = TWO_SPACES, range?: Range): TextEdit[] | string {
  // A new service each time: nothing cached from another text under the same uri.
  return createLanguageService().getFormatting(createTextDocument(URI, text), options, range);
}

/** The formatted text; fails on a refusal, and when formatting it again would change anything. */
function format(text: string, options: FormattingOptions = TWO_SPACES): string {
  const result = edits(text, options);
  if (typeof result === 'string') assert.fail(`not formatted: ${result}`);
  const formatted = applyEdits(text, result);
  assert.deepStrictEqual(edits(formatted, options), [], `formatting is idempotent; once:\n${formatted}`);
  assert.deepStrictEqual(toValue(parseJson5(formatted).root), toValue(parseJson5(text).root), 'the value stays');
  assert.deepStrictEqual(commentsIn(formatted), commentsIn(text), 'the comments stay');
  return formatted;
}

/** Lines joined with \n. */
function lines(...texts: string[]): string {
  return texts.join('\n');
}

/** The comments as the parser reads them (a // comment ends at U+2028 too). */
function commentsIn(text: string): string[] {
  return parseJson5(text).comments.map((comment) => text.slice(comment.offset, comment.offset + comment.length));
}

/** What OpenClaw writes for a configuration (its config writer). */
function openclawWrites(value: unknown, indent: number | string = 2): string {
  return JSON.stringify(value, null, indent).trimEnd() + '\n';
}

const CONFIG = JSON.parse(readFixture('reference.json')) as Record<string, unknown>;

describe('formatting', () => {
  describe('strict JSON without comments: what OpenClaw writes, byte for byte', () => {
    const written = openclawWrites(CONFIG);

    it('leaves a file OpenClaw wrote as it is (no edits)', () => {
      assert.deepStrictEqual(edits(written), []);
    });

    it("gives OpenClaw's bytes back from the same configuration indented otherwise, on one line, with odd whitespace", () => {
      for (const variant of [
        JSON.stringify(CONFIG, null, 4),
        JSON.stringify(CONFIG, null, '\t'),
        JSON.stringify(CONFIG),
        `\n\n  ${JSON.stringify(CONFIG, null, 3).replace(/\n/g, '\n \t')}  \n\n\n`,
        JSON.stringify(CONFIG, null, 2).replace(/\n/g, '\n\n'),
        JSON.stringify(CONFIG, null, 1).replace(/": /g, '"  :\n'),
      ]) {
        assert.strictEqual(format(variant), written);
      }
    });

    it('expands every non-empty object and array, one item per line, and writes empty ones as {} and []', () => {
      const value = { a: [1, { b: [] }, []], c: {}, d: { e: { f: [[]] } }, g: [{}, { h: null }], i: 'x', j: true, k: -1.5e-7 };
      assert.strictEqual(format(JSON.stringify(value)), openclawWrites(value));
      assert.strictEqual(format('{ "a" : [ ] , "b" : { \n } }'), '{\n  "a": [],\n  "b": {}\n}\n');
      assert.strictEqual(format('[]'), '[]\n');
      assert.strictEqual(format('"just a string"  \n\n'), '"just a string"\n');
    });

    it("follows the editor's tab size and tabs: JSON.stringify's layout at that indentation", () => {
      assert.strictEqual(format(written, { tabSize: 4, insertSpaces: true }), openclawWrites(CONFIG, 4));
      assert.strictEqual(format(written, { tabSize: 4, insertSpaces: false }), openclawWrites(CONFIG, '\t'));
      assert.strictEqual(format(written, { tabSize: 1, insertSpaces: true }), openclawWrites(CONFIG, 1));
    });

    it('takes a tab size that is no positive integer as 2, and a huge one as 16', () => {
      assert.strictEqual(format(written, { tabSize: 0, insertSpaces: true }), written);
      assert.strictEqual(format(written, { tabSize: Number.NaN, insertSpaces: true }), written);
      const sixteen = openclawWrites(CONFIG, 1).replace(/^ +/gm, (indent) => ' '.repeat(16 * indent.length));
      assert.strictEqual(format(written, { tabSize: 1e9, insertSpaces: true }), sixteen);
    });

    // The byte-for-byte claim is for files whose tokens are as JSON.stringify writes them: as OpenClaw's are.
    it('keeps numbers and strings as written, where JSON.stringify would rewrite them', () => {
      const text = '{"a":1.0,"b":1e3,"c":"\\u00e9\\/","d":-0}';
      assert.strictEqual(format(text), '{\n  "a": 1.0,\n  "b": 1e3,\n  "c": "\\u00e9\\/",\n  "d": -0\n}\n');
      assert.notStrictEqual(format(text), openclawWrites(JSON.parse(text)));
    });

    it("formats the 2,000-model benchmark configuration (1 MB) back to OpenClaw's bytes from 4-space indentation", () => {
      const large = benchDocuments().find((document) => document.models === 2000 && document.style === 'json')!;
      const value = JSON.parse(large.text) as unknown;
      assert.strictEqual(format(JSON.stringify(value, null, 4)), openclawWrites(value));
    });
  });

  describe("JSON5: the file's own style", () => {
    it('keeps unquoted keys, quotes, hex, +1, .5, Infinity and NaN as written', () => {
      const entries = ['unquoted: 0x1F', "'single': 'it\\'s'", '"double": "x"', 'plus: +1', 'half: .5', 'trailing: 5.'];
      entries.push('big: Infinity', 'nan: NaN', 'neg: -Infinity', 'exp: 1E3');
      const text = `{${entries.map((entry) => entry.replace(': ', ':')).join(',')}}`;
      assert.strictEqual(format(text), `{\n${entries.map((entry) => `  ${entry}`).join(',\n')}\n}\n`);
    });

    it("keeps a one-line container on one line when it fits, with the file's spacing inside objects", () => {
      const text = "{\n    models: [\n        { id: 'a', input: ['text','image'], cost: {input: 1,output: 2} },\n    ],\n}\n";
      const kept = "    { id: 'a', input: ['text', 'image'], cost: { input: 1, output: 2 } },";
      assert.strictEqual(format(text), lines('{', '  models: [', kept, '  ],', '}', ''));
      // Most one-line objects written tight: tight.
      assert.strictEqual(format('{\n a: {x: 1},\n b: {y: 2},\n c: { z: 3 }\n}'), '{\n  a: {x: 1},\n  b: {y: 2},\n  c: {z: 3}\n}\n');
    });

    it('decides the spacing inside one-line objects from the space before their }, so objects that start with a comment keep it', () => {
      const wide = (name: string) => `${name}: {x: 1, y: '${'w'.repeat(120)}'},`;
      const text = `{\n  ${wide('a')}\n  ${wide('b')}\n  c: { /* c */ z: 1 }\n}\n`;
      assert.strictEqual(format(text).split('\n').at(-3), '  c: { /* c */ z: 1}');
    });

    it(`expands a one-line container that would end past column ${INLINE_WIDTH}, and what is inside it only as far as needed`, () => {
      const long = `{ models: [{ id: '${'m'.repeat(60)}', name: 'Model' }, { id: 'second', name: '${'n'.repeat(50)}' }] }`;
      const first = `    { id: '${'m'.repeat(60)}', name: 'Model' },`;
      const expanded = lines('{', '  models: [', first, `    { id: 'second', name: '${'n'.repeat(50)}' }`, '  ]', '}', '');
      assert.strictEqual(format(long), expanded);
      const fits = `{\n  a: ['${'x'.repeat(111)}']\n}\n`;
      assert.strictEqual(fits.split('\n')[1]!.length, INLINE_WIDTH);
      assert.strictEqual(format(fits), fits);
      assert.strictEqual(format(fits.replace("'x", "'xx")), `{\n  a: [\n    '${'x'.repeat(112)}'\n  ]\n}\n`);
    });

    it('adds the trailing commas of a file that mostly has them, to every expanded container (never inside one line)', () => {
      const text = lines('{', '  a: {', '    b: 1,', '  },', '  c: [', '    1,', '  ],', '  d: [', '    1', '  ],');
      const expected = lines('{', '  a: {', '    b: 1,', '  },', '  c: [', '    1,', '  ],', '  d: [', '    1,', '  ],');
      const rest = lines('', '  g: [', '    3,', '  ],');
      assert.strictEqual(
        format(`${text}\n  e: [1, 2,],${rest}\n  f: {x: 1} // note\n}`),
        `${expected}\n  e: [1, 2],${rest}\n  f: {x: 1}, // note\n}\n`,
      );
    });

    it('removes the trailing commas of a file that mostly has none', () => {
      const text = '{\n  a: {\n    b: 1\n  },\n  c: [\n    1,\n  ],\n  d: "x" /* last */ ,\n  e: [\n    2\n  ]\n}';
      assert.strictEqual(format(text), '{\n  a: {\n    b: 1\n  },\n  c: [\n    1\n  ],\n  d: "x" /* last */,\n  e: [\n    2\n  ]\n}\n');
    });

    it("the file's habit counts every multi-line container, not only those with a trailing comma (quick fixes follow it too)", () => {
      const text = '{\n  a: [\n    1,\n  ],\n  b: [\n    2\n  ],\n  c: 3\n}';
      assert.strictEqual(detectFileStyle(text, parseJson5(text).root).trailingCommas, false);
    });

    it('keeps one blank line where there were blank lines between items, none after { or before }', () => {
      const text = '{\n\n  a: 1,\n\n\n\n  b: 2,\n  // about c\n\n  c: 3\n\n}\n';
      assert.strictEqual(format(text), '{\n  a: 1,\n\n  b: 2,\n  // about c\n\n  c: 3\n}\n');
    });
  });

  describe('comments stay where they are', () => {
    it('at the end of their line, on their own line at the indentation of what follows, inside empty containers', () => {
      const text = [
        '// header',
        '/* block header */',
        '{ // after the brace',
        '      a: 1, // after a comma',
        '  b: 2 /* after a value */,',
        '        // own line, before c',
        '  c: {',
        '    // only a comment',
        '  },',
        '  d: [ // after a bracket',
        '1,',
        '     /* own line */',
        '    2',
        '       // before the close',
        '     ],',
        '  e: { /* inline */ x: 1 },',
        '  f: // between colon and value',
        '    3,',
        '  g /* between key and colon */: 4',
        '} // after the end',
        '// last line',
      ].join('\n');
      assert.strictEqual(
        format(text),
        [
          '// header',
          '/* block header */',
          '{ // after the brace',
          '  a: 1, // after a comma',
          '  b: 2 /* after a value */,',
          '  // own line, before c',
          '  c: {',
          '    // only a comment',
          '  },',
          '  d: [ // after a bracket',
          '    1,',
          '    /* own line */',
          '    2',
          '    // before the close',
          '  ],',
          '  e: { /* inline */ x: 1 },',
          '  f: // between colon and value',
          '    3,',
          '  g /* between key and colon */: 4',
          '} // after the end',
          '// last line',
          '',
        ].join('\n'),
      );
    });

    it('keeps the spaces before an end-of-line comment, so aligned comments stay aligned', () => {
      const text = '{\n  a: 1,      // one\n  bbbb: 2,   // two\n}\n';
      assert.strictEqual(format(text), text);
    });

    it('a block comment on the line of the next item goes down with it when the item moves to its own line', () => {
      assert.strictEqual(format('{ /* for a */ a: 1, /* for b */ b: 2,\n}'), '{\n  /* for a */ a: 1,\n  /* for b */ b: 2,\n}\n');
    });

    it('keeps a block comment over several lines as written', () => {
      const text = '{\n      /*\n       * Models\n       */\n  models: {}\n}\n';
      assert.strictEqual(format(text), '{\n  /*\n       * Models\n       */\n  models: {}\n}\n');
    });

    it('never joins the line after a // comment, even ended by U+2028', () => {
      assert.strictEqual(format('[1, // one\u2028 2]'), '[\n  1, // one\n  2\n]\n');
    });
  });

  describe('line breaks and the start of the file', () => {
    it('keeps CRLF', () => {
      const text = '{\r\n    "a": [1,2],\r\n "b": {}\r\n}';
      assert.strictEqual(format(text), '{\r\n  "a": [\r\n    1,\r\n    2\r\n  ],\r\n  "b": {}\r\n}\r\n');
    });

    it('keeps lone CRs', () => {
      assert.strictEqual(format('{"a":\r1}'), '{\r  "a": 1\r}\r');
    });

    it('reads the trailing-comma habit the same whatever line breaks a file mixes', () => {
      const text = '{\r  a: [\n    1,\n  ],\n  b: [\n    2,\n  ],\n  c: 3\n}';
      assert.strictEqual(format(text), '{\r  a: [\r    1,\r  ],\r  b: [\r    2,\r  ],\r  c: 3,\r}\r');
    });

    it('keeps a byte order mark at the start', () => {
      assert.strictEqual(format('\uFEFF  {"a":1}'), '\uFEFF{\n  "a": 1\n}\n');
    });
  });

  describe('edits', () => {
    it('are minimal: only what differs, so text around stays put', () => {
      const text = '{\n  "a": 1,\n      "b": 2,\n  "c": 3\n}\n';
      assert.deepStrictEqual(edits(text), [{ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } }, newText: '' }]);
      const crlf = '{\r\n  "a": 1,\r\n\r\n  "b": 2\r\n}\r\n';
      const emptyLine = { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } };
      assert.deepStrictEqual(edits(crlf), [{ range: emptyLine, newText: '' }], 'never between CR and LF');
    });

    it('past a thousand, come as one edit from the first change to the last, with the same result', () => {
      const entries = Array.from({ length: MAX_SEPARATE_FORMATTING_EDITS + 1 }, (_, i) => `    "k${i}": ${i}, // c${i}`);
      const text = `// head\n{\n${entries.join('\n')}\n}\n`;
      const result = edits(text) as TextEdit[];
      assert.strictEqual(result.length, 1);
      assert.deepStrictEqual(result[0]!.range, {
        start: { line: 2, character: 2 },
        end: { line: MAX_SEPARATE_FORMATTING_EDITS + 2, character: 4 },
      });
      assert.strictEqual(applyEdits(text, result), text.replace(/^ {4}"/gm, '  "'));
      const fewer = `{\n${entries.slice(0, MAX_SEPARATE_FORMATTING_EDITS).join('\n')}\n}\n`;
      assert.strictEqual((edits(fewer) as TextEdit[]).length, MAX_SEPARATE_FORMATTING_EDITS, 'a thousand stay separate');
    });

    it('each leaves the document valid, with its value and comments, applied alone', () => {
      const text = '{a:1,b:[1,2,/*c*/3],// x\n  c:{d:{}}, e: "f" // y\n,}';
      const result = edits(text);
      assert.ok(Array.isArray(result) && result.length > 5);
      for (const edit of result) {
        const after = applyEdits(text, [edit]);
        assert.deepStrictEqual(parseJson5(after).errors, [], after);
        assert.deepStrictEqual(toValue(parseJson5(after).root), toValue(parseJson5(text).root));
        assert.deepStrictEqual(commentsIn(after), commentsIn(text));
      }
    });
  });

  describe('a document with syntax errors', () => {
    for (const [name, text] of [
      ['a missing comma', '{\n  "a": 1\n  "b": 2\n}'],
      ['an unterminated string', '{ a: "x }'],
      ['cut short', '{ models: { providers: '],
      ['empty', ''],
      ['comments only', '// nothing\n'],
      ['an unquoted value', '{ model: amazon-bedrock/x }'],
    ]) {
      it(`is not formatted, and the answer says why: ${name}`, () => {
        const result = edits(text!);
        assert.strictEqual(typeof result, 'string');
        assert.match(result as string, /^Not formatted: the file has a syntax error at line \d+, column \d+/);
        assert.match(result as string, /Formatting changes nothing until it parses\.$/);
      });
    }

    it("names the first error's line and column, and how many more there are", () => {
      assert.strictEqual(
        edits('{\n  "a": 1\n  "b": 2\n  "c" 3\n}'),
        "Not formatted: the file has a syntax error at line 3, column 3 (and 2 more): Expected ',' between properties. " +
          'Formatting changes nothing until it parses.',
      );
    });
  });

  describe('range formatting', () => {
    const text = '{\n"a": {"x": 1, "y": [1,2]},\n    "b": 2,\n        "c": {"z": 3}\n}\n';
    const range = (start: number, end: number, endCharacter = 0): Range => ({
      start: { line: start, character: 0 },
      end: { line: end, character: endCharacter },
    });

    it("formats the values on the range's lines and nothing else", () => {
      const result = edits(text, TWO_SPACES, range(1, 1, 3)) as TextEdit[];
      assert.ok(
        result.every((edit) => edit.range.start.line === 1 && edit.range.end.line === 1),
        JSON.stringify(result),
      );
      const a = lines('  "a": {', '    "x": 1,', '    "y": [', '      1,', '      2', '    ]', '  },');
      const expected = lines('{', a, '    "b": 2,', '        "c": {"z": 3}', '}', '');
      assert.strictEqual(applyEdits(text, result), expected);
    });

    it('a range that ends at the start of a line does not take that line', () => {
      const result = edits(text, TWO_SPACES, range(2, 3)) as TextEdit[];
      assert.strictEqual(applyEdits(text, result), '{\n"a": {"x": 1, "y": [1,2]},\n  "b": 2,\n        "c": {"z": 3}\n}\n');
    });

    it('over the whole document is whole-document formatting', () => {
      assert.deepStrictEqual(edits(text, TWO_SPACES, range(0, 5)), edits(text));
    });

    it('refuses a document with syntax errors however small the range', () => {
      assert.strictEqual(typeof edits('{\n  "a": 1,\n  "b": \n}', TWO_SPACES, range(1, 1, 5)), 'string');
    });
  });
});
