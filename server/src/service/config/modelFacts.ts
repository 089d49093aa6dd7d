import { ConfiguredModel } from './configModel';

/*
 * A configured model's effective settings: the file's values, else what OpenClaw 2026.9 fills in at
 * load (src/config/validation-core: reasoning false, input ["text"], cost zeros, contextWindow
 * 200,000 for the output cap, maxTokens min(provider maxTokens or 8192, contextWindow)).
 */

export const DEFAULT_CONTEXT_WINDOW = 200_000;
export const DEFAULT_MAX_TOKENS = 8192;

/** The example request priced in hovers. */
export const EXAMPLE_REQUEST = { inputTokens: 10_000, outputTokens: 1_000 } as const;

export interface Effective<T> {
  value: T;
  isDefault: boolean;
}

export interface EffectiveModel {
  reasoning: Effective<boolean>;
  input: Effective<string[]>;
  cost: {
    input: Effective<number>;
    output: Effective<number>;
    cacheRead?: number;
    cacheWrite?: number;
  };
  contextWindow: Effective<number>;
  maxTokens: Effective<number>;
}

export function effectiveModel(model: ConfiguredModel): EffectiveModel {
  const contextWindow = positive(model.contextWindow?.value);
  const effectiveContext = contextWindow ?? DEFAULT_CONTEXT_WINDOW;
  const maxTokens = positive(model.maxTokens?.value);
  const fallbackMaxTokens = positive(model.provider.maxTokens?.value) ?? DEFAULT_MAX_TOKENS;
  return {
    reasoning: orDefault(model.reasoning?.value, false),
    input: orDefault(model.input?.value, ['text']),
    cost: {
      input: orDefault(model.cost?.input?.value, 0),
      output: orDefault(model.cost?.output?.value, 0),
      cacheRead: model.cost?.cacheRead?.value,
      cacheWrite: model.cost?.cacheWrite?.value,
    },
    contextWindow: orDefault(contextWindow, DEFAULT_CONTEXT_WINDOW),
    maxTokens: { value: Math.min(maxTokens ?? fallbackMaxTokens, effectiveContext), isDefault: maxTokens === undefined },
  };
}

/** USD for a request, from prices per 1M tokens. */
export function requestCost(pricePerMillion: { input: number; output: number }, inputTokens: number, outputTokens: number): number {
  return (inputTokens * pricePerMillion.input + outputTokens * pricePerMillion.output) / 1_000_000;
}

/** $15.00, $0.50, $0.07, $0.0062, $0.000052, $0: below a cent, two significant digits, so a small cost never reads $0.0000. */
export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1) return `$${value.toFixed(2)}`;
  if (magnitude < 0.01) return `$${value.toFixed(Math.min(20, 1 - Math.floor(Math.log10(magnitude)))).replace(/(\.\d*?)0+$/, '$1')}`;
  const fixed = value.toFixed(6).replace(/0+$/, '');
  const decimals = Math.max(2, Math.min(4, fixed.length - fixed.indexOf('.') - 1));
  return `$${value.toFixed(decimals)}`;
}

/** 131,072: thousands separated by commas (not toLocaleString: it costs microseconds a call, and completion makes thousands). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole, fraction] = String(Math.abs(value)).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction.slice(0, 3)}` : ''}`;
}

function orDefault<T>(value: T | undefined, fallback: T): Effective<T> {
  return value === undefined ? { value: fallback, isDefault: true } : { value, isDefault: false };
}

function positive(value: number | undefined): number | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Prices in few characters, for inlay hints and outlines: $3, $0.5, $1.25, $0.0062. */
export function compactUsd(value: number): string {
  return formatUsd(value)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** Token counts in few characters: 200k, 262k, 1M, 1.5M, 512. */
export function compactCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 999_500) return `${Number((value / 1_000_000).toFixed(1))}M`;
  if (Math.abs(value) >= 1_000) return `${Math.round(value / 1_000)}k`;
  return String(value);
}
