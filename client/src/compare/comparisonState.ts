import type { CompareModelsResult, CompareProgressParams, CompareRunFigures, ModelIdFix } from '../../../server/src/protocol';
import {
  comparisonMarkdown,
  comparisonRows,
  ComparisonRow,
  FigureKey,
  sortRows,
} from '../../../server/src/service/features/modelComparison';

/*
 * What the Compare Models panel shows, as plain data: the extension owns it, folds the server's
 * progress and answer into it, and posts it to the webview, which renders it and keeps it as its
 * webview state (so a reload restores the panel, and the extension its comparison). No vscode here:
 * the webview script and the unit tests import it too.
 */

export type SortKey = FigureKey | 'label';

export interface ColumnState {
  /** What the comparison sends (provider/id; a fix changes it). */
  reference: string;
  ref: string;
  label: string;
  priceSource?: 'file' | 'list';
  /** This round's answer, as it arrives. */
  text: string;
  reasoning: string;
  /** Every run of every round (Run again adds to them): the table shows their medians. */
  runs: CompareRunFigures[];
  /** The latest run: running, or how it ended. */
  state: 'waiting' | 'running' | CompareRunFigures['outcome'];
  problem?: string;
  fix?: ModelIdFix;
  /** Said after a fix was applied. */
  note?: string;
}

export interface ComparisonState {
  version: 1;
  uri: string;
  prompt: string;
  region?: string;
  columns: ColumnState[];
  running: boolean;
  /** Comparisons run in this panel (Run again adds one). */
  rounds: number;
  sort?: { key: SortKey; direction: 'ascending' | 'descending' };
  /** For screen readers (aria-live): what just happened. */
  status: string;
  /** Computed from the columns: the table's rows (in the sorted order) and the Markdown. */
  rows: ComparisonRow[];
  markdown: string;
}

/** Webview → extension. */
export type ViewMessage =
  | { type: 'ready' }
  | { type: 'sort'; key: SortKey; direction: 'ascending' | 'descending' }
  | { type: 'copyMarkdown' }
  | { type: 'saveAs' }
  | { type: 'runAgain' }
  | { type: 'cancel' }
  | { type: 'applyFix'; column: number }
  /** What the table shows after a render: header and cells as text, for whoever asks (tests, the command's answer). */
  | { type: 'rendered'; rounds: number; running: boolean; table: string[][] };

/** Extension → webview. */
export type HostMessage = { type: 'state'; state: ComparisonState };

export function newComparison(uri: string, prompt: string, columns: { reference: string; ref: string; label: string }[]): ComparisonState {
  return withTable({
    version: 1,
    uri,
    prompt,
    columns: columns.map((column) => ({ ...column, text: '', reasoning: '', runs: [], state: 'waiting' })),
    running: false,
    rounds: 0,
    status: '',
    rows: [],
    markdown: '',
  });
}

/** A new round begins: answers cleared, figures of earlier rounds kept. */
export function startRound(state: ComparisonState): ComparisonState {
  return withTable({
    ...state,
    running: true,
    rounds: state.rounds + 1,
    status: `Sending the prompt to ${state.columns.length} ${state.columns.length === 1 ? 'model' : 'models'}…`,
    columns: state.columns.map((column) => ({
      ...column,
      text: '',
      reasoning: '',
      state: 'waiting',
      problem: undefined,
      fix: undefined,
      note: undefined,
    })),
  });
}

/** A progress notification of this round. */
export function applyProgress(state: ComparisonState, progress: CompareProgressParams): ComparisonState {
  const columns = [...state.columns];
  const column = columns[progress.column];
  if (!column) return state;
  let status = state.status;
  switch (progress.kind) {
    case 'start':
      columns[progress.column] = { ...column, state: 'running', text: progress.run > 0 ? column.text : '' };
      status = `${column.label}: running.`;
      break;
    case 'text':
      columns[progress.column] = { ...column, text: column.text + progress.delta };
      // The answer itself is not announced: a screen reader would read every piece.
      return { ...state, columns };
    case 'reasoning':
      columns[progress.column] = { ...column, reasoning: column.reasoning + progress.delta };
      return { ...state, columns };
    case 'end': {
      const { result, figures } = progress;
      columns[progress.column] = {
        ...column,
        ref: result.ref || column.ref,
        state: result.outcome,
        runs: [...column.runs, figures],
        problem: result.problem?.message,
        fix: result.fix,
      };
      status = `${column.label}: ${result.outcome}${result.problem ? `. ${result.problem.message}` : ''}.`;
      break;
    }
  }
  return withTable({ ...state, columns, status });
}

/**
 * The server's answer: it has every run's figures and the final texts. Runs the notifications
 * already added for this round are replaced by the answer's, so none counts twice.
 */
export function finishRound(
  state: ComparisonState,
  runsBefore: readonly number[],
  result: CompareModelsResult | undefined,
  problem?: string,
): ComparisonState {
  const columns = state.columns.map((column, index): ColumnState => {
    const model = result?.models[index];
    const earlier = column.runs.slice(0, runsBefore[index] ?? 0);
    if (!model) return { ...column, state: column.state === 'running' || column.state === 'waiting' ? 'cancelled' : column.state };
    return {
      ...column,
      ref: model.ref,
      label: model.label,
      priceSource: model.priceSource,
      text: model.text,
      reasoning: model.reasoning,
      runs: [...earlier, ...model.runs],
      state: model.outcome,
      problem: model.problem?.message,
      fix: model.fix,
    };
  });
  const complete = columns.filter((column) => column.state === 'complete').length;
  const status =
    problem ??
    `Done: ${complete} of ${columns.length} complete.${state.rounds > 1 ? ` Figures are medians over ${state.rounds} runs.` : ''}`;
  return withTable({
    ...state,
    columns,
    running: false,
    region: result?.region ?? state.region,
    prompt: result?.prompt ?? state.prompt,
    status,
  });
}

/** After a column's fix was applied: it now sends the new id; its earlier figures were another model's. */
export function fixApplied(state: ComparisonState, column: number, reference: string): ComparisonState {
  const columns = state.columns.map((entry, index): ColumnState =>
    index === column
      ? {
          ...entry,
          reference,
          ref: reference,
          runs: [],
          state: 'waiting',
          problem: undefined,
          fix: undefined,
          note: `Now using ${reference}: Run again to compare it.`,
        }
      : entry,
  );
  return withTable({ ...state, columns, status: `${state.columns[column]?.label ?? reference} now uses ${reference}.` });
}

export function sorted(state: ComparisonState, key: SortKey, direction: 'ascending' | 'descending'): ComparisonState {
  return withTable({ ...state, sort: { key, direction } });
}

/** The rows (sorted as the user chose) and the Markdown, from the columns. */
function withTable(state: ComparisonState): ComparisonState {
  const rows = comparisonRows(
    state.columns.map((column) => ({
      ref: column.ref,
      label: column.label,
      priceSource: column.priceSource,
      runs: column.runs,
      problem: column.problem,
    })),
  );
  const ordered = sortRows(rows, state.sort?.key, state.sort?.direction ?? 'ascending');
  return { ...state, rows: ordered, markdown: comparisonMarkdown(state.prompt, ordered, { region: state.region }) };
}
