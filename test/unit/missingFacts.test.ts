import * as assert from 'assert';
import { createLanguageService, Severity } from '../../server/src/service/languageService';
import { applyEdits, commentsOf, documentOf, editsTo } from '../helpers';

/*
 * Money shown right: OpenClaw counts a model without cost as free in its reports, and gives one
 * without contextWindow or maxTokens its defaults. Where the catalog knows better, the entry says so,
 * and a fix fills the figures in.
 */

const TEXT = `{
  models: {
    providers: {
      'amazon-bedrock': {
        models: [
          // no figures at all
          { id: 'us.anthropic.claude-sonnet-4-6', name: 'Sonnet' },
          { id: 'deepseek.v3.2', name: 'DeepSeek', cost: { input: 0.62, output: 1.85 } },
          { id: 'acme.unlisted', name: 'Unlisted' },
        ],
      },
    },
  },
}
`;

describe('figures the catalog knows and the entry leaves out (cost, contextWindow, maxTokens)', () => {
  const service = createLanguageService();
  const document = documentOf(TEXT);
  const missing = () => service.getDiagnostics(document).filter((d) => d.code === 'missing-facts');

  it('says what OpenClaw will assume, as information, on each model the catalog knows better of', () => {
    const found = missing();
    assert.deepStrictEqual(
      found.map((d) => [d.range.start.line, d.severity]),
      [
        [6, Severity.Information],
        [7, Severity.Information],
      ],
      'not the model the catalog does not know',
    );
    assert.strictEqual(
      found[0]!.message,
      'amazon-bedrock/us.anthropic.claude-sonnet-4-6 has no cost, so OpenClaw counts it as free ($0) in its usage and cost reports; ' +
        'its list price is $3.00 in / $15.00 out per 1M tokens (AWS list price, us-east-1 on-demand (read 2026-02)).',
    );
    const small = createLanguageService().getDiagnostics(
      documentOf(
        `{ models: { providers: { 'amazon-bedrock': { models: [ { id: 'amazon.nova-micro-v1:0', name: 'Micro', cost: { input: 0.035, output: 0.14 } } ] } } } }`,
      ),
    );
    assert.match(
      found[1]!.message,
      /^amazon-bedrock\/deepseek\.v3\.2 has no contextWindow, so OpenClaw assumes 200,000 tokens; the model takes 131,072\.$/,
    );
    assert.match(
      small.find((d) => d.code === 'missing-facts')!.message,
      /has no contextWindow, so OpenClaw assumes 200,000 tokens; the model takes 128,000\.$/,
    );
  });

  it("fills them in, in the file's style, keeping its comments, with the figures' source in the title", () => {
    const diagnostics = missing();
    const actions = service.getCodeActions(document, { range: diagnostics[0]!.range, diagnostics });
    const fill = actions.find((action) => action.title.startsWith('Fill in'))!;
    assert.strictEqual(
      fill.title,
      'Fill in cost for amazon-bedrock/us.anthropic.claude-sonnet-4-6 (AWS list price, us-east-1 on-demand (read 2026-02))',
    );
    assert.deepStrictEqual(fill.diagnostics, [diagnostics[0]]);
    assert.ok(actions.some((action) => action.title === 'Fill in the missing figures of all 2 models (the Bedrock catalog)'));
    const after = applyEdits(TEXT, editsTo(fill.edit));
    assert.ok(
      after.includes(
        "{ id: 'us.anthropic.claude-sonnet-4-6', name: 'Sonnet', cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },",
      ),
      after,
    );
    assert.deepStrictEqual(commentsOf(after), commentsOf(TEXT));
    const left = (text: string) =>
      createLanguageService()
        .getDiagnostics(documentOf(text))
        .filter((d) => d.code === 'missing-facts')
        .map((d) => d.range.start.line);
    assert.deepStrictEqual(left(after), [7], 'the other model still lacks its context window');
    const all = actions.find((action) => action.title.startsWith('Fill in the missing figures of all'))!;
    const afterAll = applyEdits(TEXT, editsTo(all.edit));
    assert.ok(
      afterAll.includes("{ id: 'deepseek.v3.2', name: 'DeepSeek', cost: { input: 0.62, output: 1.85 }, contextWindow: 131072 },"),
      afterAll,
    );
    assert.deepStrictEqual(left(afterAll), []);
  });
});
