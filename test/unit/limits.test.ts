import * as assert from 'assert';
import { performance } from 'perf_hooks';
import { createLanguageService, DEFAULT_MAX_DIAGNOSTICS, JsonSchema, SchemaValidator, Severity } from '../../server/src/service/languageService';
import { findProperty } from '../../server/src/service/parser/ast';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { ownedSchema } from '../../server/src/service/schema/ownedSchema';
import { documentOf } from '../helpers';

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
    assert.match(last.message, /^about 15 more problems are not shown: this file shows at most 10 \(the setting openclaw\.diagnostics\.maxPerFile\)/);
  });

  it('counts exactly what it left out when every check ran to the end, and puts the last one where the first left out is', () => {
    const models = Array.from({ length: 15 }, (_, i) => `{ "id": "vendor.m${i}-v1:0", "name": "M${i}" }`);
    const text = `{ "models": { "providers": { "amazon-bedrock": { "models": [\n${models.join(',\n')}\n] } } } }`;
    const diagnostics = createLanguageService({ settings: { maxDiagnosticsPerFile: 10 } }).getDiagnostics(documentOf(text));
    assert.deepStrictEqual(diagnostics.slice(0, 10).map((d) => d.code), Array(10).fill('no-alias'));
    const last = diagnostics[10]!;
    assert.match(last.message, /^5 more problems are not shown/);
    assert.strictEqual(last.severity, Severity.Warning);
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
      list: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'], additionalProperties: false } },
      refs: { type: 'object', additionalProperties: { $ref: '#/$defs/account' } },
      either: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object', properties: { x: { type: 'number' } }, additionalProperties: false }] } },
    },
    $defs: { account: { type: 'object', properties: { user: { type: 'string' }, port: { type: 'number' } }, additionalProperties: false } },
  };
  const validator = new SchemaValidator(ITEMS, 'test');

  it('keeps the first errors up to the limit and counts the others', () => {
    const value = { list: Array.from({ length: 5000 }, (_, i) => (i % 2 ? 1 : { id: i })) };
    const all = validator.check(value);
    assert.strictEqual(all.issues.length, 5000);
    assert.strictEqual(all.moreErrors, 0);
    const limited = validator.check(value, 100);
    assert.deepStrictEqual(limited.issues, all.issues.slice(0, 100));
    assert.strictEqual(limited.moreErrors, 4900);
  });

  it('limits the errors of a $ref\'d schema the same way, and keeps their order', () => {
    const value = { refs: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`a${i}`, { user: i, port: 'x', extra: true }])) };
    const all = validator.check(value);
    assert.strictEqual(all.issues.length, 900);
    for (const limit of [1, 2, 3, 4, 450, 899]) {
      const limited = validator.check(value, limit);
      assert.deepStrictEqual(limited.issues, all.issues.slice(0, limit), `limit ${limit}`);
      assert.strictEqual(limited.moreErrors, 900 - limit, `limit ${limit}`);
    }
  });

  it('never turns the errors of an anyOf branch cut by the limit into issues of their own', () => {
    // Each item fails both branches: "must be string", "x must be number", then the anyOf's own error.
    const value = { either: Array.from({ length: 10 }, () => ({ x: 'no' })) };
    const all = validator.check(value);
    assert.strictEqual(all.issues.length, 10);
    for (let limit = 1; limit <= 30; limit++) {
      const { issues } = validator.check(value, limit);
      // Each anyOf takes 3 errors: a cut inside one drops it whole, never shows its branches' errors as issues.
      assert.deepStrictEqual(issues, all.issues.slice(0, Math.floor(limit / 3)), `limit ${limit}`);
    }
  });

  it('keeps a million errors to the limit: the heap grows by megabytes, not hundreds', () => {
    const owned = new SchemaValidator(ownedSchema('2026.9.6'), 'owned');
    const value = JSON.parse(arrayOfNumbers(1_000_000));
    const before = process.memoryUsage().heapUsed;
    const { issues, moreErrors } = owned.check(value, 1000);
    const grown = (process.memoryUsage().heapUsed - before) / 1e6;
    assert.strictEqual(issues.length, 1000);
    assert.strictEqual(moreErrors, 999_000);
    // Unlimited, ajv kept 1,000,000 error objects: 275 MB.
    assert.ok(grown < 60, `the heap grew by ${grown.toFixed(0)} MB`);
  });
});

describe('limits: linear in the size of the file', () => {
  it('finds keys of an object of 300,000 properties without scanning it for each', () => {
    const text = `{${Array.from({ length: 300_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
    const root = parseJson5(text).root!;
    const started = performance.now();
    for (let i = 0; i < 5000; i++) assert.strictEqual(findProperty(root, `k${i}`)?.children?.[1]?.value, i);
    const ms = performance.now() - started;
    // A scan from the end for each: 1.5 billion comparisons, seconds.
    assert.ok(ms < 1500, `${ms.toFixed(0)} ms`);
  });

  it('keeps the last of equal keys, as JSON5.parse does, and sees keys added to a growing object', () => {
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',');
    const root = parseJson5(`{${many},"k3":"last"}`).root!;
    assert.strictEqual(findProperty(root, 'k3')?.children?.[1]?.value, 'last');
    assert.strictEqual(findProperty(root, 'k40'), undefined);
    root.children!.push(parseJson5('{"k40":40}').root!.children![0]!);
    assert.strictEqual(findProperty(root, 'k40')?.children?.[1]?.value, 40);
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
