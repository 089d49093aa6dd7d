import * as assert from 'assert';
import { createLanguageService, InlayHint, Range } from '../../server/src/service/languageService';
import { documentOf, readSample } from '../helpers';

/*
 * Inlay hints: after each model reference its price per 1M tokens (in/out) and context window, from
 * the file or marked as the catalog's list price; after a `fallbacks` list the example request's
 * cost at the cheapest and dearest model of the chain. Only within the requested range.
 */

const CONFIG = `{
  models: { providers: {
    "amazon-bedrock": { models: [
      { id: "zai.glm-4.7", cost: { input: 0.6, output: 2.2 }, contextWindow: 131072 },
      { id: "anthropic.claude-sonnet-4-5-20250929-v1:0" },
      { id: "custom.model" },
    ] },
    local: { models: [ { id: "llama", cost: { input: 0 } } ] },
  } },
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0", "local/llama", "nowhere/x"] },
      models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } },
      modelPolicy: { allow: ["amazon-bedrock/*", "amazon-bedrock/custom.model"] },
    },
    list: [ { id: "coder", model: "amazon-bedrock/zai.glm-4.7" } ],
  },
}
`;

const service = createLanguageService();
const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

/** "text before the hint ⟨label⟩" for each hint: where it sits and what it says. */
function shown(text: string, hints: InlayHint[]): string[] {
  const document = documentOf(text);
  return hints.map((hint) => {
    const offset = document.offsetAt(hint.position);
    return `${text.slice(Math.max(0, offset - 12), offset)} ⟨${hint.label}⟩`;
  });
}

describe('inlay hints', () => {
  it("after each reference (primary, fallbacks, map keys, policy, agents): the file's prices or the list price, and the context window", () => {
    const hints = service.getInlayHints(documentOf(CONFIG), WHOLE);
    assert.deepStrictEqual(shown(CONFIG, hints), [
      'imary: "GLM" ⟨$0.6/$2.2 · 131k⟩',
      '250929-v1:0" ⟨list $3/$15 · 200k⟩',
      'local/llama" ⟨$0/$0 · 200k⟩',
      '"nowhere/x"] ⟨10k in + 1k out: $0–$0.045 (list)⟩',
      'zai.glm-4.7" ⟨$0.6/$2.2 · 131k⟩',
      'ustom.model" ⟨200k⟩',
      'zai.glm-4.7" ⟨$0.6/$2.2 · 131k⟩',
    ]);
    assert.ok(hints.every((hint) => hint.paddingLeft === true));
    assert.strictEqual(
      hints[1]!.tooltip,
      'amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0: $3.00 input, $15.00 output per 1M tokens ' +
        '(AWS list price, us-east-1 on-demand (read 2026-02); the file sets no price); ' +
        "context window 200,000 tokens (OpenClaw's default)",
    );
    assert.match(
      hints[3]!.tooltip!,
      /^A request of 10k in \+ 1k out costs \$0 at local\/llama and \$0\.045 at amazon-bedrock\/anthropic\.claude-sonnet-4-5-20250929-v1:0 \(3 priced models of the chain\) \(some at list price\)$/,
    );
  });

  it('only within the requested range (a screenful)', () => {
    const document = documentOf(CONFIG);
    const line = CONFIG.split('\n').findIndex((text) => text.includes('modelPolicy'));
    const hints = service.getInlayHints(document, { start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    assert.deepStrictEqual(shown(CONFIG, hints), ['ustom.model" ⟨200k⟩']);
  });

  it('the chain of the reference configuration in strict JSON', () => {
    const sample = readSample();
    const hints = shown(sample, service.getInlayHints(documentOf(sample), WHOLE));
    assert.deepStrictEqual(hints.slice(0, 4), [
      '-coder-next" ⟨$0.5/$1.2 · 262k⟩',
      'epSeek V3.2" ⟨$0.62/$1.85 · 131k⟩',
      'zai.glm-4.7" ⟨$0.6/$2.2 · 131k⟩',
      'ai.glm-4.7"] ⟨10k in + 1k out: $0.0062–$0.0082⟩',
    ]);
  });

  it('in a broken document, after what parses (the alias map is cut off: "GLM" selects nothing; the unclosed list gets no total)', () => {
    const broken = CONFIG.slice(0, CONFIG.indexOf('"local/llama"'));
    const hints = shown(broken, service.getInlayHints(documentOf(broken), WHOLE));
    assert.deepStrictEqual(hints, ['250929-v1:0" ⟨list $3/$15 · 200k⟩']);
    assert.deepStrictEqual(service.getInlayHints(documentOf(''), WHOLE), []);
  });
});
