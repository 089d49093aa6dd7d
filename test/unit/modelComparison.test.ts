import * as assert from 'assert';
import { createLanguageService, StoredTestResult } from '../../server/src/service/languageService';
import {
  ComparedColumn,
  comparisonMarkdown,
  comparisonRows,
  median,
  runFigures,
  sortRows,
} from '../../server/src/service/features/modelComparison';
import { documentOf } from '../helpers';
import type { CompareModelsResult } from '../../server/src/protocol';
import {
  applyProgress,
  ComparisonState,
  finishRound,
  fixApplied,
  newComparison,
  sorted,
  startRound,
} from '../../client/src/compare/comparisonState';

/*
 * Compare Models, the pure part: figures of a run, medians over complete runs, the rows sorted by any
 * figure, the Markdown table; and the agent's chain (hover, and what the comparison pre-selects).
 */

describe('model comparison: medians, rows, sorting, Markdown', () => {
  it('median: the middle value, the mean of the middle two, none for none', () => {
    assert.deepStrictEqual([median([3, 1, 2]), median([4, 1, 3, 2]), median([]), median([7])], [2, 2.5, undefined, 7]);
  });

  it('a run: tokens per second after the first token, cost at prices per 1M', () => {
    const figures = runFigures(
      { outcome: 'complete', timeToFirstTokenMs: 200, totalMs: 1200, inputTokens: 20, outputTokens: 100 },
      { input: 3, output: 15 },
    );
    assert.deepStrictEqual(figures, {
      outcome: 'complete',
      timeToFirstTokenMs: 200,
      totalMs: 1200,
      inputTokens: 20,
      outputTokens: 100,
      tokensPerSecond: 100,
      cost: 0.00156,
    });
  });

  const columns: ComparedColumn[] = [
    {
      ref: 'amazon-bedrock/a',
      label: 'Alpha',
      priceSource: 'file',
      runs: [
        {
          outcome: 'complete',
          timeToFirstTokenMs: 300,
          totalMs: 2000,
          inputTokens: 10,
          outputTokens: 100,
          tokensPerSecond: 50,
          cost: 0.002,
        },
        { outcome: 'broken', timeToFirstTokenMs: 9000, totalMs: 9999 },
        {
          outcome: 'complete',
          timeToFirstTokenMs: 500,
          totalMs: 3000,
          inputTokens: 10,
          outputTokens: 120,
          tokensPerSecond: 40,
          cost: 0.003,
        },
      ],
    },
    {
      ref: 'amazon-bedrock/b',
      label: 'Beta | fast',
      priceSource: 'list',
      runs: [
        {
          outcome: 'complete',
          timeToFirstTokenMs: 100,
          totalMs: 800,
          inputTokens: 10,
          outputTokens: 90,
          tokensPerSecond: 128.6,
          cost: 0.0001,
        },
      ],
    },
    { ref: 'amazon-bedrock/c', label: 'Gamma', runs: [{ outcome: 'failed', totalMs: 120 }], problem: 'needs an inference profile' },
  ];

  it('rows: medians over the complete runs only, the status says how many of the runs completed', () => {
    const [alpha, beta, gamma] = comparisonRows(columns);
    assert.deepStrictEqual(alpha!.values, {
      timeToFirstTokenMs: 400,
      totalMs: 2500,
      inputTokens: 10,
      outputTokens: 110,
      tokensPerSecond: 45,
      cost: 0.0025,
    });
    assert.deepStrictEqual([alpha!.status, alpha!.complete, alpha!.runs], ['2 of 3 complete', 2, 3]);
    assert.deepStrictEqual(alpha!.cells, {
      timeToFirstTokenMs: '400 ms',
      totalMs: '2.5 s',
      inputTokens: '10',
      outputTokens: '110',
      tokensPerSecond: '45',
      cost: '$0.0025',
    });
    assert.strictEqual(beta!.cells.cost, '$0.0001 (list)', 'a list price is marked');
    assert.deepStrictEqual(
      [gamma!.status, gamma!.cells.totalMs, gamma!.cells.cost, gamma!.problem],
      ['failed', '120 ms', '—', 'needs an inference profile'],
    );
  });

  it('sorting by a figure: both directions, rows without the figure last, ties in their order', () => {
    const rows = comparisonRows(columns);
    assert.deepStrictEqual(
      sortRows(rows, 'cost', 'ascending').map((row) => row.label),
      ['Beta | fast', 'Alpha', 'Gamma'],
    );
    assert.deepStrictEqual(
      sortRows(rows, 'cost', 'descending').map((row) => row.label),
      ['Alpha', 'Beta | fast', 'Gamma'],
    );
    assert.deepStrictEqual(
      sortRows(rows, 'totalMs', 'ascending').map((row) => row.label),
      ['Gamma', 'Beta | fast', 'Alpha'],
    );
    assert.deepStrictEqual(
      sortRows(rows, 'label', 'descending').map((row) => row.label),
      ['Gamma', 'Beta | fast', 'Alpha'],
    );
    assert.deepStrictEqual(
      sortRows(rows, undefined, 'ascending').map((row) => row.label),
      ['Alpha', 'Beta | fast', 'Gamma'],
    );
  });

  it('Markdown: the prompt, one row per model, pipes escaped, medians and list prices explained', () => {
    const markdown = comparisonMarkdown('Which | model?\nSay it.', comparisonRows(columns), { region: 'us-east-1' });
    assert.strictEqual(
      markdown,
      [
        '**Prompt:** Which \\| model? Say it.',
        '',
        '| Model | First token | Total time | Input tokens | Output tokens | Tokens/s | Cost | Outcome |',
        '|:--|--:|--:|--:|--:|--:|--:|:--|',
        '| Alpha (`amazon-bedrock/a`) | 400 ms | 2.5 s | 10 | 110 | 45 | $0.0025 | 2 of 3 complete |',
        '| Beta \\| fast (`amazon-bedrock/b`) | 100 ms | 800 ms | 10 | 90 | 129 | $0.0001 (list) | complete |',
        '| Gamma (`amazon-bedrock/c`) | — | 120 ms | — | — | — | — | failed: needs an inference profile |',
        '',
        'Medians over 3 runs. Amazon Bedrock, us-east-1. (list): at the list price; the file sets no price for that model.',
        '',
      ].join('\n'),
    );
  });
});

