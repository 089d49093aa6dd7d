import { Analysis } from '../config/analysis';
import { checkBedrockModels } from '../catalog/bedrockChecks';
import { CatalogContext } from '../catalog/catalog';
import { ConfiguredModel, isBedrockProvider } from '../config/configModel';
import { effectiveModel, formatCount, formatUsd } from '../config/modelFacts';
import { formatDuration, runFigures } from './modelComparison';
import { endpointVariantOf, regionOfEndpoint } from '../config/region';

/*
 * What a test prompt needs to know of a configured model, and how its result reads. The call itself
 * (network) is the server's; this is the pure part both the server and the hover share.
 */

/** A test answers in a few sentences: no need to let a model write its maximum. */
export const TEST_MAX_TOKENS = 1024;
/** Claude's extended thinking needs a budget of at least 1024 tokens, below maxTokens. */
export const TEST_THINKING_BUDGET = 1024;

export interface TestPrices {
  input: number;
  output: number;
  /** 'file' for the model entry's own cost; else where the list price came from. */
  source: string;
}

export interface ModelTestTarget {
  /** provider/id as the file writes it. */
  ref: string;
  providerId: string;
  modelId: string;
  name?: string;
  aliases: string[];
  /** The region of the provider's baseUrl, when it names one. */
  baseUrlRegion?: string;
  /** FIPS and dual-stack, when the provider's baseUrl asks for them. */
  baseUrlVariant?: { fips: boolean; dualStack: boolean };
  maxTokens: number;
  /** Extended thinking to request, for reasoning models that need it asked for (Anthropic). */
  thinkingBudget?: number;
  prices?: TestPrices;
  contextWindow: number;
  /** What the catalog says will make a test fail, and the inference profiles to use instead (best first). */
  problem?: { message: string; profiles: string[] };
}

/** Configured Bedrock models, in file order, as test targets. */
export function listTestTargets(analysis: Analysis, context: CatalogContext): ModelTestTarget[] {
  const failing = new Map<ConfiguredModel, { message: string; profiles: string[] }>();
  for (const finding of checkBedrockModels(analysis, context.catalog)) {
    if (finding.kind === 'needs-inference-profile' || finding.kind === 'not-in-region')
      failing.set(finding.model, { message: finding.message, profiles: finding.profiles ?? [] });
  }
  return analysis.config.models
    .filter((model) => isBedrockProvider(model.provider))
    .map((model) => ({ ...testTarget(analysis, model, context), ...(failing.has(model) ? { problem: failing.get(model)! } : {}) }));
}

/** The target for a reference (provider/id or alias), if it names a configured Bedrock model. */
export function findTestTarget(analysis: Analysis, reference: string, context: CatalogContext): ModelTestTarget | undefined {
  const resolution = analysis.resolver.resolve(reference);
  if (resolution.kind !== 'model' || !isBedrockProvider(resolution.model.provider)) return undefined;
  return testTarget(analysis, resolution.model, context);
}

function testTarget(analysis: Analysis, model: ConfiguredModel, context: CatalogContext): ModelTestTarget {
  const facts = effectiveModel(model);
  const listed = context.facts(model.id);
  const filePrices = !facts.cost.input.isDefault || !facts.cost.output.isDefault;
  const prices: TestPrices | undefined = filePrices
    ? { input: facts.cost.input.value, output: facts.cost.output.value, source: 'file' }
    : listed?.price
      ? { input: listed.price.input, output: listed.price.output, source: listed.priceSource ?? 'built-in list price' }
      : undefined;
  const anthropicReasoning = facts.reasoning.value && /(^|\.)anthropic\./.test(model.id);
  const maxTokens = Math.min(facts.maxTokens.value, TEST_MAX_TOKENS) + (anthropicReasoning ? TEST_THINKING_BUDGET : 0);
  return {
    ref: `${model.provider.id}/${model.id}`,
    providerId: model.provider.id,
    modelId: model.id,
    name: model.name?.value,
    aliases: analysis.resolver.aliasesFor(model),
    baseUrlRegion: model.provider.baseUrl ? regionOfEndpoint(model.provider.baseUrl.value) : undefined,
    baseUrlVariant: model.provider.baseUrl ? endpointVariantOf(model.provider.baseUrl.value) : undefined,
    maxTokens,
    thinkingBudget: anthropicReasoning ? TEST_THINKING_BUDGET : undefined,
    prices,
    contextWindow: facts.contextWindow.value,
  };
}

