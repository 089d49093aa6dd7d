import * as assert from 'assert';
import { findNodeAtOffset, findNodeAtPath, isKeyNode, keyOf, keyText, pathOf, valueOf } from '../../server/src/service/parser/ast';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createTextDocument } from '../../server/src/service/parser/document';
import { toValue } from '../helpers';

function errorsOf(text: string): string[] {
  return parseJson5(text).errors.map((error) => `${error.offset}+${error.length} ${error.message}`);
}

describe('JSON5 parser', () => {
  describe('reads every JSON5 form', () => {
    const cases: [string, string, unknown][] = [
      ['unquoted keys', '{agents: {defaults: {}}}', { agents: { defaults: {} } }],
      ['keys that are reserved words or have $ and _', '{true: 1, $ref: 2, _x: 3}', { true: 1, $ref: 2, _x: 3 }],
      ['single-quoted strings with the other quote inside', `{a: 'say "hi"', b: "it's"}`, { a: 'say "hi"', b: "it's" }],
      ['line and block comments', '// head\n{ /* in */ a: 1, // tail\n b: /* x */ 2 }', { a: 1, b: 2 }],
      ['trailing commas in objects and arrays', '{a: [1, 2,], b: {c: 1,},}', { a: [1, 2], b: { c: 1 } }],
      ['hexadecimal numbers with a sign', '{a: 0x1F, b: -0xA, c: 0XfF}', { a: 31, b: -10, c: 255 }],
      ['leading and trailing decimal points', '{a: .5, b: 5., c: -.25, d: +1.5e3}', { a: 0.5, b: 5, c: -0.25, d: 1500 }],
      ['Infinity and NaN', '{a: Infinity, b: -Infinity}', { a: Infinity, b: -Infinity }],
      [
        'integers of every length, and the same digits with a fraction or an exponent',
        '[0, -0, 7, 200000, 999999999999999, 9007199254740993, 12345678901234567890, 200000.5, 2e5, 5E-1]',
        JSON.parse('[0, -0, 7, 200000, 999999999999999, 9007199254740993, 12345678901234567890, 200000.5, 2e5, 5E-1]'),
      ],
      [
        'escapes: \\x, \\u, \\0, line continuation, identity',
        String.raw`{a: "\x41\u0042\0", b: 'one \
two', c: "\q"}`,
        { a: 'AB\0', b: 'one two', c: 'q' },
      ],
      ['unicode escapes in keys', String.raw`{\u0061b: 1}`, { ab: 1 }],
      ['non-ASCII identifiers and whitespace', '{\u00a0prix\u2003: 1,\ufeff ключ: 2}', { prix: 1, ключ: 2 }],
      ['a top-level scalar', '  "just a string" ', 'just a string'],
    ];
    for (const [name, text, expected] of cases) {
      it(name, () => {
        const result = parseJson5(text);
        assert.deepStrictEqual(result.errors, []);
        assert.deepStrictEqual(toValue(result.root), expected);
      });
    }

    it('reads NaN as a number', () => {
      const value = toValue(parseJson5('{a: NaN}').root) as { a: number };
      assert.ok(Number.isNaN(value.a));
    });

    it('keeps the quote each key and string was written with', () => {
      const root = parseJson5(`{plain: 'single', "double": "double"}`).root!;
      const [plain, double] = root.children!;
      assert.strictEqual(keyOf(plain!).quote, '');
      assert.strictEqual(valueOf(plain!)!.quote, "'");
      assert.strictEqual(keyOf(double!).quote, '"');
    });

    it('records comments with their offsets', () => {
      const text = '{ a: 1 // one\n /* two */ }';
      const { comments } = parseJson5(text);
      assert.deepStrictEqual(
        comments.map((c) => text.slice(c.offset, c.offset + c.length)),
        ['// one', '/* two */'],
      );
    });
  });

  describe('exact offsets', () => {
    const text = `{\n  models: {\n    providers: { 'amazon-bedrock': { models: [ { id: "qwen.qwen3-coder-next" } ] } }\n  }\n}`;
    const root = parseJson5(text).root;

    it('gives every node the span of its text', () => {
      const id = findNodeAtPath(root, ['models', 'providers', 'amazon-bedrock', 'models', 0, 'id'])!;
      assert.strictEqual(text.slice(id.offset, id.end), '"qwen.qwen3-coder-next"');
      const provider = findNodeAtPath(root, ['models', 'providers', 'amazon-bedrock'])!;
      assert.strictEqual(text.slice(provider.offset, provider.end), `{ models: [ { id: "qwen.qwen3-coder-next" } ] }`);
      assert.strictEqual(text.slice(root!.offset, root!.end), text);
    });

    it('finds the innermost node at an offset and its path', () => {
      const offset = text.indexOf('qwen3-coder');
      const node = findNodeAtOffset(root, offset)!;
      assert.strictEqual(node.value, 'qwen.qwen3-coder-next');
      assert.deepStrictEqual(pathOf(node), ['models', 'providers', 'amazon-bedrock', 'models', 0, 'id']);
      const keyNode = findNodeAtOffset(root, text.indexOf('amazon-bedrock'))!;
      assert.strictEqual(keyNode.value, 'amazon-bedrock');
      assert.strictEqual(keyNode.parent!.type, 'property');
    });

    it('gives each property one key node, made when asked for, with the key text, quote and span', () => {
      const property = findNodeAtPath(root, ['models', 'providers'])!.children![0]!;
      assert.strictEqual(keyText(property), 'amazon-bedrock');
      const key = findNodeAtOffset(root, text.indexOf('amazon-bedrock'))!;
      assert.strictEqual(key, keyOf(property), 'the node at a key is the key node keyOf gives');
      assert.ok(isKeyNode(key));
      assert.ok(!isKeyNode(valueOf(property)!));
      assert.deepStrictEqual([text.slice(key.offset, key.end), key.quote, key.type], [`'amazon-bedrock'`, "'", 'string']);
      assert.deepStrictEqual(pathOf(key), ['models', 'providers'], 'a key is a slot of its object, not of its value');
      // Between the colon and the value: the property itself.
      assert.strictEqual(findNodeAtOffset(root, property.colonOffset + 1), property);
    });

    it('records where commas and colons are', () => {
      const source = '{ a : 1 , b: [ 1 , 2 , ] }';
      const object = parseJson5(source).root!;
      const [a, b] = object.children!;
      assert.strictEqual(source[a!.colonOffset], ':');
      assert.strictEqual(a!.commaOffset, source.indexOf(','));
      assert.strictEqual(b!.commaOffset, -1);
      const items = valueOf(b!)!.children!;
      assert.strictEqual(source[items[1]!.commaOffset], ',');
      assert.strictEqual(items[1]!.commaOffset, source.lastIndexOf(','));
    });

    it('counts offsets in UTF-16 code units, as LSP does', () => {
      const source = '{ name: "😀 emoji", id: "x" }';
      const id = findNodeAtPath(parseJson5(source).root, ['id'])!;
      assert.strictEqual(source.slice(id.offset, id.end), '"x"');
    });
  });

  describe('tolerates broken documents', () => {
    it('an empty document is one clear error and no tree', () => {
      const result = parseJson5('  // nothing yet\n');
      assert.strictEqual(result.root, undefined);
      assert.deepStrictEqual(
        result.errors.map((e) => e.message),
        ['Expected a JSON5 value: the document is empty.'],
      );
    });

    it('a half-typed property still yields the object and the keys before it', () => {
      const text = '{\n  agents: {\n    defaults: {\n      model: ';
      const result = parseJson5(text);
      assert.deepStrictEqual(Object.keys(toValue(result.root) as object), ['agents']);
      const model = findNodeAtPath(result.root, ['agents', 'defaults'])!;
      assert.strictEqual(keyText(model.children![0]!), 'model');
      assert.strictEqual(valueOf(model.children![0]!), undefined);
      assert.ok(result.errors.some((e) => e.message === "Expected a value for 'model'." && e.offset === text.length));
      assert.strictEqual(result.errors.filter((e) => e.message.startsWith("Expected '}'")).length, 3);
    });

    it('an unterminated string ends at the line end and the next lines still parse', () => {
      const text = '{\n  a: "amazon-bedrock/,\n  b: 2\n}';
      const result = parseJson5(text);
      const value = toValue(result.root) as Record<string, unknown>;
      assert.strictEqual(value.a, 'amazon-bedrock/,');
      assert.strictEqual(value.b, 2);
      assert.deepStrictEqual(errorsOf(text), [
        `7+17 Unterminated string: a line break inside a string must be escaped.`,
        `27+1 Expected ',' between properties.`,
      ]);
    });

    it('a missing comma is reported where the next property starts', () => {
      assert.deepStrictEqual(errorsOf('{ a: 1 b: 2 }'), [`7+1 Expected ',' between properties.`]);
      assert.deepStrictEqual(errorsOf('[1 2]'), [`3+1 Expected ',' between values.`]);
    });

    it('a missing colon keeps a value written on the same line', () => {
      const result = parseJson5('{ a "x", b: 1 }');
      assert.deepStrictEqual(toValue(result.root), { a: 'x', b: 1 });
      assert.deepStrictEqual(
        result.errors.map((e) => e.message),
        ["Expected ':' after the property name 'a'."],
      );
    });

    it('unquoted words, bad numbers and stray characters are each reported once', () => {
      assert.deepStrictEqual(errorsOf('{ a: foo }'), [`5+3 Unexpected text 'foo': string values must be quoted.`]);
      assert.deepStrictEqual(errorsOf('{ a: amazon-bedrock/x y, b: 1 }'), [
        `5+18 Unexpected text 'amazon-bedrock/x y': string values must be quoted.`,
      ]);
      assert.deepStrictEqual(errorsOf('{ a: 01 }'), ['5+2 Invalid number: leading zeros are not allowed.']);
      assert.deepStrictEqual(errorsOf('{ a: 1e }'), ['6+1 Invalid number: expected digits in the exponent.']);
      assert.deepStrictEqual(errorsOf('{ a: 12abc }'), [`5+5 Invalid number '12abc'.`]);
      assert.deepStrictEqual(errorsOf('{ a: 1, # b: 2 }'), [`8+1 Unexpected character '#'.`]);
      assert.deepStrictEqual(errorsOf('{ a: "\\x4" }'), ['6+2 Invalid escape: \\x needs 2 hexadecimal digits.']);
    });

    it('mismatched brackets and unterminated comments are reported with positions', () => {
      assert.deepStrictEqual(errorsOf('{ a: [1, 2 }'), [
        "11+1 Expected ']' to close the array, found '}'.",
        "5+1 Expected ']' to close the array opened here.",
        "0+1 Expected '}' to close the object opened here.",
      ]);
      assert.deepStrictEqual(errorsOf('{ a: 1 } /* open'), ['9+2 Unterminated block comment: expected */.']);
    });

    it('text after the value is reported once', () => {
      assert.deepStrictEqual(errorsOf('{} {}'), ['3+1 Expected the end of the document: only one top-level value is allowed.']);
    });

    it('a stray object in property position is skipped whole, so later properties survive', () => {
      const result = parseJson5('{ a: 1, { x: 1 }, b: 2 }');
      assert.deepStrictEqual(toValue(result.root), { a: 1, b: 2 });
    });

    it('keeps every offset inside the document on random cuts of a real file', () => {
      const text =
        '{ models: { providers: { "amazon-bedrock": { models: [ { id: "a", cost: { input: 0.5 } }, ], }, }, }, // c\n agents: { defaults: { models: { "amazon-bedrock/a": { alias: "A" } } } } }';
      for (let cut = 0; cut <= text.length; cut++) {
        const part = text.slice(0, cut);
        const result = parseJson5(part);
        const stack = result.root ? [result.root] : [];
        while (stack.length > 0) {
          const node = stack.pop()!;
          assert.ok(node.offset >= 0 && node.end <= part.length, `node out of range at cut ${cut}`);
          stack.push(...(node.children ?? []));
        }
        for (const error of result.errors)
          assert.ok(error.offset >= 0 && error.offset + error.length <= part.length, `error out of range at cut ${cut}`);
      }
    });
  });

  describe('duplicate keys', () => {
    const duplicates = (text: string) =>
      parseJson5(text).duplicateKeys.map(({ shadowed, winner }) => `${shadowed.offset}->${winner.offset}`);

    it('pairs each shadowed property with the last of its key, in document order, nested ones included', () => {
      const text = '{"a": {"x": 1, "x": 2, "x": 3}, "b": 1, "a": 2}';
      assert.deepStrictEqual(duplicates(text), ['1->40', '7->23', '15->23']);
    });

    it('finds them in large objects too (indexed by key)', () => {
      const keys = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`);
      const text = `{${[...keys, '"k3": 99'].join(', ')}}`;
      const result = parseJson5(text);
      assert.strictEqual(result.duplicateKeys.length, 1);
      assert.strictEqual(result.duplicateKeys[0]!.shadowed, result.root!.children![3]);
      assert.strictEqual(result.duplicateKeys[0]!.winner, result.root!.children![40]);
    });

    it('leaves out values that are not in the tree (skipped after a syntax error)', () => {
      assert.deepStrictEqual(duplicates('{"a": 1 ] {"x": 1, "x": 2}}'), []);
    });
  });
});

describe('a plain text document (CLI, files read from disk)', () => {
  it('places offsets on the lines the LSP document places them: LF, CRLF and a lone CR end a line', () => {
    for (const text of ['{\n  a: 1,\n\n  b: 2\n}\n', '{\r\n  a: 1,\r\n\r\n  b: 2\r\n}', 'a\rb\r\nc\n\rd', '', '\n', 'no line end']) {
      const ours = createTextDocument('file:///t.json', text);
      const lsp = TextDocument.create('file:///t.json', 'json', 1, text);
      for (let offset = 0; offset <= text.length; offset++) {
        // Between CR and LF no character is: the LSP document answers the CR's place, ours the place after it.
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        assert.deepStrictEqual(ours.positionAt(offset), lsp.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
      }
      for (let line = 0; line <= lsp.lineCount; line++) {
        const position = { line, character: 1 };
        assert.strictEqual(ours.offsetAt(position), lsp.offsetAt(position), `${JSON.stringify(text)} line ${line}`);
      }
    }
  });
});
