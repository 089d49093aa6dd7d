import * as assert from 'assert';
import {
  createLanguageService,
  formatMeasurements,
  measurementFacts,
  summarizeMeasurements,
  testFigures,
  TestMeasurements,
} from '../../server/src/service/languageService';
import { formatUsd } from '../../server/src/service/config/modelFacts';
import { applyEdits, documentOf, editsTo } from '../helpers';

const TEXT = `{
  models: { providers: {
    "amazon-bedrock": { baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com", models: [
      { id: "eu.anthropic.claude-sonnet-4-6", name: "Sonnet", reasoning: true, maxTokens: 64000, cost: { input: 3, output: 15 } },
      { id: "anthropic.claude-opus-4-6-v1", name: "Opus" },
      { id: "acme.unlisted", name: "Unlisted", contextWindow: 4096 },
    ] },
    openai: { models: [ { id: "gpt-5", name: "GPT-5" } ] },
  } },
  agents: { defaults: {
    model: { primary: "amazon-bedrock/anthropic.claude-opus-4-6-v1@work", fallbacks: ["Opus", 'amazon-bedrock/anthropic.claude-opus-4-6-v1'] },
    models: { "amazon-bedrock/anthropic.claude-opus-4-6-v1": { alias: "Opus" }, "amazon-bedrock/eu.anthropic.claude-sonnet-4-6": { alias: "S" } },
    modelPolicy: { allow: ["anthropic.claude-opus-4-6-v1", "amazon-bedrock/*"] },
  } },
}`;

describe('model tests: targets, figures, the id rewrite, lenses', () => {
  const service = createLanguageService();
  const document = documentOf(TEXT);

  it('lists configured Bedrock models with a capped output and the prices to charge', () => {
    const targets = service.getTestTargets(document);
    assert.deepStrictEqual(
      targets.map((t) => [t.ref, t.maxTokens, t.thinkingBudget, t.prices?.source, t.baseUrlRegion]),
      [
        ['amazon-bedrock/eu.anthropic.claude-sonnet-4-6', 2048, 1024, 'file', 'eu-west-1'],
        ['amazon-bedrock/anthropic.claude-opus-4-6-v1', 1024, undefined, 'AWS list price, us-east-1 on-demand (read 2026-02)', 'eu-west-1'],
        ['amazon-bedrock/acme.unlisted', 1024, undefined, undefined, 'eu-west-1'],
      ],
    );
    assert.strictEqual(service.getTestTarget(document, 'opus')?.modelId, 'anthropic.claude-opus-4-6-v1');
    assert.strictEqual(service.getTestTarget(document, 'openai/gpt-5'), undefined, 'not a Bedrock model');
  });

  it("suggests inference profiles, the region's geography first", () => {
    assert.deepStrictEqual(service.getSuggestedProfiles(document, 'anthropic.claude-opus-4-6-v1'), [
      'eu.anthropic.claude-opus-4-6-v1',
      'global.anthropic.claude-opus-4-6-v1',
    ]);
  });

  it('rewrites an id in the entry and in every reference, keeping quotes and @profile, not touching aliases', () => {
    const edits = editsTo(service.getModelIdRewrite(document, 'Opus', 'eu.anthropic.claude-opus-4-6-v1')!);
    const after = applyEdits(TEXT, edits);
    assert.strictEqual(edits.length, 5);
    assert.ok(after.includes(`{ id: "eu.anthropic.claude-opus-4-6-v1", name: "Opus" }`));
    assert.ok(
      after.includes(
        `primary: "amazon-bedrock/eu.anthropic.claude-opus-4-6-v1@work", fallbacks: ["Opus", 'amazon-bedrock/eu.anthropic.claude-opus-4-6-v1'] }`,
      ),
    );
    assert.ok(after.includes(`models: { "amazon-bedrock/eu.anthropic.claude-opus-4-6-v1": { alias: "Opus" },`));
    assert.ok(after.includes(`allow: ["eu.anthropic.claude-opus-4-6-v1", "amazon-bedrock/*"]`), 'a bare unique id stays bare');
    const unknown = (text: string) =>
      createLanguageService()
        .getDiagnostics(documentOf(text))
        .filter((d) => d.code === 'unknown-model' || d.code === 'unresolved-reference');
    assert.deepStrictEqual(unknown(after), [], 'every reference still resolves');
  });

  it('figures: tokens per second after the first token, cost from the prices given', () => {
    const measurements: TestMeasurements = {
      at: 0,
      outcome: 'complete',
      timeToFirstTokenMs: 500,
      totalMs: 2500,
      inputTokens: 1000,
      outputTokens: 200,
    };
    assert.deepStrictEqual(testFigures(measurements, { input: 3, output: 15, source: 'file' }), { tokensPerSecond: 100, cost: 0.006 });
    assert.strictEqual(
      formatMeasurements(measurements, { input: 3, output: 15, source: 'file' }),
      'first token 500 ms · 2.5 s total · 1,000 in / 200 out tokens · 100 tok/s · $0.006 (file prices)',
    );
    assert.strictEqual(formatMeasurements({ at: 0, outcome: 'failed', totalMs: 80 }, undefined), '80 ms total');
    assert.strictEqual(summarizeMeasurements(measurements), '2.5 s, 100 tok/s');
    assert.strictEqual(summarizeMeasurements({ at: 0, outcome: 'broken', totalMs: 80 }), 'broken');
  });

  it('a small cost shows its real magnitude, never $0.0000; the figures one fact a line', () => {
    assert.deepStrictEqual([0.000052, 0.0000052, 0.006, 0.0062, 0.0099999, 0.075, 0.5, 15].map(formatUsd), [
      '$0.000052',
      '$0.0000052',
      '$0.006',
      '$0.0062',
      '$0.01',
      '$0.075',
      '$0.50',
      '$15.00',
    ]);
    const small: TestMeasurements = { at: 0, outcome: 'complete', timeToFirstTokenMs: 14, totalMs: 16, inputTokens: 11, outputTokens: 15 };
    assert.deepStrictEqual(measurementFacts(small, { input: 0.5, output: 1.2, source: 'file' }), [
      ['First token', '14 ms'],
      ['Total time', '16 ms'],
      ['Tokens', '11 in / 15 out'],
      ['Speed', '7500 tok/s'],
      ['Cost', '$0.000023 (file prices)'],
    ]);
  });

  it('says which targets the file already flags as failing, with the inference profiles to use', () => {
    const opus = service.getTestTargets(document).find((target) => target.modelId === 'anthropic.claude-opus-4-6-v1')!;
    assert.deepStrictEqual(opus.problem?.profiles, ['eu.anthropic.claude-opus-4-6-v1', 'global.anthropic.claude-opus-4-6-v1']);
    assert.match(opus.problem!.message, /cannot be invoked on demand in eu-west-1/);
    assert.strictEqual(service.getTestTargets(document)[0]!.problem, undefined, 'a profile id that works');
  });

  it('puts a lens on the first line of each Bedrock model entry', () => {
    assert.deepStrictEqual(
      service.getModelLenses(document).map((lens) => [lens.range.start.line, lens.ref]),
      [
        [3, 'amazon-bedrock/eu.anthropic.claude-sonnet-4-6'],
        [4, 'amazon-bedrock/anthropic.claude-opus-4-6-v1'],
        [5, 'amazon-bedrock/acme.unlisted'],
      ],
    );
  });
});
