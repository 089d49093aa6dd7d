import * as assert from 'assert';
import { createLanguageService, JsonSchema, SchemaValidator } from '../../server/src/service/languageService';
import { normalizeEmbeddedRefs } from '../../server/src/service/schema/jsonSchema';
import { applyEdits, documentOf, treeOf, withCursor } from '../helpers';

/** A small schema in the shape `openclaw config schema` prints (draft-07, strict objects, anyOf, an embedded plugin schema). */
const SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    models: {
      type: 'object',
      properties: {
        mode: {
          type: 'string',
          enum: ['merge', 'replace'],
          title: 'Models Mode',
          description: 'Merge with the built-in catalog or replace it.',
        },
        providers: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            properties: {
              baseUrl: { type: 'string', title: 'Base URL' },
              models: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    reasoning: { type: 'boolean', title: 'Reasoning' },
                    contextWindow: { type: 'number', exclusiveMinimum: 0 },
                    input: {
                      type: 'array',
                      items: {
                        anyOf: [
                          { type: 'string', const: 'text' },
                          { type: 'string', const: 'image' },
                        ],
                      },
                    },
                  },
                  required: ['id', 'name'],
                  additionalProperties: false,
                },
              },
            },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    agents: {
      type: 'object',
      properties: {
        defaults: {
          type: 'object',
          properties: {
            model: {
              anyOf: [
                { type: 'string' },
                { type: 'object', properties: { primary: { type: 'string', title: 'Primary Model' } }, additionalProperties: false },
              ],
            },
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    plugins: {
      type: 'object',
      properties: {
        entries: {
          type: 'object',
          properties: {
            imap: {
              type: 'object',
              properties: {
                config: {
                  $defs: { account: { type: 'object', properties: { user: { type: 'string' } }, additionalProperties: false } },
                  type: 'object',
                  properties: { account: { $ref: '#/$defs/account' } },
                },
              },
            },
          },
        },
      },
    },
  },
  additionalProperties: false,
};

const validator = new SchemaValidator(SCHEMA, 'the schema of the installed OpenClaw 2026.9.6');

function diagnose(text: string) {
  const service = createLanguageService();
  service.setSchema(validator);
  return service.getDiagnostics(documentOf(text)).filter((d) => d.code === 'schema' || d.code === 'legacy-key');
}

describe("whole-file validation with OpenClaw's schema", () => {
  it('reports unknown keys on the key, wrong types and enums on the value, with the path OpenClaw prints', () => {
    const text = `{
  models: {
    mode: "mix",
    bedrockDiscovery: { enabled: true },
    providers: { "amazon-bedrock": { models: [ { id: "a", name: "A", contextWindow: "big", input: ["text", "pdf"], extra: 1 } ] } },
  },
}`;
    const diagnostics = diagnose(text);
    const lines = text.split('\n');
    assert.deepStrictEqual(
      diagnostics.map((d) => [lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character), d.data?.path, d.severity]),
      [
        ['"mix"', 'models.mode', 1],
        ['bedrockDiscovery', 'models', 1],
        ['"big"', 'models.providers.amazon-bedrock.models.0.contextWindow', 1],
        ['"pdf"', 'models.providers.amazon-bedrock.models.0.input.1', 1],
        ['extra', 'models.providers.amazon-bedrock.models.0', 1],
      ],
    );
    assert.strictEqual(diagnostics[1]!.code, 'legacy-key');
    assert.strictEqual(
      diagnostics[4]!.message,
      'Unrecognized key: "extra" at models.providers.amazon-bedrock.models.0: OpenClaw 2026.9.6 rejects the file, and the gateway does not start.',
    );
    assert.strictEqual(diagnostics[0]!.message.split(':')[0], 'Invalid value');
    assert.match(
      diagnostics[3]!.message,
      /^Invalid value: expected "text" or "image", got string at models\.providers\.amazon-bedrock\.models\.0\.input\.1/,
    );
  });

  it('reads a value that fits none of the alternatives, and follows the deeper branch when the shape fits', () => {
    assert.match(
      diagnose('{ agents: { defaults: { model: 5 } } }')[0]!.message,
      /^Invalid value: expected string or object, got number at agents\.defaults\.model:/,
    );
    assert.match(
      diagnose('{ agents: { defaults: { model: { primary: 5 } } } }')[0]!.message,
      /^Invalid value: expected string, got number at agents\.defaults\.model\.primary:/,
    );
  });

  it("says which required key is missing, on the object, with the path OpenClaw prints (the key's own)", () => {
    const [missing] = diagnose('{ models: { providers: { p: { models: [ { id: "x" } ] } } } }');
    assert.match(missing!.message, /^Missing required key "name" at models\.providers\.p\.models\.0\.name:/);
    assert.strictEqual(missing!.data?.path, 'models.providers.p.models.0.name');
    assert.deepStrictEqual(missing!.range.start, { line: 0, character: 40 }, 'on the object');
  });

  it('resolves refs of plugin schemas embedded with their own $defs', () => {
    assert.match(
      diagnose('{ plugins: { entries: { imap: { config: { account: { user: 1 } } } } } }')[0]!.message,
      /at plugins\.entries\.imap\.config\.account\.user/,
    );
  });

  it('points the refs of an embedded schema at its own root: through array items, keys with / and ~ escaped', () => {
    const embedded = { $defs: { a: { type: 'string' } }, properties: { x: { $ref: '#/$defs/a' } }, allOf: [{ $ref: '#/$defs/a' }] };
    const schema = normalizeEmbeddedRefs({
      $defs: { top: { type: 'number' } },
      properties: { top: { $ref: '#/$defs/top' }, 'a/b~c': { anyOf: [{ type: 'null' }, embedded] } },
    });
    const inner = '#/properties/a~1b~0c/anyOf/1/$defs/a';
    assert.deepStrictEqual(schema.properties!.top, { $ref: '#/$defs/top' }, "the document's own $defs stay as they are");
    const normalized = schema.properties!['a/b~c']!.anyOf![1]!;
    assert.deepStrictEqual([normalized.properties!.x, normalized.allOf![0]], [{ $ref: inner }, { $ref: inner }]);
  });

  it('accepts a valid JSON5 file, and ignores $include keys (OpenClaw merges includes before it validates)', () => {
    assert.deepStrictEqual(
      diagnose(
        `// ok\n{ $include: "./models.json5", models: { mode: 'merge', providers: { p: { models: [ { id: 'x', name: 'X', input: ['text', 'image'], }, ], }, }, }, }`,
      ),
      [],
    );
  });

  it("explains keys on hover with the schema's title and description", () => {
    const { document, offset } = withCursor('{ models: { mo|de: "merge" } }');
    const service = createLanguageService();
    service.setSchema(validator);
    assert.strictEqual(
      service.getHover(document, document.positionAt(offset))?.contents,
      '**Models Mode** · `mode`\n\nMerge with the built-in catalog or replace it.\n\nType: string: one of `merge`, `replace`\n\n*From the schema of the installed OpenClaw 2026.9.6*',
    );
  });

  it('completes the keys an object takes and the file lacks, with a value to fill', () => {
    const marked = '{\n  models: {\n    providers: { p: { models: [ { id: "x", name: "X", | } ] } },\n  },\n}';
    const { document, offset } = withCursor(marked);
    const service = createLanguageService();
    service.setSchema(validator);
    const { items } = service.getCompletion(document, document.positionAt(offset));
    assert.deepStrictEqual(items.map((i) => i.label).sort(), ['contextWindow', 'input', 'reasoning']);
    const reasoning = items.find((i) => i.label === 'reasoning')!;
    assert.strictEqual(reasoning.detail, 'Reasoning');
    assert.strictEqual(reasoning.textEdit.newText, 'reasoning: ${1|true,false|}');
    const after = applyEdits(document.getText(), [items.find((i) => i.label === 'contextWindow')!.textEdit]);
    assert.ok(after.includes('{ id: "x", name: "X", contextWindow: $1 }'));
  });

  it('counts string lengths in code points, as JSON Schema does, however a string sits between the limits', () => {
    const validator = new SchemaValidator({ type: 'array', items: { type: 'string', minLength: 2, maxLength: 3 } }, 'test');
    const lobster = '\u{1F99E}'; // one code point, two UTF-16 units
    const values = [lobster, 'ab', lobster.repeat(2), lobster.repeat(3), 'abcd', lobster.repeat(4), `a${lobster}`];
    const messages = validator.check(treeOf(values)).issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    assert.deepStrictEqual(messages, [
      '0 Invalid value: must NOT have fewer than 2 characters',
      '4 Invalid value: must NOT have more than 3 characters',
      '5 Invalid value: must NOT have more than 3 characters',
    ]);
  });
});
