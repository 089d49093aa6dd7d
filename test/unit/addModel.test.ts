import * as assert from 'assert';
import { createLanguageService, describeChoice } from '../../server/src/service/languageService';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { applyEdits, commentsOf, documentOf, editsTo, memoryFiles, readSample, TEST_URI } from '../helpers';

/*
 * "Add Bedrock Model": the entry (with what the catalog knows) and its alias in one edit, in the
 * file's own style, keeping every comment; the provider created when missing; the cursor on the new id.
 */

function add(text: string, id: string) {
  const service = createLanguageService();
  const document = documentOf(text);
  const result = service.getAddModel(document, id);
  assert.ok(typeof result !== 'string', String(result));
  const after = applyEdits(text, editsTo(result.edit));
  const diagnostics = service
    .getDiagnostics(documentOf(after))
    .filter((d) => d.severity <= 2 && d.code !== 'legacy-key' && d.code !== 'needs-inference-profile');
  return { result, after, diagnostics };
}

describe('Add Bedrock Model', () => {
  it("appends the entry to the sample's provider and the alias to its map, keeping comments; the new model has nothing to fix", () => {
    const before = readSample();
    const { result, after, diagnostics } = add(before, 'amazon.nova-pro-v1:0');
    assert.deepStrictEqual(parseJson5(after).errors, []);
    assert.deepStrictEqual(commentsOf(after), commentsOf(before));
    assert.ok(
      after.includes(`          },
          {
            "id": "amazon.nova-pro-v1:0",
            "name": "Nova Pro",
            "reasoning": false,
            "input": ["text", "image"],
            "cost": {"input": 0.8, "output": 3.2},
            "contextWindow": 300000,
            "maxTokens": 8192
          }
        ]`),
      after,
    );
    assert.ok(after.includes('"amazon-bedrock/amazon.nova-pro-v1:0": {"alias": "Nova Pro"}'));
    assert.deepStrictEqual(result.alias, 'Nova Pro');
    assert.ok(!diagnostics.some((d) => d.message.includes('nova-pro')), diagnostics.map((d) => d.message).join('\n'));
    const selected = after
      .split('\n')
      [result.selection.range.start.line]!.slice(result.selection.range.start.character, result.selection.range.end.character);
    assert.strictEqual(selected, '"amazon.nova-pro-v1:0"');
    assert.strictEqual(result.selection.uri, TEST_URI);
  });

  it("creates the provider with the region's baseUrl and api, and the alias map, in an empty JSON5 file", () => {
    const { after } = add("{\n  // mine\n  gateway: { port: 18789, bind: 'loopback' },\n}\n", 'anthropic.claude-opus-4-6-v1');
    assert.strictEqual(
      after,
      `{
  // mine
  gateway: { port: 18789, bind: 'loopback' },
  models: {
    providers: {
      'amazon-bedrock': {
        baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
        api: 'bedrock-converse-stream',
        models: [
          {
            id: 'us.anthropic.claude-opus-4-6-v1',
            name: 'Claude Opus 4.6',
            reasoning: true,
            input: ['text', 'image'],
            cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 },
            contextWindow: 200000,
            maxTokens: 8192,
          },
        ],
      },
    },
  },
  meta: {
    migrations: {
      modelPolicyAllowlist: true,
    },
  },
  agents: {
    defaults: {
      models: {
        'amazon-bedrock/us.anthropic.claude-opus-4-6-v1': { alias: 'Claude Opus 4.6' },
      },
    },
  },
}
`,
      "a model that cannot be invoked on demand is added by its region's inference profile; the new alias map is marked aliases only, " +
        'or OpenClaw 2026.9.6 would let /model select this model alone',
    );
  });

  it('makes the alias unique and says when the model is configured already', () => {
    const text = `{ models: { providers: { "amazon-bedrock": { models: [{ id: "x.one", name: "One" }] } } }, agents: { defaults: { models: { "amazon-bedrock/x.one": { alias: "Nova Lite" } } } } }`;
    const { result } = add(text, 'amazon.nova-lite-v1:0');
    assert.strictEqual(result.alias, 'Nova Lite 2');
    const service = createLanguageService();
    const twice = applyEdits(text, editsTo(result.edit));
    assert.strictEqual(
      service.getAddModel(documentOf(twice), 'amazon.nova-lite-v1:0'),
      'amazon-bedrock/amazon.nova-lite-v1:0 is already configured.',
    );
    assert.strictEqual(
      service.getAddModel(documentOf(text), 'no.such-model'),
      'no.such-model is not in the Bedrock model list of us-east-1.',
    );
  });

  it("offers each way the region can invoke a model not configured yet: on demand, its geography's profile, a global one, in that order", () => {
    const service = createLanguageService();
    const choices = service.getModelChoices(documentOf(readSample()));
    assert.ok(!choices.some((choice) => choice.id === 'qwen.qwen3-coder-next'), 'configured models are left out');
    const haiku = choices.filter((choice) => choice.name === 'Claude Haiku 4.5');
    assert.deepStrictEqual(
      haiku.map((choice) => [choice.id, choice.access, choice.where, choice.input, choice.contextWindow, choice.price]),
      [
        [
          'us.anthropic.claude-haiku-4-5-20251001-v1:0',
          'geography profile',
          'in US regions',
          'text+image',
          200000,
          { input: 1, output: 5 },
        ],
        [
          'global.anthropic.claude-haiku-4-5-20251001-v1:0',
          'global profile',
          'in any commercial region',
          'text+image',
          200000,
          { input: 1, output: 5 },
        ],
      ],
      'a model that needs a profile is offered once per profile the region can invoke, named as the model',
    );
    assert.ok(
      !choices.some((choice) => choice.id.startsWith('eu.') || choice.id === 'anthropic.claude-haiku-4-5-20251001-v1:0'),
      'never a profile of another geography, nor an id that cannot be invoked',
    );
    const nova = choices.find((choice) => choice.id === 'amazon.nova-pro-v1:0')!;
    assert.deepStrictEqual(
      [nova.access, describeChoice(nova)],
      ['on demand', 'Amazon · text+image · 300,000 context · $0.80 in / $3.20 out per 1M (list) · on demand: requests run in us-east-1'],
    );
    const ranks = choices.map(
      (choice) => (choice.legacy ? 3 : 0) + ['on demand', 'geography profile', 'global profile'].indexOf(choice.access),
    );
    assert.deepStrictEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
      'on demand, then the geography, then global',
    );
    assert.strictEqual(choices[0]!.access, 'on demand');
  });

  it("adds a profile by the model's own name and alias; a foundation id that needs one, by the region's; never a profile the region cannot invoke", () => {
    const service = createLanguageService();
    const result = service.getAddModel(documentOf(readSample()), 'global.anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.ok(typeof result !== 'string');
    assert.deepStrictEqual(
      [result.ref, result.alias],
      ['amazon-bedrock/global.anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5'],
    );
    assert.ok(applyEdits(readSample(), editsTo(result.edit)).includes('"name": "Claude Haiku 4.5"'));
    const byFoundation = service.getAddModel(documentOf(readSample()), 'anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.strictEqual(typeof byFoundation !== 'string' && byFoundation.ref, 'amazon-bedrock/us.anthropic.claude-haiku-4-5-20251001-v1:0');
    const eu = createLanguageService({ settings: { awsRegion: 'eu-west-1' } });
    assert.strictEqual(
      eu.getAddModel(documentOf(readSample()), 'us.anthropic.claude-haiku-4-5-20251001-v1:0'),
      'us.anthropic.claude-haiku-4-5-20251001-v1:0 is not in the Bedrock model list of eu-west-1.',
    );
  });

  it('writes the entry in the file that holds the provider, and the alias where the map is', () => {
    const files = memoryFiles({
      '/cfg/openclaw.json': '{\n  models: { $include: "./models.json5" },\n  agents: { defaults: { models: {} } },\n}\n',
      '/cfg/models.json5': '{\n  providers: {\n    "amazon-bedrock": {\n      models: [],\n    },\n  },\n}\n',
    });
    const service = createLanguageService({ files: files.source });
    const result = service.getAddModel(files.document('/cfg/openclaw.json'), 'amazon.nova-micro-v1:0');
    assert.ok(typeof result !== 'string');
    assert.deepStrictEqual(
      Object.keys(result.edit.changes).sort(),
      [files.uri('/cfg/models.json5'), files.uri('/cfg/openclaw.json')].sort(),
    );
    assert.strictEqual(result.selection.uri, files.uri('/cfg/models.json5'));
    const models = applyEdits(files.document('/cfg/models.json5').getText(), result.edit.changes[files.uri('/cfg/models.json5')]!);
    assert.ok(models.includes('      models: [\n        {\n          id: "amazon.nova-micro-v1:0",'), models);
    const root = applyEdits(files.document('/cfg/openclaw.json').getText(), result.edit.changes[files.uri('/cfg/openclaw.json')]!);
    assert.ok(root.includes('models: {\n    "amazon-bedrock/amazon.nova-micro-v1:0": { alias: "Nova Micro" },\n  } } },'), root);
  });
});
