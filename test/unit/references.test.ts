import * as assert from 'assert';
import { buildConfigModel } from '../../server/src/service/config/configModel';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { ReferenceResolver, Resolution, stripAuthProfile } from '../../server/src/service/config/references';

const CONFIG = `{
  models: {
    providers: {
      "amazon-bedrock": { models: [ { id: "qwen.qwen3-coder-next", name: "Qwen3 Coder Next" }, { id: "deepseek.v3.2", name: "DeepSeek" } ] },
      openrouter: { models: [ { id: "moonshotai/kimi-k2", name: "Kimi" } ] },
      myproxy: { models: [ { id: "m1", name: "M1" } ] },
      openai: { models: [ { id: "gpt-5", name: "GPT-5" } ] },
      empty: {},
    },
  },
  agents: {
    defaults: { models: {
      "amazon-bedrock/qwen.qwen3-coder-next": { alias: "Coder" },
      "amazon-bedrock/deepseek.v3.2": { alias: "coder" },
      "openrouter/moonshotai/kimi-k2": { alias: "Kimi" },
    } },
    entries: { writer: { models: { "myproxy/m1": { alias: "Kimi" } } } },
  },
}`;

function describe_(resolution: Resolution): string {
  switch (resolution.kind) {
    case 'model':
      return `model ${resolution.model.provider.id}/${resolution.model.id}${resolution.alias ? ` via ${resolution.alias.alias?.value}` : ''}`;
    case 'wildcard':
      return `wildcard ${resolution.provider}`;
    case 'unknown':
      return `unknown ${resolution.provider}/${resolution.modelId} ${resolution.certain ? 'certain' : 'uncertain'}`;
    case 'unresolved':
      return `unresolved ${resolution.word}`;
  }
}

describe('reference resolution (as OpenClaw 2026.9 resolves)', () => {
  const resolver = new ReferenceResolver(buildConfigModel(parseJson5(CONFIG).root));
  const resolve = (value: string, agent?: string) => describe_(resolver.resolve(value, agent));

  it('splits provider/model at the first slash', () => {
    assert.strictEqual(resolve('openrouter/moonshotai/kimi-k2'), 'model openrouter/moonshotai/kimi-k2');
  });

  it('matches providers case-insensitively, model ids exactly then case-folded', () => {
    assert.strictEqual(resolve('Amazon-Bedrock/qwen.qwen3-coder-next'), 'model amazon-bedrock/qwen.qwen3-coder-next');
    assert.strictEqual(resolve('amazon-bedrock/QWEN.qwen3-coder-next'), 'model amazon-bedrock/qwen.qwen3-coder-next');
  });

  it('takes a bare word as an alias, case-insensitively, the last entry winning', () => {
    assert.strictEqual(resolve('CODER'), 'model amazon-bedrock/deepseek.v3.2 via coder');
  });

  it("lets an agent's own map override a default alias for that agent only", () => {
    assert.strictEqual(resolve('kimi'), 'model openrouter/moonshotai/kimi-k2 via Kimi');
    assert.strictEqual(resolve('kimi', 'writer'), 'model myproxy/m1 via Kimi');
  });

  it('takes a bare word that is no alias as a model id configured by exactly one provider', () => {
    assert.strictEqual(resolve('deepseek.v3.2'), 'model amazon-bedrock/deepseek.v3.2');
    assert.strictEqual(resolve('nothing-like-it'), 'unresolved nothing-like-it');
  });

  it('accepts provider/Alias when no model has that id', () => {
    assert.strictEqual(resolve('openrouter/Kimi'), 'model openrouter/moonshotai/kimi-k2 via Kimi');
  });

  it('ignores a trailing @auth-profile but keeps date and quantization suffixes', () => {
    assert.strictEqual(resolve('amazon-bedrock/deepseek.v3.2@work'), 'model amazon-bedrock/deepseek.v3.2');
    assert.strictEqual(stripAuthProfile('anthropic/claude@20250514'), 'anthropic/claude@20250514');
    assert.strictEqual(stripAuthProfile('ollama/qwen@q4_k_m'), 'ollama/qwen@q4_k_m');
    assert.strictEqual(stripAuthProfile('ollama/qwen@q4_k_m@home'), 'ollama/qwen@q4_k_m');
  });

  it('reads provider/* as a wildcard', () => {
    assert.strictEqual(resolve('amazon-bedrock/*'), 'wildcard amazon-bedrock');
  });

  describe('judges an unknown model only where the file decides', () => {
    it('amazon-bedrock with an explicit model list: certain', () => {
      assert.strictEqual(resolve('amazon-bedrock/nope'), 'unknown amazon-bedrock/nope certain');
    });
    it('a custom provider with an explicit list: certain', () => {
      assert.strictEqual(resolve('myproxy/m2'), 'unknown myproxy/m2 certain');
    });
    it('a provider with a built-in catalog in merge mode: uncertain', () => {
      assert.strictEqual(resolve('openai/gpt-6'), 'unknown openai/gpt-6 uncertain');
    });
    it('a provider the file does not configure: uncertain', () => {
      assert.strictEqual(resolve('anthropic/claude-x'), 'unknown anthropic/claude-x uncertain');
    });
    it('a configured provider without models: uncertain', () => {
      assert.strictEqual(resolve('empty/x'), 'unknown empty/x uncertain');
    });
    it('in replace mode even a built-in provider is decided by the file', () => {
      const replace = new ReferenceResolver(
        buildConfigModel(
          parseJson5(`{ models: { mode: "replace", providers: { openai: { models: [ { id: "gpt-5", name: "g" } ] } } } }`).root,
        ),
      );
      assert.strictEqual(describe_(replace.resolve('openai/gpt-6')), 'unknown openai/gpt-6 certain');
    });
    it('amazon-bedrock without a list and with discovery on: uncertain', () => {
      const discovery = new ReferenceResolver(
        buildConfigModel(
          parseJson5(
            `{ models: { providers: { "amazon-bedrock": { baseUrl: "x" } } }, plugins: { entries: { "amazon-bedrock": { config: { discovery: { enabled: true } } } } } }`,
          ).root,
        ),
      );
      assert.strictEqual(describe_(discovery.resolve('amazon-bedrock/anything')), 'unknown amazon-bedrock/anything uncertain');
    });
  });

  it('lists the aliases that really select a model', () => {
    const config = buildConfigModel(parseJson5(CONFIG).root);
    const r = new ReferenceResolver(config);
    assert.deepStrictEqual(r.aliasesFor(config.models[0]!), [], "'Coder' is taken over by the later 'coder'");
    assert.deepStrictEqual(r.aliasesFor(config.models[1]!), ['coder']);
  });
});