describe("an agent's model chain: hover and the default agent's chain", () => {
  const CONFIG = `{
  models: { providers: { "amazon-bedrock": { models: [
    { id: "zai.glm-4.7", name: "GLM 4.7", cost: { input: 0.6, output: 2.2 }, contextWindow: 131072 },
    { id: "deepseek.v3.2" },
    { id: "qwen.qwen3-coder-next", cost: { input: 0.5, output: 1.2 } },
  ] } } },
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/deepseek.v3.2", "nowhere/x"] },
      models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } },
    },
    list: [
      { id: "coder", model: "amazon-bedrock/qwen.qwen3-coder-next" },
      { id: "writer", model: { fallbacks: ["amazon-bedrock/qwen.qwen3-coder-next"] } },
    ],
  },
}
`;
  const results = new Map<string, StoredTestResult>();
  const service = createLanguageService({ testResults: { last: (ref) => results.get(ref) } });
  const hoverAt = (text: string, needle: string) => {
    const document = documentOf(text);
    return service.getHover(document, document.positionAt(text.indexOf(needle) + 1))?.contents ?? '';
  };

  it('on agents.defaults.model: the chain in order, prices (list marked), context, last test, then the key', () => {
    results.set('amazon-bedrock/zai.glm-4.7', {
      measurements: {
        at: new Date(2026, 5, 1, 9, 41).getTime(),
        outcome: 'complete',
        timeToFirstTokenMs: 300,
        totalMs: 1300,
        inputTokens: 20,
        outputTokens: 100,
      },
      prices: { input: 0.6, output: 2.2, source: 'file' },
    });
    const hover = hoverAt(CONFIG, 'model: { primary');
    const [chain] = hover.split('\n\n---\n\n');
    assert.strictEqual(
      chain,
      [
        '**Model chain** of agents.defaults, in the order OpenClaw tries it',
        '',
        '| | Model | In / out per 1M | Context | Last test or comparison |',
        '|--:|:--|--:|--:|:--|',
        '| 1 | **GLM** `amazon-bedrock/zai.glm-4.7` | $0.60 / $2.20 | 131,072 | first token 300 ms, 1.3 s total, 100 tok/s, $0.00023 (09:41) |',
        '| 2 | `amazon-bedrock/deepseek.v3.2` | $0.62 / $1.85 (list) | 200,000 | none yet |',
        '| 3 | `nowhere/x` | — | — | not a configured model |',
      ].join('\n'),
    );
    assert.ok(hover.includes('\n\n---\n\n'), 'what the schema says of the key follows');
  });

  it("an agent's own model: a string has no fallbacks; an object without a primary takes the defaults' primary", () => {
    const coder = hoverAt(CONFIG, 'model: "amazon-bedrock/qwen');
    assert.match(coder, /^\*\*Model chain\*\* of agent coder, in the order OpenClaw tries it\n/);
    assert.match(
      coder,
      /\| 1 \| `amazon-bedrock\/qwen\.qwen3-coder-next` \| \$0\.50 \/ \$1\.20 \| 200,000 \| none yet \|\n\nNo fallbacks:/,
    );
    const writer = hoverAt(CONFIG, 'model: { fallbacks');
    assert.match(
      writer,
      /\| 1 \| \*\*GLM\*\* `amazon-bedrock\/zai\.glm-4\.7`¹ \|.*\n\| 2 \| `amazon-bedrock\/qwen\.qwen3-coder-next` \|.*\n\n¹ from agents\.defaults\.model/,
    );
    const fallbacksKey = hoverAt(CONFIG, 'fallbacks: ["amazon-bedrock/deepseek');
    assert.match(fallbacksKey, /^\*\*Model chain\*\* of agents\.defaults/, 'the keys inside model show the chain too');
    const unconfigured = hoverAt('{ agents: { defaults: { model: "nowhere/x" } } }', 'model:');
    assert.match(unconfigured, /^`model`\n\n/, 'no chain card when no model of the chain is configured: the key card alone');
  });

  it("the default agent's chain: configured models only, each once; the agent marked default, else the only agent, else agents.defaults", () => {
    assert.deepStrictEqual(service.getDefaultChain(documentOf(CONFIG)), ['amazon-bedrock/zai.glm-4.7', 'amazon-bedrock/deepseek.v3.2']);
    const marked = CONFIG.replace('{ id: "coder",', '{ id: "coder", default: true,');
    assert.deepStrictEqual(service.getDefaultChain(documentOf(marked)), ['amazon-bedrock/qwen.qwen3-coder-next']);
    const sole = CONFIG.replace(/\{ id: "writer".*\n/, '');
    assert.deepStrictEqual(service.getDefaultChain(documentOf(sole)), ['amazon-bedrock/qwen.qwen3-coder-next']);
  });
});

describe('the Compare Models panel state: progress folded in, rounds, sorting, a fix applied', () => {
  const figures = (totalMs: number, cost: number) => ({
    outcome: 'complete' as const,
    timeToFirstTokenMs: 100,
    totalMs,
    inputTokens: 10,
    outputTokens: 50,
    tokensPerSecond: 10,
    cost,
  });
  const answer = (column: number, totalMs: number, cost: number): CompareModelsResult['models'][number] => ({
    ref: ['amazon-bedrock/a', 'amazon-bedrock/b'][column]!,
    label: ['A', 'B'][column]!,
    modelId: '',
    region: 'us-east-1',
    prompt: 'Hi',
    outcome: 'complete',
    text: `answer ${column}`,
    reasoning: '',
    report: '',
    facts: [],
    runs: [figures(totalMs, cost)],
    priceSource: 'file',
  });
  const round = (state: ComparisonState, times: [number, number]) => {
    const before = state.columns.map((column) => column.runs.length);
    let next = startRound(state);
    next = applyProgress(next, { compareId: 'x', kind: 'start', column: 0, ref: 'amazon-bedrock/a', run: 0 });
    next = applyProgress(next, { compareId: 'x', kind: 'text', column: 0, run: 0, delta: 'ans' });
    assert.deepStrictEqual([next.columns[0]!.state, next.columns[0]!.text], ['running', 'ans']);
    const ended = answer(0, times[0], 0.001);
    const { text: _text, reasoning: _reasoning, ...result } = ended;
    next = applyProgress(next, { compareId: 'x', kind: 'end', column: 0, run: 0, result, figures: ended.runs[0]! });
    assert.strictEqual(next.status, 'A: complete.');
    const models = [answer(0, times[0], 0.001), answer(1, times[1], 0.0005)];
    return finishRound(next, before, { compareId: 'x', prompt: 'Hi', region: 'us-east-1', concurrency: 4, models, markdown: '' });
  };

  it('a round: the answer replaces the runs the notifications added, so none counts twice; Run again gives medians', () => {
    const first = round(
      newComparison('file:///c/openclaw.json', 'Hi', [
        { reference: 'A', ref: 'amazon-bedrock/a', label: 'A' },
        { reference: 'B', ref: 'amazon-bedrock/b', label: 'B' },
      ]),
      [1000, 3000],
    );
    assert.deepStrictEqual(
      first.columns.map((column) => [column.runs.length, column.text, column.state]),
      [
        [1, 'answer 0', 'complete'],
        [1, 'answer 1', 'complete'],
      ],
    );
    assert.strictEqual(first.status, 'Done: 2 of 2 complete.');
    const second = round(first, [2000, 5000]);
    assert.deepStrictEqual(
      second.rows.map((row) => [row.label, row.cells.totalMs, row.runs]),
      [
        ['A', '1.5 s', 2],
        ['B', '4.0 s', 2],
      ],
    );
    assert.strictEqual(second.status, 'Done: 2 of 2 complete. Figures are medians over 2 runs.');
    assert.ok(second.markdown.includes('Medians over 2 runs.'), second.markdown);
    const byCost = sorted(second, 'cost', 'ascending');
    assert.deepStrictEqual(
      byCost.rows.map((row) => row.label),
      ['B', 'A'],
    );
    assert.match(byCost.markdown.split('\n')[4]!, /^\| B /, 'the Markdown follows the sort');
  });

  it("a fix applied: the column sends the new id, its figures (another model's) are dropped", () => {
    const state = round(
      newComparison('file:///c/openclaw.json', 'Hi', [
        { reference: 'A', ref: 'amazon-bedrock/a', label: 'A' },
        { reference: 'B', ref: 'amazon-bedrock/b', label: 'B' },
      ]),
      [1000, 3000],
    );
    const fixed = fixApplied(state, 1, 'amazon-bedrock/us.b');
    assert.deepStrictEqual(
      [fixed.columns[1]!.reference, fixed.columns[1]!.runs, fixed.columns[1]!.note],
      ['amazon-bedrock/us.b', [], 'Now using amazon-bedrock/us.b: Run again to compare it.'],
    );
    assert.strictEqual(fixed.rows[1]!.status, 'waiting');
  });
});
