import { CancellationToken } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BedrockConnection } from './bedrock/connection';
import type { NetworkSettings } from './bedrock/network';
import {
  ModelIdFix,
  ServerSettings,
  TEST_OUTPUT_INTERVAL_MS,
  TestModelParams,
  TestModelResult,
  TestOutputParams,
  TestTargetItem,
} from './protocol';
import {
  describeTestTarget,
  formatMeasurements,
  LanguageService,
  measurementFacts,
  quoteForMessage,
  StoredTestResult,
  TestMeasurements,
  TestPrices,
} from './service/languageService';

/*
 * The "Test model" command behind the LSP: which models a file offers, one test prompt at a time per
 * request, results kept for the session (hovers and lenses show them). The VS Code client adds its
 * own UI; other editors call the same command.
 */

export const DEFAULT_TEST_PROMPT = 'In one or two sentences: which model are you, and what are you best at?';
const DEFAULT_TIMEOUT_SECONDS = 60;

export interface ModelTestingHost {
  service: LanguageService;
  /** Where results go: the last one per model (provider/id), for this session. */
  results: Map<string, StoredTestResult>;
  settings(): ServerSettings;
  connection(region: string, variant: { fips?: boolean; dualStack?: boolean }): BedrockConnection;
  network(): NetworkSettings;
  /** Why no AWS request may be made (an untrusted workspace); undefined when it may. */
  restricted(): string | undefined;
  output(params: TestOutputParams): void;
  log(line: string): void;
}

export interface MeasuredTest {
  result: TestModelResult;
  measurements?: TestMeasurements;
  prices?: TestPrices;
}

export class ModelTesting {
  constructor(private readonly host: ModelTestingHost) {}

  targets(document: TextDocument): TestTargetItem[] {
    const chain = this.host.service.getDefaultChain(document);
    return this.host.service.getTestTargets(document).map((target) => ({
      ref: target.ref,
      name: target.name,
      aliases: target.aliases,
      description: describeTestTarget(target),
      ...(target.problem ? { problem: target.problem.message, fix: this.profileFix(document, target.ref, target.problem.profiles) } : {}),
      ...(chain.includes(target.ref) ? { chainPosition: chain.indexOf(target.ref) } : {}),
    }));
  }

  /** The switch of a model to the first of its inference profiles, in every place the file names it. */
  private profileFix(document: TextDocument, ref: string, profiles: string[]): ModelIdFix | undefined {
    const edit = profiles[0] ? this.host.service.getModelIdRewrite(document, ref, profiles[0]) : undefined;
    return edit && { uri: document.uri, newId: profiles[0]!, alternatives: profiles, edit };
  }

  /** A test prompt to a model of `document`; `params` are checked (commandArguments.ts). */
  async run(document: TextDocument, params: TestModelParams, token: CancellationToken): Promise<TestModelResult> {
    return (await this.measure(document, params, token)).result;
  }