/** One line for a quick pick: price and context. */
export function describeTestTarget(target: ModelTestTarget): string {
  const price = target.prices
    ? `${formatUsd(target.prices.input)} / ${formatUsd(target.prices.output)} per 1M${target.prices.source === 'file' ? '' : ' (list price)'}`
    : 'no price set';
  return `${price} · ${formatCount(target.contextWindow)} context`;
}

/** What a finished (or broken) test measured. */
export interface TestMeasurements {
  /** When the test ran (ms since epoch). */
  at: number;
  outcome: 'complete' | 'broken' | 'cancelled' | 'failed';
  timeToFirstTokenMs?: number;
  totalMs: number;
  inputTokens?: number;
  outputTokens?: number;
  stopReason?: string;
  error?: string;
}

/** A test result kept for the session, shown on hover. */
export interface StoredTestResult {
  measurements: TestMeasurements;
  prices?: TestPrices;
}

export interface TestResultSource {
  /** The last test of a model, by provider/id. */
  last(ref: string): StoredTestResult | undefined;
}

export interface TestFigures {
  tokensPerSecond?: number;
  cost?: number;
}

/** Output tokens over the time after the first token; cost from the target's prices. */
export function testFigures(measurements: TestMeasurements, prices: TestPrices | undefined): TestFigures {
  const { tokensPerSecond, cost } = runFigures(measurements, prices);
  return { tokensPerSecond, cost };
}

/** A test's figures, one fact each, for a block with a line per fact: [label, value]. */
export function measurementFacts(measurements: TestMeasurements, prices: TestPrices | undefined): [string, string][] {
  const figures = testFigures(measurements, prices);
  const facts: [string, string][] = [];
  if (measurements.timeToFirstTokenMs !== undefined) facts.push(['First token', formatDuration(measurements.timeToFirstTokenMs)]);
  facts.push(['Total time', formatDuration(measurements.totalMs)]);
  if (measurements.inputTokens !== undefined && measurements.outputTokens !== undefined) {
    facts.push(['Tokens', `${formatCount(measurements.inputTokens)} in / ${formatCount(measurements.outputTokens)} out`]);
  }
  if (figures.tokensPerSecond !== undefined) facts.push(['Speed', `${figures.tokensPerSecond.toFixed(0)} tok/s`]);
  if (figures.cost !== undefined)
    facts.push(['Cost', `${formatUsd(figures.cost)} (${prices!.source === 'file' ? 'file prices' : `list price: ${prices!.source}`})`]);
  return facts;
}

/** "first token 820 ms · 2.4 s total · 35 in / 120 out tokens · 74 tok/s · $0.0019 (file prices)" */
export function formatMeasurements(measurements: TestMeasurements, prices: TestPrices | undefined): string {
  const facts = new Map(measurementFacts(measurements, prices));
  const parts: string[] = [];
  if (facts.has('First token')) parts.push(`first token ${facts.get('First token')}`);
  parts.push(`${facts.get('Total time')} total`);
  if (facts.has('Tokens')) parts.push(`${facts.get('Tokens')} tokens`);
  for (const label of ['Speed', 'Cost']) if (facts.has(label)) parts.push(facts.get(label)!);
  return parts.join(' · ');
}

/** Short, for a code lens: "2.4 s, 74 tok/s", or how it ended. */
export function summarizeMeasurements(measurements: TestMeasurements): string {
  if (measurements.outcome !== 'complete') return measurements.outcome;
  const { tokensPerSecond } = testFigures(measurements, undefined);
  return `${formatDuration(measurements.totalMs)}${tokensPerSecond === undefined ? '' : `, ${tokensPerSecond.toFixed(0)} tok/s`}`;
}

export { formatDuration };
