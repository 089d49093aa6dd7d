import * as assert from 'assert';
import { performance } from 'perf_hooks';
import {
  createLanguageService,
  DEFAULT_MAX_DIAGNOSTICS,
  JsonSchema,
  quoteForMessage,
  SchemaValidator,
  Severity,
} from '../../server/src/service/languageService';
import { findProperty } from '../../server/src/service/parser/ast';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { ownedSchema } from '../../server/src/service/schema/ownedSchema';
import { documentOf, treeOf } from '../helpers';

/*
 * What a large or hostile file costs: diagnostics capped (and said so), schema errors kept up to a
 * limit and only counted past it, lookups and completion linear in a file of hundreds of thousands
 * of items.
 */

const arrayOfNumbers = (count: number) => `{"models":{"providers":{"amazon-bedrock":{"models":[${Array(count).fill('1').join(',')}]}}}}`;

describe('limits: diagnostics per file', () => {
  it('keeps the first maxDiagnosticsPerFile and ends with one that says how many more there are', () => {
    const service = createLanguageService({ settings: { maxDiagnosticsPerFile: 10 } });
    const diagnostics = service.getDiagnostics(documentOf(arrayOfNumbers(25)));
    assert.strictEqual(diagnostics.length, 11);
    assert.deepStrictEqual(
      diagnostics.slice(0, 10).map((d) => d.message.replace(/:.*/, '')),
      Array(10).fill('Invalid value'),
    );
    assert.match(diagnostics[3]!.message, /at models\.providers\.amazon-bedrock\.models\.3:/);
    const last = diagnostics[10]!;
    assert.strictEqual(last.code, 'too-many-problems');
    assert.strictEqual(last.severity, Severity.Error);
    // The schema check counted them without keeping them: one error per item here, but not in general.
    assert.match(
      last.message,
      /^about 15 more problems are not shown: this file shows at most 10 \(the setting openclaw\.diagnostics\.maxPerFile\)/,
    );
  });

  it('counts exactly what it left out when every check ran to the end, and puts the last one where the first left out is', () => {
    const models = Array.from({ length: 15 }, (_, i) => `{ "id": "vendor.m${i}-v1:0", "name": "M${i}" }`);
    const text = `{ "models": { "providers": { "amazon-bedrock": { "models": [\n${models.join(',\n')}\n] } } } }`;
    const diagnostics = createLanguageService({ settings: { maxDiagnosticsPerFile: 10 } }).getDiagnostics(documentOf(text));
    assert.deepStrictEqual(
      diagnostics.slice(0, 10).map((d) => d.code),
      Array(10).fill('no-alias'),
    );
    const last = diagnostics[10]!;
    assert.match(last.message, /^5 more problems are not shown/);
    // The most severe of those left out: a missing alias is information where no alias map limits /model.
    assert.strictEqual(last.severity, Severity.Information);
    assert.strictEqual(last.range.start.line, 11, 'the 11th model');
  });

  it('has no last diagnostic when nothing was left out', () => {
    const diagnostics = createLanguageService({ settings: { maxDiagnosticsPerFile: 25 } }).getDiagnostics(documentOf(arrayOfNumbers(25)));
    assert.strictEqual(diagnostics.length, 25);
    assert.ok(diagnostics.every((d) => d.code === 'schema'));
  });

  it(`defaults to ${DEFAULT_MAX_DIAGNOSTICS} on a 600 KB file of 300,000 wrong values`, function () {
    this.timeout(60_000);
    const service = createLanguageService();
    const document = documentOf(arrayOfNumbers(300_000));
    const diagnostics = service.getDiagnostics(document);
    assert.strictEqual(diagnostics.length, DEFAULT_MAX_DIAGNOSTICS + 1);
    assert.match(diagnostics.at(-1)!.message, /^about 299,000 more problems are not shown/);
  });
});

