import { CancellationToken } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { endedBeforeSending, MeasuredTest, ModelTesting } from './modelTesting';
import {
  CompareModelsParams,
  CompareModelsResult,
  ComparedModelResult,
  CompareProgressParams,
  CompareRunFigures,
  ServerSettings,
} from './protocol';
import { comparisonMarkdown, comparisonRows, LanguageService, runFigures } from './service/languageService';

/*
 * Compare Models behind the LSP: one prompt to several configured models, every run a test prompt of
 * ModelTesting (the same request, timing, errors explained and fixes), at most `concurrency` at once.
 * Runs go out round by round (every model's first run, then every model's second), so a slow model
 * does not keep the others waiting for their first answer. Cancelling stops every stream, and runs
 * not started yet end cancelled without a request.
 */

export const DEFAULT_COMPARE_CONCURRENCY = 4;
/** More at once than this is refused by Bedrock's default quotas long before it helps. */
const MAX_COMPARE_CONCURRENCY = 16;

export interface ModelComparisonHost {
  service: LanguageService;
  testing: ModelTesting;
  settings(): ServerSettings;
  progress(params: CompareProgressParams): void;
  log(line: string): void;
}

/** Reports progress the LSP way ($/progress), when the client asked for it. */
export interface WorkProgress {
  begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
  report(percentage: number, message: string): void;
  done(): void;
}

/** openclaw.compare.concurrency when it is a count of at least 1, else 4. */
export function compareConcurrency(settings: ServerSettings): number {
  const setting = settings.compare?.concurrency;
  return typeof setting === 'number' && Number.isFinite(setting) && setting >= 1
    ? Math.min(Math.floor(setting), MAX_COMPARE_CONCURRENCY)
    : DEFAULT_COMPARE_CONCURRENCY;
}

export class ModelComparison {
  private count = 0;

  constructor(private readonly host: ModelComparisonHost) {}

  /** `params` are checked (commandArguments.ts): references, runs within bounds. */
  async run(
    document: TextDocument,
    params: CompareModelsParams,
    token: CancellationToken,
    work?: WorkProgress,
  ): Promise<CompareModelsResult> {
    const { service, testing } = this.host;
    const compareId = params.compareId ?? `compare-${++this.count}`;
    const references = [...new Set(params.references)];
    const runs = params.runs ?? 1;
    const concurrency = compareConcurrency(this.host.settings());
    const targets = references.map((reference) => service.getTestTarget(document, reference));
    const measured: MeasuredTest[][] = references.map(() => []);
    const tasks = Array.from({ length: runs }, (_, run) => references.map((reference, column) => ({ reference, column, run }))).flat();
    let done = 0;
    work?.begin(`Comparing ${references.length} models`, 0, `at most ${concurrency} at a time`, true);
    this.host.log(`Comparing ${references.join(', ')} (${runs} ${runs === 1 ? 'run' : 'runs'}, ${concurrency} at a time).`);

    const runTask = async ({ reference, column, run }: (typeof tasks)[number]) => {
      const send = (params: CompareProgressParams) => this.host.progress(params);
      let test: MeasuredTest;
      if (token.isCancellationRequested) {
        test = { result: endedBeforeSending(targets[column]?.ref ?? reference, targets[column]?.modelId ?? '', params.prompt ?? '') };
      } else {
        send({ compareId, kind: 'start', column, ref: targets[column]?.ref ?? reference, run });
        const runId = `${compareId}/${column}/${run}`;
        try {
          test = await testing.measure(document, { uri: params.uri, reference, prompt: params.prompt, runId }, token, (piece) =>
            send({ compareId, kind: piece.kind, column, run, delta: piece.delta }),
          );
        } catch (error) {
          // A test never throws for what Bedrock answers; this is our own failure: the other columns go on.
          this.host.log(`Comparing ${reference} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          const message = `The test failed inside the language server: ${error instanceof Error ? error.message : String(error)}`;
          test = {
            result: {
              ...endedBeforeSending(targets[column]?.ref ?? reference, targets[column]?.modelId ?? '', params.prompt ?? ''),
              outcome: 'failed',
              problem: { kind: 'internal', message },
            },
          };
        }
      }
      measured[column]![run] = test;
      const { text: _text, reasoning: _reasoning, ...result } = test.result;
      send({ compareId, kind: 'end', column, run, result, figures: figuresOf(test) });
      done += 1;
      work?.report(Math.round((done / tasks.length) * 100), `${done} of ${tasks.length}: ${test.result.ref} ${test.result.outcome}`);
    };
    try {
      await inPool(tasks, concurrency, runTask);
    } finally {
      work?.done();
    }

    const models = references.map((reference, column): ComparedModelResult => {
      const tests = measured[column]!;
      const last = tests.at(-1)!.result;
      const target = targets[column];
      const prices = tests.find((test) => test.prices)?.prices;
      return {
        ...last,
        label: target?.aliases[0] ?? target?.name ?? last.ref ?? reference,
        runs: tests.map(figuresOf),
        ...(prices ? { priceSource: prices.source === 'file' ? 'file' : 'list' } : {}),
      };
    });
    const prompt = models.find((model) => model.prompt)?.prompt ?? params.prompt ?? '';
    const region = models.find((model) => model.region)?.region ?? service.getRegion(document);
    const rows = comparisonRows(
      models.map((model) => ({
        ref: model.ref,
        label: model.label,
        priceSource: model.priceSource,
        runs: model.runs,
        problem: model.problem?.message,
      })),
    );
    return { compareId, prompt, region, concurrency, models, markdown: comparisonMarkdown(prompt, rows, { region }) };
  }
}

function figuresOf(test: MeasuredTest): CompareRunFigures {
  return test.measurements ? runFigures(test.measurements, test.prices) : { outcome: test.result.outcome };
}

/** Runs `work` on every item, at most `limit` at a time, in the items' order. */
async function inPool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