  /**
   * A test prompt, with what it measured and the prices its cost used (none when no request went out).
   * The output of a run with a runId goes to `send` (Compare Models), else to the host's output.
   */
  async measure(
    document: TextDocument,
    params: TestModelParams,
    token: CancellationToken,
    send = (piece: TestOutputParams) => this.host.output(piece),
  ): Promise<MeasuredTest> {
    const { service } = this.host;
    const target = service.getTestTarget(document, params.reference);
    const settings = this.host.settings();
    const prompt = params.prompt?.trim() || settings.test?.prompt?.trim() || DEFAULT_TEST_PROMPT;
    // Untrusted comes first: a model of a file the workspace may not read is no better a reason.
    const restricted = this.host.restricted();
    if (restricted) {
      return {
        result: endedBeforeSending(target?.ref ?? params.reference, target?.modelId ?? '', prompt, {
          kind: 'restricted',
          message: restricted,
        }),
      };
    }
    if (!target) {
      const message = `${quoteForMessage(params.reference)} is not a Bedrock model configured in this file.`;
      return { result: endedBeforeSending(params.reference, '', prompt, { kind: 'not-configured', message }) };
    }
    const region = settings.aws?.region || target.baseUrlRegion || service.getRegion(document);
    const connection = this.host.connection(region, target.baseUrlVariant ?? {});
    const timeoutSeconds = settings.bedrock?.timeoutSeconds;
    const cancel = new AbortController();
    const subscription = token.onCancellationRequested(() => cancel.abort());
    const output = params.runId ? new GatheredOutput(params.runId, send) : undefined;
    const stream = (kind: TestOutputParams['kind']) => (delta: string) => output?.add(kind, delta);
    this.host.log(`Testing ${target.ref} in ${region}.`);
    try {
      // The runtime client loads with the first test, not with the server (see CatalogStore.fetch).
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
      const { runConverseTest } = require('./bedrock/awsSdk') as typeof import('./bedrock/awsSdk');
      const outcome = await runConverseTest(
        {
          connection,
          endpoint: settings.bedrock?.runtimeEndpoint || undefined,
          network: this.host.network(),
          modelId: target.modelId,
          prompt,
          maxTokens: target.maxTokens,
          thinkingBudget: target.thinkingBudget,
          timeoutMs: (typeof timeoutSeconds === 'number' && timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_TIMEOUT_SECONDS) * 1000,
        },
        { text: stream('text'), reasoning: stream('reasoning') },
        cancel.signal,
      );
      // The last pieces go out before the answer.
      output?.flush();
      this.host.results.set(target.ref, { measurements: outcome.measurements, prices: target.prices });
      const result: TestModelResult = {
        ref: target.ref,
        modelId: target.modelId,
        region,
        prompt,
        outcome: outcome.measurements.outcome,
        text: outcome.text,
        reasoning: outcome.reasoning,
        report: formatMeasurements(outcome.measurements, target.prices),
        facts: measurementFacts(outcome.measurements, target.prices).map(([label, value]) => ({ label, value })),
        truncated: outcome.truncated,
        problem: outcome.problem,
      };
      if (outcome.problem?.kind === 'on-demand') {
        const fix = this.profileFix(document, target.ref, service.getSuggestedProfiles(document, target.modelId));
        if (fix) {
          result.fix = fix;
          result.problem = { kind: 'on-demand', message: `${outcome.problem.message} Use ${fix.alternatives.join(' or ')}.` };
        }
      }
      const cut = result.truncated
        ? `; kept the first ${result.truncated.limit} characters: ${result.truncated.text} more of the answer and ${result.truncated.reasoning} of the reasoning dropped`
        : '';
      this.host.log(
        `Test of ${target.ref}: ${result.outcome}${result.problem ? ` (${result.problem.message})` : ''}; ${result.report}${cut}.`,
      );
      return { result, measurements: outcome.measurements, prices: target.prices };
    } finally {
      output?.dispose();
      subscription.dispose();
    }
  }
}

/**
 * A run's streamed output, gathered: a fast stream would otherwise send a notification per delta, and
 * the answer to the request waits behind them all. The first piece goes at once, then at most one
 * sending per TEST_OUTPUT_INTERVAL_MS; reasoning and text stay in order, each in notifications of its kind.
 */
class GatheredOutput {
  private pending: TestOutputParams[] = [];
  private lastSent = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runId: string,
    private readonly send: (piece: TestOutputParams) => void,
  ) {}

  add(kind: TestOutputParams['kind'], delta: string): void {
    const last = this.pending.at(-1);
    if (last?.kind === kind) last.delta += delta;
    else this.pending.push({ runId: this.runId, kind, delta });
    const wait = this.lastSent + TEST_OUTPUT_INTERVAL_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    this.dispose();
    if (this.pending.length === 0) return;
    const pieces = this.pending;
    this.pending = [];
    this.lastSent = performance.now();
    for (const piece of pieces) this.send(piece);
  }

  /** Stops the timer; what is pending is not sent. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The result of a test that ended before any request went out: it failed (why: `problem`), or was cancelled. */
export function endedBeforeSending(ref: string, modelId: string, prompt: string, problem?: TestModelResult['problem']): TestModelResult {
  const ended = { ref, modelId, region: '', prompt, text: '', reasoning: '', report: '', facts: [] };
  return problem ? { ...ended, outcome: 'failed', problem } : { ...ended, outcome: 'cancelled' };
}
