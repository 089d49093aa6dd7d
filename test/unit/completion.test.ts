import * as assert from 'assert';
import { CompletionItem, createLanguageService } from '../../server/src/service/languageService';
import { applyEdits, withCursor } from '../helpers';

function complete(marked: string): { items: CompletionItem[]; text: string } {
  const { document, offset } = withCursor(marked);
  return { items: createLanguageService().getCompletion(document, document.positionAt(offset)).items, text: document.getText() };
}

/** The text after picking an item, with snippet tab stops reduced to their defaults. */
function pick(marked: string, label: string): string {
  const { items, text } = complete(marked);
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `no item ${label} among ${items.map((i) => i.label).join(', ')}`);
  const applied = applyEdits(text, [item.textEdit, ...(item.additionalTextEdits ?? [])]);
  return item.insertTextFormat === 2
    ? applied
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$0/g, '')
        .replace(/\\([$}\\])/g, '$1')
    : applied;
}

const BEDROCK = (models: string, extra = '') => `{
  models: {
    providers: {
      "amazon-bedrock": {
        baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
        models: [${models}],
      },
    },
  },${extra}
}`;

describe('completion', () => {
  describe('model ids in models.providers.amazon-bedrock.models[].id', () => {
    it("offers the region's catalog: profiles and on-demand models first, profile-only models after", () => {
      const { items } = complete(BEDROCK(`{ id: "|" }`));
      const labels = items.map((i) => i.label);
      for (const id of [
        'us.anthropic.claude-opus-4-6-v1',
        'global.anthropic.claude-opus-4-6-v1',
        'anthropic.claude-opus-4-6-v1',
        'amazon.nova-pro-v1:0',
      ]) {
        assert.ok(labels.includes(id), id);
      }
      assert.ok(!labels.includes('eu.anthropic.claude-opus-4-6-v1'), 'no profiles of other geographies');
      const byLabel = (label: string) => items.find((i) => i.label === label)!;
      assert.ok(byLabel('us.anthropic.claude-opus-4-6-v1').sortText! < byLabel('anthropic.claude-opus-4-6-v1').sortText!);
      assert.strictEqual(byLabel('anthropic.claude-opus-4-6-v1').detail, 'Claude Opus 4.6 · text+image · needs an inference profile');
      assert.strictEqual(
        byLabel('us.anthropic.claude-opus-4-6-v1').detail,
        'US Anthropic Claude Opus 4.6 · text+image · inference profile',
      );
      assert.strictEqual(byLabel('amazon.nova-pro-v1:0').detail, 'Nova Pro · text+image · on demand');
      assert.match(
        byLabel('anthropic.claude-opus-4-6-v1').documentation!,
        /Inference profiles: `us\.anthropic\.claude-opus-4-6-v1`, `global\.anthropic\.claude-opus-4-6-v1`/,
      );
      assert.match(byLabel('amazon.nova-pro-v1:0').documentation!, /List price per 1M tokens: \$0\.80 in \/ \$3\.20 out/);
    });

    it('marks ids the provider already lists, and offers them last; every id has its name beside it', () => {
      const { items } = complete(BEDROCK(`{ id: "amazon.nova-pro-v1:0", name: "N" }, { id: "|" }`));
      const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
      assert.strictEqual(sorted.at(-1)!.label, 'amazon.nova-pro-v1:0');
      assert.deepStrictEqual(sorted.at(-1)!.labelDetails, { description: 'Nova Pro · already configured' });
      assert.deepStrictEqual(items.find((i) => i.label === 'amazon.nova-lite-v1:0')!.labelDetails, { description: 'Nova Lite' });
      const entries = complete(BEDROCK(`{ id: "amazon.nova-pro-v1:0", name: "N" },\n|`)).items;
      assert.deepStrictEqual(entries.find((i) => i.label === 'amazon.nova-pro-v1:0')?.labelDetails, {
        description: 'Nova Pro · already configured',
      });
    });

    it('replaces the whole string, keeping its quote, and filters with the quote typed', () => {
      const { items } = complete(BEDROCK(`{ id: 'amazon.nova-|pr', name: "N" }`));
      const item = items.find((i) => i.label === 'amazon.nova-pro-v1:0')!;
      assert.strictEqual(item.filterText, "'amazon.nova-pro-v1:0");
      assert.strictEqual(
        pick(BEDROCK(`{ id: 'amazon.nova-|pr', name: "N", input: ["text"], reasoning: false }`), 'amazon.nova-pro-v1:0'),
        BEDROCK(`{ id: 'amazon.nova-pro-v1:0', name: "N", input: ["text"], reasoning: false }`),
      );
    });

    it('completes inside a half-typed, unterminated string', () => {
      const marked = `{\n  models: { providers: { "amazon-bedrock": { models: [ {\n    name: "N", input: ["text"], reasoning: false,\n    id: "us.anth|\n  } ] } } }\n}`;
      const after = pick(marked, 'us.anthropic.claude-sonnet-4-6');
      assert.ok(after.includes(`    id: "us.anthropic.claude-sonnet-4-6"\n  } ] } } }`), after);
    });

    it('inserts a quoted id where no string is open yet', () => {
      assert.strictEqual(
        pick(BEDROCK(`{ name: "N", input: ["text"], reasoning: true, id: | }`), 'deepseek.r1-v1:0'),
        BEDROCK(`{ name: "N", input: ["text"], reasoning: true, id: "deepseek.r1-v1:0" }`),
      );
    });

    it('fills name, input and reasoning when the entry lacks them', () => {
      assert.strictEqual(
        pick(BEDROCK(`{ id: "|" }`), 'us.anthropic.claude-opus-4-6-v1'),
        BEDROCK(
          `{ id: "us.anthropic.claude-opus-4-6-v1", name: "US Anthropic Claude Opus 4.6", input: ["text", "image"], reasoning: true }`,
        ),
      );
      const multiLine = `{\n  models: { providers: { "amazon-bedrock": { models: [\n    {\n      "id": "|",\n      "contextWindow": 300000\n    }\n  ] } } }\n}`;
      assert.strictEqual(
        pick(multiLine, 'amazon.nova-lite-v1:0'),
        `{\n  models: { providers: { "amazon-bedrock": { models: [\n    {\n      "id": "amazon.nova-lite-v1:0",\n      "contextWindow": 300000,\n      name: "Nova Lite",\n      input: ["text", "image"],\n      reasoning: false\n    }\n  ] } } }\n}`,
      );
    });
  });

  describe('whole model entries in an empty place of models[]', () => {
    it("inserts a full entry in the file's style, name first to edit", () => {
      const marked = `{\n  "models": {\n    "providers": {\n      "amazon-bedrock": {\n        "models": [\n          |\n        ]\n      }\n    }\n  }\n}`;
      const { items } = complete(marked);
      const item = items.find((i) => i.label === 'amazon.nova-pro-v1:0')!;
      assert.strictEqual(item.kind, 15);
      assert.strictEqual(item.insertTextFormat, 2);
      assert.match(item.textEdit.newText, /"name": "\$\{1:Nova Pro\}"/);
      assert.strictEqual(
        pick(marked, 'amazon.nova-pro-v1:0'),
        `{\n  "models": {\n    "providers": {\n      "amazon-bedrock": {\n        "models": [\n          {\n            "id": "amazon.nova-pro-v1:0",\n            "name": "Nova Pro",\n            "reasoning": false,\n            "input": ["text", "image"],\n            "cost": {"input": 0.8, "output": 3.2},\n            "contextWindow": 300000,\n            "maxTokens": 8192\n          }\n        ]\n      }\n    }\n  }\n}`,
      );
    });

    it('adds the commas a new entry needs between existing ones', () => {
      const between = BEDROCK(`\n          { id: "a", name: "A" }\n          |\n          { id: "b", name: "B" },\n        `);
      const after = pick(between, 'openai.gpt-oss-20b-1:0');
      assert.ok(after.includes(`{ id: "a", name: "A" },\n          {\n            id: "openai.gpt-oss-20b-1:0",`), after);
      assert.ok(after.includes(`maxTokens: 8192,\n          },\n          { id: "b", name: "B" },`), after);
    });
  });

  describe('references', () => {
    const config = BEDROCK(
      `{ id: "qwen.qwen3-coder-next", name: "Qwen3 Coder Next", cost: { input: 0.5, output: 1.2 }, contextWindow: 262144 }, { id: "deepseek.r1-v1:0", name: "DeepSeek R1" }`,
      `\n  agents: {\n    defaults: {\n      models: { "amazon-bedrock/qwen.qwen3-coder-next": { alias: "Coder" } },\n      SLOT\n    },\n  },`,
    );
    const at = (slot: string) => config.replace('SLOT', slot);

    it('in agents.defaults.model: configured models, then aliases, then catalog models not configured', () => {
      const { items } = complete(at('model: "|",'));
      const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
      assert.deepStrictEqual(sorted.slice(0, 3), ['amazon-bedrock/deepseek.r1-v1:0', 'amazon-bedrock/qwen.qwen3-coder-next', 'Coder']);
      assert.ok(sorted.includes('amazon-bedrock/amazon.nova-pro-v1:0'));
      assert.ok(!sorted.includes('amazon-bedrock/deepseek.r1-v1:0', 3), 'configured models are not offered again from the catalog');
      const qwen = items.find((i) => i.label === 'amazon-bedrock/qwen.qwen3-coder-next')!;
      assert.strictEqual(qwen.detail, 'Qwen3 Coder Next · $0.50 / $1.20 per 1M · 262,144 context');
      assert.strictEqual(items.find((i) => i.label === 'Coder')!.detail, 'alias of amazon-bedrock/qwen.qwen3-coder-next');
      assert.strictEqual(
        items.find((i) => i.label === 'amazon-bedrock/amazon.nova-pro-v1:0')!.detail,
        'Nova Pro · not in models.providers.amazon-bedrock yet',
      );
    });

    it('in fallbacks, primary, and per-agent models; wildcards only in modelPolicy.allow', () => {
      assert.ok(complete(at('model: { primary: "|" },')).items.some((i) => i.label === 'Coder'));
      assert.ok(complete(at('model: { fallbacks: ["x", |] },')).items.some((i) => i.label === 'amazon-bedrock/deepseek.r1-v1:0'));
      assert.ok(complete(at('modelPolicy: { allow: ["|"] },')).items.some((i) => i.label === 'amazon-bedrock/*'));
      assert.ok(!complete(at('model: "|",')).items.some((i) => i.label === 'amazon-bedrock/*'));
      const agent = config.replace(
        'SLOT\n    },',
        '\n    },\n    entries: { coder: { model: "|", models: { "amazon-bedrock/deepseek.r1-v1:0": { alias: "Thinker" } } } },',
      );
      const labels = complete(agent).items.map((i) => i.label);
      assert.ok(labels.includes('Thinker') && labels.includes('Coder'), labels.join());
    });

    it('as a new key of agents.defaults.models: models without an entry first, with an alias filled in', () => {
      const marked = config
        .replace('SLOT', '')
        .replace(
          '{ "amazon-bedrock/qwen.qwen3-coder-next": { alias: "Coder" } }',
          '{ "amazon-bedrock/qwen.qwen3-coder-next": { alias: "Coder" }, | }',
        );
      const { items } = complete(marked);
      const deepseek = items.find((i) => i.label === 'amazon-bedrock/deepseek.r1-v1:0')!;
      const qwen = items.find((i) => i.label === 'amazon-bedrock/qwen.qwen3-coder-next')!;
      assert.ok(deepseek.sortText! < qwen.sortText!);
      assert.ok(!items.some((i) => i.label === 'Coder'), 'no aliases as keys');
      assert.ok(
        pick(marked, 'amazon-bedrock/deepseek.r1-v1:0').includes(
          `{ alias: "Coder" }, "amazon-bedrock/deepseek.r1-v1:0": { alias: "DeepSeek R1" } }`,
        ),
      );
    });

    it('replaces a half-typed unquoted word with a quoted reference', () => {
      assert.ok(
        pick(at('model: amazon-bedrock/deep|,'), 'amazon-bedrock/deepseek.r1-v1:0').includes('model: "amazon-bedrock/deepseek.r1-v1:0",'),
      );
    });
  });

  it('offers nothing outside the slots it knows', () => {
    assert.deepStrictEqual(complete(BEDROCK(`{ id: "x", name: "|" }`)).items, []);
    assert.deepStrictEqual(complete(`{ gateway: { mode: "|" } }`).items, []);
    assert.deepStrictEqual(complete(`|`).items, []);
  });

  describe('in a file of thousands of models', () => {
    const models = Array.from({ length: 2000 }, (_, i) => `{ id: "vendor.model-${i}", name: "Model ${i}" }`).join(',\n');
    const text = (primary: string) =>
      `{ models: { providers: { "amazon-bedrock": { models: [\n${models}\n] } } }, agents: { defaults: { model: { primary: "${primary}|" } } } }`;

    it('offers at most 100 items and says the list is incomplete, so the editor asks again as the user types', () => {
      const { document, offset } = withCursor(text(''));
      const list = createLanguageService().getCompletion(document, document.positionAt(offset));
      assert.strictEqual(list.items.length, 100);
      assert.strictEqual(list.isIncomplete, true);
    });

    it('offers what matches what is typed (its letters in order), all of it when it fits', () => {
      const { document, offset } = withCursor(text('mdl1999'));
      const list = createLanguageService().getCompletion(document, document.positionAt(offset));
      assert.deepStrictEqual(
        list.items.map((item) => item.label),
        ['amazon-bedrock/vendor.model-1999'],
      );
      assert.strictEqual(list.isIncomplete, false);
    });
  });

  it('offers nothing, and does not fail, in a document that is only a string', () => {
    assert.deepStrictEqual(complete('"|').items, []);
    assert.deepStrictEqual(complete('"amazon-bedrock/|"').items, []);
  });
});
