import * as assert from 'assert';
import { createLanguageService } from '../../server/src/service/languageService';
import { documentOf, readSample, withCursor } from '../helpers';

function hoverAt(marked: string): string | undefined {
  const { document, offset } = withCursor(marked);
  return createLanguageService().getHover(document, document.positionAt(offset))?.contents;
}

function hoverInSample(needle: string): string | undefined {
  const text = readSample();
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the sample`);
  const document = documentOf(text);
  return createLanguageService().getHover(document, document.positionAt(offset + 1))?.contents;
}

const QWEN_CARD = [
  '**Qwen3 Coder Next** · `amazon-bedrock/qwen.qwen3-coder-next`  \nAlias: **Qwen3 Coder** · provider `amazon-bedrock`',
  '| per 1M tokens | Input | Output | Cache read | Cache write |\n|:--|--:|--:|--:|--:|\n| USD | $0.50 | $1.20 | $0 | $0 |',
  '10k in + 1k out: **$0.0062**',
  'Context **262,144** · max output **8,192** · reasoning **yes** · input **text**',
  'Bedrock (built-in catalog, us-east-1): **Qwen** · active · on demand',
].join('\n\n');

describe('hover', () => {
  it('on a model id: name, alias, prices per 1M tokens, an example request, context and flags', () => {
    assert.strictEqual(hoverInSample('"qwen.qwen3-coder-next"'), QWEN_CARD);
  });

  it('on a reference to that model and on its alias value: the same card', () => {
    assert.strictEqual(hoverInSample('"amazon-bedrock/qwen.qwen3-coder-next",'), QWEN_CARD);
    assert.strictEqual(hoverInSample('"amazon-bedrock/qwen.qwen3-coder-next": {'), QWEN_CARD);
    assert.strictEqual(hoverInSample('"Qwen3 Coder"}'), QWEN_CARD);
  });

  it('on a fallback given by alias: the card of the model the alias selects', () => {
    const card = hoverInSample('"DeepSeek V3.2", "amazon');
    assert.match(card!, /^\*\*DeepSeek V3\\\.2\*\* · `amazon-bedrock\/deepseek\.v3\.2`/);
    assert.match(card!, /\| USD \| \$0\.62 \| \$1\.85 \|/);
    assert.match(card!, /10k in \+ 1k out: \*\*\$0\.008\*\*/);
  });

  it("shows OpenClaw's defaults for missing fields, marked as defaults", () => {
    const card = hoverAt(`{ models: { providers: { "amazon-bedrock": { models: [ { id: "x.|small", contextWindow: 4096 } ] } } } }`);
    assert.strictEqual(
      card,
      [
        '`amazon-bedrock/x.small`  \nNo alias · provider `amazon-bedrock`',
        '| per 1M tokens | Input | Output |\n|:--|--:|--:|\n| USD | $0 *(default)* | $0 *(default)* |',
        '10k in + 1k out: **$0**',
        'Context **4,096** · max output **4,096** *(default)* · reasoning **no** *(default)* · input **text** *(default)*',
        'Bedrock (built-in catalog, us-east-1): not listed',
      ].join('\n\n'),
    );
  });

  it("takes the default output cap from the provider's maxTokens and the default context window", () => {
    const card = hoverAt(
      `{ models: { providers: { p: { maxTokens: 16000, models: [ { id: "|m", name: "M", input: ["text", "image"], cost: { input: 3, output: 15, cacheWrite: 3.75 } } ] } } } }`,
    );
    assert.match(card!, /\| per 1M tokens \| Input \| Output \| Cache write \|/);
    assert.match(card!, /\| USD \| \$3\.00 \| \$15\.00 \| \$3\.75 \|/);
    assert.match(card!, /10k in \+ 1k out: \*\*\$0\.045\*\*/);
    assert.match(
      card!,
      /Context \*\*200,000\*\* \*\(default\)\* · max output \*\*16,000\*\* \*\(default\)\* · reasoning \*\*no\*\* \*\(default\)\* · input \*\*text, image\*\*$/,
    );
  });

  it("where the file sets no price: the list price beside OpenClaw's $0, and what the catalog knows", () => {
    const card = hoverAt(
      `{ models: { providers: { "amazon-bedrock": { models: [ { id: "anthropic.claude-opus-|4-6-v1", name: "Opus" } ] } } } }`,
    );
    assert.strictEqual(
      card!.split('\n\n').slice(1).join('\n\n'),
      [
        '| per 1M tokens | Input | Output | Cache read | Cache write |\n|:--|--:|--:|--:|--:|\n| USD | $0 *(default)* | $0 *(default)* | — | — |\n| list price¹ | $5.00 | $25.00 | $0.50 | $6.25 |',
        '10k in + 1k out: **$0** · at list price **$0.075**',
        '¹ AWS list price, us\\-east\\-1 on\\-demand \\(read 2026\\-02\\)',
        'Context **200,000** *(default)* · max output **8,192** *(default)* · reasoning **no** *(default)* · input **text** *(default)*',
        'Bedrock (built-in catalog, us-east-1): **Anthropic** · active · **inference profile only**  \nProfiles: `us.anthropic.claude-opus-4-6-v1`, `global.anthropic.claude-opus-4-6-v1`',
      ].join('\n\n'),
    );
  });

  it('names the region from the provider baseUrl, and describes an inference profile id', () => {
    const card = hoverAt(
      `{ models: { providers: { "amazon-bedrock": { baseUrl: "https://bedrock-runtime.eu-west-3.amazonaws.com", models: [ { id: "eu.anthropic.claude-sonnet-|4-6", name: "S", cost: { input: 3, output: 15 } } ] } } } }`,
    );
    assert.match(
      card!,
      /Bedrock \(built-in catalog, eu-west-3\): \*\*Anthropic\*\* · active · inference profile for `anthropic\.claude-sonnet-4-6`$/,
    );
    assert.ok(!card!.includes('list price'), 'the file sets prices');
  });

  it('on an unknown reference: says so and why', () => {
    const card = hoverAt(
      `{ models: { providers: { "amazon-bedrock": { models: [ { id: "a", name: "A" } ] } } }, agents: { defaults: { model: "amazon-bedrock/|b" } } }`,
    );
    assert.strictEqual(
      card,
      '**Unknown model** `amazon-bedrock/b`\n\n\'amazon\\-bedrock\' lists its models explicitly, which replaces the list Bedrock discovery would bring: OpenClaw fails with "Unknown model".',
    );
  });

  it('on a wildcard and on a model of an unconfigured provider', () => {
    const text = `{ models: { providers: { "amazon-bedrock": { models: [ { id: "a", name: "A" } ] } } }, agents: { defaults: { modelPolicy: { allow: ["amazon-bedrock/*", "openai/gpt-5"] } } } }`;
    assert.strictEqual(
      hoverAt(text.replace('"amazon-bedrock/*"', '"amazon-bedrock/|*"')),
      '**Every model of `amazon-bedrock`** (1 configured in this file)',
    );
    assert.strictEqual(
      hoverAt(text.replace('"openai/gpt-5"', '"openai/|gpt-5"')),
      "`openai/gpt-5` is not defined in this file: provider 'openai' is not configured in this file.",
    );
  });

  it('nothing on other strings, numbers, or outside the tree; a key the schema has no prose for: its type', () => {
    assert.strictEqual(hoverInSample('"bedrock-converse-stream"'), undefined);
    assert.strictEqual(
      hoverInSample('"contextWindow"'),
      "`contextWindow`\n\nType: number > 0\n\n*From the extension's own schema (models, agents and the Bedrock plugin)*",
    );
    assert.strictEqual(hoverAt('{ a: 1 }|  '), undefined);
    assert.strictEqual(hoverAt('|'), undefined);
  });

  it('works in a broken document', () => {
    const card = hoverAt(
      `{ models: { providers: { "amazon-bedrock": { models: [ { id: "|q", name: "Q", cost: { input: 1, output: 2 } }, { id: `,
    );
    assert.match(card!, /^\*\*Q\*\* · `amazon-bedrock\/q`/);
  });
});