describe('limits: schema errors', () => {
  const ITEMS: JsonSchema = {
    type: 'object',
    properties: {
      list: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false },
      },
      refs: { type: 'object', additionalProperties: { $ref: '#/$defs/account' } },
      either: {
        type: 'array',
        items: { anyOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'number' } }, additionalProperties: false }] },
      },
    },
    $defs: { account: { type: 'object', properties: { user: { type: 'string' }, port: { type: 'number' } }, additionalProperties: false } },
  };
  const validator = new SchemaValidator(ITEMS, 'test');

  it('keeps the first errors up to the limit and counts the others', () => {
    const value = treeOf({ list: Array.from({ length: 5000 }, (_, i) => (i % 2 ? 1 : { id: i })) });
    const all = validator.check(value);
    assert.strictEqual(all.issues.length, 5000);
    assert.strictEqual(all.moreErrors, 0);
    const limited = validator.check(value, 100);
    assert.deepStrictEqual(limited.issues, all.issues.slice(0, 100));
    assert.strictEqual(limited.moreErrors, 4900);
  });

  it("limits the errors of a $ref'd schema the same way, and keeps their order", () => {
    const value = treeOf({
      refs: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a${i}`, { user: i, port: 'x', extra: true }])),
    });
    const all = validator.check(value);
    assert.strictEqual(all.issues.length, 900);
    for (const limit of [1, 2, 3, 4, 450, 899]) {
      const limited = validator.check(value, limit);
      assert.deepStrictEqual(limited.issues, all.issues.slice(0, limit), `limit ${limit}`);
      assert.strictEqual(limited.moreErrors, 900 - limit, `limit ${limit}`);
    }
  });

  it('never turns the errors of an anyOf branch cut by the limit into issues of their own', () => {
    // Each item fails both branches ("must be string", "x must be number"): one issue per item, the deeper one.
    const value = treeOf({ either: Array.from({ length: 10 }, () => ({ x: 'no' })) });
    const all = validator.check(value);
    assert.strictEqual(all.issues.length, 10);
    assert.ok(all.issues.every((issue, i) => issue.path.join('.') === `either.${i}.x`));
    for (let limit = 1; limit <= 12; limit++) {
      const { issues, moreErrors } = validator.check(value, limit);
      assert.deepStrictEqual(issues, all.issues.slice(0, limit), `limit ${limit}`);
      assert.strictEqual(moreErrors, Math.max(0, 10 - limit), `limit ${limit}`);
    }
  });

  it('keeps a million errors to the limit: the heap grows by megabytes, not hundreds', () => {
    const owned = new SchemaValidator(ownedSchema('2026.9.6'), 'owned');
    const value = parseJson5(arrayOfNumbers(1_000_000)).root!;
    const before = process.memoryUsage().heapUsed;
    const { issues, moreErrors } = owned.check(value, 1000);
    const grown = (process.memoryUsage().heapUsed - before) / 1e6;
    assert.strictEqual(issues.length, 1000);
    assert.strictEqual(moreErrors, 999_000);
    // Unlimited, ajv (the validator before) kept 1,000,000 error objects: 275 MB.
    assert.ok(grown < 60, `the heap grew by ${grown.toFixed(0)} MB`);
  });
});

describe('limits: linear in the size of the file', () => {
  it('finds keys of an object of 300,000 properties without scanning it for each', () => {
    const text = `{${Array.from({ length: 300_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const root = parseJson5(text).root!;
    const started = performance.now();
    for (let i = 0; i < 5000; i++) assert.strictEqual(findProperty(root, `k${i}`)?.valueNode?.value, i);
    const ms = performance.now() - started;
    // A scan from the end for each: 1.5 billion comparisons, seconds.
    assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
  });

  it('keeps the last of equal keys, as JSON5.parse does, and sees keys added to a growing object', () => {
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',');
    const root = parseJson5(`{${many},"k3":"last"}`).root!;
    assert.strictEqual(findProperty(root, 'k3')?.valueNode?.value, 'last');
    assert.strictEqual(findProperty(root, 'k40'), undefined);
    root.children!.push(parseJson5('{"k40":40}').root!.children![0]!);
    assert.strictEqual(findProperty(root, 'k40')?.valueNode?.value, 40);
  });

  it('completes inside a one-line array of 200,000 items in well under a second', function () {
    this.timeout(60_000);
    const service = createLanguageService();
    const document = documentOf(arrayOfNumbers(200_000));
    service.getDiagnostics(document);
    const started = performance.now();
    const list = service.getCompletion(document, { line: 0, character: 60 });
    const ms = performance.now() - started;
    assert.ok(list.items.length > 0);
    // Each item's line start was looked for by scanning back to the file's start: minutes.
    assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
  });
});

describe('limits: user text in messages', () => {
  it('quoteForMessage keeps short text whole, and shortens long text to its start, an ellipsis and its length', () => {
    assert.strictEqual(quoteForMessage('amazon-bedrock/zai.glm-4.7'), 'amazon-bedrock/zai.glm-4.7');
    const arn = 'amazon-bedrock/arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/a1b2c3d4e5f6';
    assert.strictEqual(quoteForMessage(arn), arn, 'the longest real ids stay whole');
    assert.strictEqual(quoteForMessage('x'.repeat(100_000), 10), 'xxxxxxxxxx… (100,000 characters)');
    // Never half of a surrogate pair: the emoji before the cut goes whole or not at all.
    assert.strictEqual(quoteForMessage(`${'a'.repeat(9)}😀tail`, 10), `${'a'.repeat(9)}… (15 characters)`);
  });

  it('a 100,000-character ${VAR} name, key, model id and alias: diagnostics and hovers quote them shortened', () => {
    const name = 'A'.repeat(100_000);
    const id = 'z'.repeat(100_000);
    const text = `{"models":{"${'k'.repeat(100_000)}":1,"providers":{"amazon-bedrock":{"baseUrl":"\${${name}}","models":[{"id":"${id}","name":"x"}]}}},
"agents":{"defaults":{"models":{"amazon-bedrock/${id}":{"alias":"${'y'.repeat(100_000)}"},"amazon-bedrock/${'w'.repeat(100_000)}":{}}}}}`;
    const service = createLanguageService({ settings: { env: {} } });
    const document = documentOf(text);
    const diagnostics = service.getDiagnostics(document);
    assert.deepStrictEqual([...new Set(diagnostics.map((d) => d.code))].sort(), ['env-var', 'legacy-allowlist', 'schema', 'unknown-model']);
    for (const diagnostic of diagnostics)
      assert.ok(diagnostic.message.length < 800, `${diagnostic.code}: ${diagnostic.message.length} characters`);
    assert.match(diagnostics.find((d) => d.code === 'env-var')!.message, /^\$\{A{160}… \(100,000 characters\)\} is not set/);
    assert.match(diagnostics.find((d) => d.code === 'schema')!.message, /^Unrecognized key: "k{160}… \(100,000 characters\)"/);
    // The path OpenClaw prints stays whole for the comparison with its validator.
    assert.strictEqual(diagnostics.find((d) => d.code === 'schema')!.data?.path, 'models');
    for (const needle of ['AAAA', 'zzzz', 'yyyy']) {
      const hover = service.getHover(document, document.positionAt(text.indexOf(needle) + 10));
      assert.ok(hover && hover.contents.length < 1000, `hover on ${needle}: ${hover?.contents.length} characters`);
    }
  });

  it('a quick fix for a model of a 100,000-character id has a title of a line', () => {
    const text = `{"models":{"providers":{"amazon-bedrock":{"models":[{"id":"${'v'.repeat(100_000)}","name":"Long"}]}}}}`;
    const service = createLanguageService();
    const document = documentOf(text);
    const diagnostics = service.getDiagnostics(document).filter((d) => d.code === 'no-alias');
    const actions = service.getCodeActions(document, { range: diagnostics[0]!.range, diagnostics, only: ['quickfix'] });
    assert.deepStrictEqual(
      actions.map((action) => action.title),
      [
        `Add alias 'Long' for amazon-bedrock/${'v'.repeat(145)}… (100,015 characters) (marking the map as aliases only, so it does not limit /model)`,
      ],
    );
  });

  it('8,000 entries with one model id (or alias): each names three others and counts the rest, in linear time', function () {
    this.timeout(30_000);
    const models = Array.from({ length: 8000 }, () => '{ "id": "same.model-v1:0", "name": "x" }').join(',\n');
    const text = `{ "models": { "providers": { "amazon-bedrock": { "models": [\n${models}\n] } } } }`;
    const started = performance.now();
    const diagnostics = createLanguageService({ settings: { maxDiagnosticsPerFile: 20_000 } }).getDiagnostics(documentOf(text));
    const ms = performance.now() - started;
    const duplicates = diagnostics.filter((d) => d.code === 'duplicate-model-id');
    assert.strictEqual(duplicates.length, 8000);
    assert.strictEqual(
      duplicates[1]!.message,
      "Model id 'same.model-v1:0' is defined more than once in provider 'amazon-bedrock' (also on line 2, line 4, line 5 and 7,996 more): keep one entry.",
    );
    // Each named all 7,999 others: 21 s.
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);

    const aliases = Array.from({ length: 3 }, (_, i) => `"amazon-bedrock/m${i}": { "alias": "A" }`).join(',\n');
    const few = createLanguageService().getDiagnostics(documentOf(`{ "agents": { "defaults": { "models": {\n${aliases}\n} } } }`));
    assert.deepStrictEqual(
      few.filter((d) => d.code === 'duplicate-alias').map((d) => d.message),
      [
        "Alias 'A' is also given to amazon-bedrock/m1 (line 3), amazon-bedrock/m2 (line 4): the last one wins, so 'A' selects amazon-bedrock/m2.",
        "Alias 'A' is also given to amazon-bedrock/m0 (line 2), amazon-bedrock/m2 (line 4): the last one wins, so 'A' selects amazon-bedrock/m2.",
        "Alias 'A' is also given to amazon-bedrock/m0 (line 2), amazon-bedrock/m1 (line 3): this entry wins, as the last one.",
      ],
    );
  });
});

describe('limits: typo hints', () => {
  it('4,000 references to models a provider of 4,000 lacks, and 20,000 to providers that are not there: seconds, not minutes', function () {
    this.timeout(60_000);
    const models = Array.from({ length: 4000 }, (_, i) => `{"id":"vendor.m${i}-v1:0","name":"x"}`).join(',');
    const fallbacks = Array.from({ length: 4000 }, (_, i) => `"amazon-bedrock/vendor.m${i}-v2:0"`).join(',');
    const providers = Array.from({ length: 20_000 }, (_, i) => `"prov${i}":{"models":[]}`).join(',');
    const elsewhere = Array.from({ length: 20_000 }, (_, i) => `"prav${i}/m"`).join(',');
    for (const [text, code] of [
      // 4,000 no-alias warnings come first: the unknown models are counted past the limit, their hints never looked for.
      [
        `{"models":{"providers":{"amazon-bedrock":{"models":[${models}]}}},"agents":{"defaults":{"model":{"primary":"x","fallbacks":[${fallbacks}]}}}}`,
        'too-many-problems',
      ],
      [
        `{"models":{"providers":{${providers}}},"agents":{"defaults":{"model":{"primary":"x","fallbacks":[${elsewhere}]}}}}`,
        'unresolved-reference',
      ],
    ]) {
      const started = performance.now();
      const diagnostics = createLanguageService().getDiagnostics(documentOf(text!));
      const ms = performance.now() - started;
      assert.ok(
        diagnostics.some((d) => d.code === code),
        code,
      );
      // Quadratic before: 67 s and 31 s.
      assert.ok(ms < 8000, `${ms.toFixed(0)} ms`);
    }
  });

  it('still hints at a typo, in the message of each diagnostic kept', () => {
    const text = `{ "models": { "providers": { "amazon-bedrock": { "models": [{ "id": "zai.glm-4.7", "name": "GLM" }] } } },
  "agents": { "defaults": { "model": { "primary": "amazon-bedrock/zai.glm-4.8" }, "models": { "amazon-bedrock/zai.glm-4.7": { "alias": "GLM" } } } } }`;
    const unknown = createLanguageService()
      .getDiagnostics(documentOf(text))
      .filter((d) => d.code === 'unknown-model');
    assert.strictEqual(unknown.length, 1);
    assert.match(unknown[0]!.message, /Did you mean amazon-bedrock\/zai\.glm-4\.7\?$/);
  });
});
