import { formatCount, formatUsd } from '../config/modelFacts';

/*
 * Compare Models, the pure part: one run's figures from its measurements, medians over runs, the rows
 * of the comparison table (numbers to sort by, text to show) and the same table as Markdown. The
 * server, the VS Code panel and the hover share it; it does no I/O and imports nothing heavy (the
 * extension client bundles it).
 */

export type RunOutcome = 'complete' | 'broken' | 'cancelled' | 'failed';

/** What one run of a comparison measured; undefined where the run did not get that far. */
export interface RunFigures {
  outcome: RunOutcome;
  timeToFirstTokenMs?: number;
  totalMs?: number;
  inputTokens?: number;
  outputTokens?: number;
  tokensPerSecond?: number;
  /** USD at the model's prices (the file's, else the list price: see ComparedColumn.priceSource). */
  cost?: number;
}

/** The part of a test's measurements a comparison reads (TestMeasurements in modelTests.ts has them all). */
export interface MeasuredRun {
  outcome: RunOutcome;
  timeToFirstTokenMs?: number;
  totalMs: number;
  inputTokens?: number;
  outputTokens?: number;
}

/** Output tokens over the time after the first token; cost from prices per 1M tokens. */
export function runFigures(measured: MeasuredRun, prices: { input: number; output: number } | undefined): RunFigures {
  const { outcome, timeToFirstTokenMs, totalMs, inputTokens, outputTokens } = measured;
  const generationMs = timeToFirstTokenMs === undefined ? undefined : totalMs - timeToFirstTokenMs;
  return {
    outcome,
    timeToFirstTokenMs,
    totalMs,
    inputTokens,
    outputTokens,
    tokensPerSecond:
      outputTokens !== undefined && generationMs !== undefined && generationMs > 0 ? (outputTokens * 1000) / generationMs : undefined,
    cost:
      prices && inputTokens !== undefined && outputTokens !== undefined
        ? (inputTokens * prices.input + outputTokens * prices.output) / 1_000_000
        : undefined,
  };
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The median (the mean of the middle two for an even count); undefined for none. */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type FigureKey = 'timeToFirstTokenMs' | 'totalMs' | 'inputTokens' | 'outputTokens' | 'tokensPerSecond' | 'cost';

/** The figures of the table, in column order. */
export const FIGURES: readonly { key: FigureKey; label: string; better: 'lower' | 'higher' }[] = [
  { key: 'timeToFirstTokenMs', label: 'First token', better: 'lower' },
  { key: 'totalMs', label: 'Total time', better: 'lower' },
  { key: 'inputTokens', label: 'Input tokens', better: 'lower' },
  { key: 'outputTokens', label: 'Output tokens', better: 'lower' },
  { key: 'tokensPerSecond', label: 'Tokens/s', better: 'higher' },
  { key: 'cost', label: 'Cost', better: 'lower' },
];

/** A model of a comparison and its runs so far. */
export interface ComparedColumn {
  /** provider/id */
  ref: string;
  /** What the user knows it by: its alias, else its name, else the ref. */
  label: string;
  /** Where its prices come from; undefined: it has none (no cost). */
  priceSource?: 'file' | 'list';
  runs: RunFigures[];
  /** Why the last run failed, when it did. */
  problem?: string;
}

/** A line of the table: one model, its figures as medians over its complete runs. */
export interface ComparisonRow {
  ref: string;
  label: string;
  /** "complete", "failed", or "2 of 3 complete" when the runs differ. */
  status: string;
  /** Runs with figures (complete ones), of all runs. */
  complete: number;
  runs: number;
  /** The medians, for sorting. */
  values: Partial<Record<FigureKey, number>>;
  /** The same, as shown ("820 ms", "$0.0019 (list)"); "—" where there is none. */
  cells: Record<FigureKey, string>;
  problem?: string;
}

export function comparisonRows(columns: readonly ComparedColumn[]): ComparisonRow[] {
  return columns.map((column) => {
    const complete = column.runs.filter((run) => run.outcome === 'complete');
    // A model with no complete run shows what its last run got, for a failure at least its time.
    const measured = complete.length > 0 ? complete : column.runs.slice(-1);
    const values: Partial<Record<FigureKey, number>> = {};
    for (const { key } of FIGURES) {
      const value = median(measured.flatMap((run) => (run[key] === undefined ? [] : [run[key]!])));
      if (value !== undefined) values[key] = value;
    }
    const cells = Object.fromEntries(FIGURES.map(({ key }) => [key, formatFigure(key, values[key], column.priceSource)])) as Record<
      FigureKey,
      string
    >;
    return {
      ref: column.ref,
      label: column.label,
      status: statusOf(column.runs),
      complete: complete.length,
      runs: column.runs.length,
      values,
      cells,
      ...(column.problem ? { problem: column.problem } : {}),
    };
  });
}

function statusOf(runs: readonly RunFigures[]): string {
  if (runs.length === 0) return 'waiting';
  const outcomes = new Set(runs.map((run) => run.outcome));
  if (outcomes.size === 1) return runs[0]!.outcome;
  return `${runs.filter((run) => run.outcome === 'complete').length} of ${runs.length} complete`;
}

export function formatFigure(key: FigureKey, value: number | undefined, priceSource?: 'file' | 'list'): string {
  if (value === undefined) return '—';
  switch (key) {
    case 'timeToFirstTokenMs':
    case 'totalMs':
      return formatDuration(value);
    case 'inputTokens':
    case 'outputTokens':
      return formatCount(Math.round(value));
    case 'tokensPerSecond':
      return value.toFixed(0);
    case 'cost':
      return `${formatUsd(value)}${priceSource === 'list' ? ' (list)' : ''}`;
  }
}

/** Rows in the order of one figure (rows without it last, in their order), or as given. */
export function sortRows(
  rows: readonly ComparisonRow[],
  key: FigureKey | 'label' | undefined,
  direction: 'ascending' | 'descending',
): ComparisonRow[] {
  if (!key) return [...rows];
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      if (key === 'label') return sign * a.row.label.localeCompare(b.row.label) || a.index - b.index;
      const x = a.row.values[key];
      const y = b.row.values[key];
      if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || a.index - b.index;
      return sign * (x - y) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/**
 * The table as Markdown, one row per model: what a user pastes into an issue or a chat. Figures are
 * medians over the complete runs; the prompt goes above it, quoted.
 */
export function comparisonMarkdown(prompt: string, rows: readonly ComparisonRow[], options: { region?: string } = {}): string {
  const runs = Math.max(0, ...rows.map((row) => row.runs));
  const header = ['Model', ...FIGURES.map((figure) => figure.label), 'Outcome'];
  const lines = [
    `**Prompt:** ${markdownCell(prompt)}`,
    '',
    `| ${header.join(' | ')} |`,
    `|:--|${FIGURES.map(() => '--:').join('|')}|:--|`,
    ...rows.map((row) => {
      const outcome = row.problem ? `${row.status}: ${row.problem}` : row.status;
      return `| ${[`${markdownCell(row.label)} (\`${row.ref.replace(/`/g, "'")}\`)`, ...FIGURES.map(({ key }) => row.cells[key]), markdownCell(outcome)].join(' | ')} |`;
    }),
    '',
  ];
  const notes = [runs > 1 ? `Medians over ${runs} runs.` : undefined, options.region ? `Amazon Bedrock, ${options.region}.` : undefined];
  if (rows.some((row) => row.cells.cost.endsWith('(list)')))
    notes.push('(list): at the list price; the file sets no price for that model.');
  const footer = notes.filter(Boolean).join(' ');
  return [...lines, ...(footer ? [footer, ''] : [])].join('\n');
}

/** Text for a table cell: one line, no pipe to end the cell early. */
function markdownCell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').trim();
}
