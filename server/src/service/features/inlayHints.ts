import { Analysis } from '../config/analysis';
import { CatalogContext } from '../catalog/catalog';
import { ConfiguredModel, isBedrockProvider } from '../config/configModel';
import { compactCount, compactUsd, effectiveModel, EXAMPLE_REQUEST, formatCount, formatUsd, requestCost } from '../config/modelFacts';
import { resolve } from './navigation';
import { JsonNode, keyText } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import { InlayHint, Range } from '../types';

/*
 * After each model reference, what the model costs per 1M tokens (in/out) and its context window
 * ("$3/$15 · 200k"); after a `fallbacks` array, what the example request costs at the cheapest and
 * the dearest model of the chain (primary and fallbacks). Prices are the file's, else the catalog's
 * list price (marked "list"). Only the requested range is looked at: the editor asks per screenful.
 */

interface Prices {
  input: number;
  output: number;
  /** Where they come from: the file, or the catalog's list price (and its source). */
  list?: string;
}

export function computeInlayHints(analysis: Analysis, range: Range, context: CatalogContext): InlayHint[] {
  const start = analysis.document.offsetAt(range.start);
  const end = analysis.document.offsetAt(range.end);
  const pricesOf = memoize((model: ConfiguredModel) => modelPrices(model, context));
  const hints: InlayHint[] = [];
  const fallbackArrays = new Set<JsonNode>();
  for (const reference of analysis.config.references) {
    const { node } = reference;
    if (node.end < start || node.offset > end || !analysis.isHere(node)) continue;
    const array = fallbacksArray(node);
    if (array) fallbackArrays.add(array);
    const resolution = resolve(analysis, reference);
    if (resolution.kind !== 'model') continue;
    const hint = modelHint(resolution.model, pricesOf(resolution.model));
    hints.push({ position: analysis.document.positionAt(node.end), paddingLeft: true, ...hint });
  }
  for (const array of fallbackArrays) {
    if (!array.closed || array.end > end) continue;
    const hint = chainHint(analysis, array, pricesOf);
    if (hint) hints.push({ position: analysis.document.positionAt(array.end), paddingLeft: true, ...hint });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

/** "$3/$15 · 200k", or "list $3/$15 · 200k" at the catalog's price; the context window alone without prices. */
function modelHint(model: ConfiguredModel, prices: Prices | undefined): { label: string; tooltip: string } {
  const contextWindow = effectiveModel(model).contextWindow;
  const ref = quoteForMessage(`${model.provider.id}/${model.id}`);
  const parts: string[] = [];
  const about: string[] = [];
  if (prices) {
    parts.push(`${prices.list ? 'list ' : ''}${compactUsd(prices.input)}/${compactUsd(prices.output)}`);
    const where = prices.list ? `${prices.list}; the file sets no price` : 'from the file';
    about.push(`${ref}: ${formatUsd(prices.input)} input, ${formatUsd(prices.output)} output per 1M tokens (${where})`);
  } else {
    about.push(`${ref}: no price in the file or the catalog`);
  }
  parts.push(compactCount(contextWindow.value));
  about.push(`context window ${formatCount(contextWindow.value)} tokens${contextWindow.isDefault ? " (OpenClaw's default)" : ''}`);
  return { label: parts.join(' · '), tooltip: about.join('; ') };
}

/** The example request at the cheapest and dearest priced model of primary + fallbacks. */
function chainHint(
  analysis: Analysis,
  array: JsonNode,
  pricesOf: (model: ConfiguredModel) => Prices | undefined,
): { label: string; tooltip: string } | undefined {
  const setting = array.parent!.parent!;
  const primary = setting.children?.find((property) => keyText(property) === 'primary')?.valueNode;
  const nodes = primary ? [primary, ...(array.children ?? [])] : (array.children ?? []);
  const costs: { ref: string; cost: number; list: boolean }[] = [];
  const seen = new Set<ConfiguredModel>();
  for (const node of nodes) {
    const meaning = analysis.meaningOf(node);
    if (meaning?.kind !== 'reference') continue;
    const resolution = resolve(analysis, meaning.reference);
    if (resolution.kind !== 'model' || seen.has(resolution.model)) continue;
    seen.add(resolution.model);
    const prices = pricesOf(resolution.model);
    if (!prices) continue;
    const cost = requestCost(prices, EXAMPLE_REQUEST.inputTokens, EXAMPLE_REQUEST.outputTokens);
    costs.push({ ref: `${resolution.model.provider.id}/${resolution.model.id}`, cost, list: prices.list !== undefined });
  }
  if (costs.length === 0) return undefined;
  costs.sort((a, b) => a.cost - b.cost);
  const cheapest = costs[0]!;
  const dearest = costs[costs.length - 1]!;
  const request = `${EXAMPLE_REQUEST.inputTokens / 1000}k in + ${EXAMPLE_REQUEST.outputTokens / 1000}k out`;
  const span = cheapest.cost === dearest.cost ? compactUsd(cheapest.cost) : `${compactUsd(cheapest.cost)}–${compactUsd(dearest.cost)}`;
  const list = costs.some((entry) => entry.list) ? ' (some at list price)' : '';
  const tooltip =
    `A request of ${request} costs ${formatUsd(cheapest.cost)} at ${quoteForMessage(cheapest.ref)}` +
    (costs.length > 1 ? ` and ${formatUsd(dearest.cost)} at ${quoteForMessage(dearest.ref)}` : '') +
    ` (${costs.length} priced ${costs.length === 1 ? 'model' : 'models'} of the chain)${list}`;
  return { label: `${request}: ${span}${list ? ' (list)' : ''}`, tooltip };
}

/** The `fallbacks` array a reference is an item of. */
function fallbacksArray(node: JsonNode): JsonNode | undefined {
  const array = node.parent;
  const property = array?.parent;
  const isFallbacks = array?.type === 'array' && property?.type === 'property' && keyText(property) === 'fallbacks';
  return isFallbacks && property!.parent ? array : undefined;
}

/** The file's prices when it sets any (OpenClaw counts a missing one as $0), else a Bedrock model's list price. */
export function modelPrices(model: ConfiguredModel, context: CatalogContext): Prices | undefined {
  const input = model.cost?.input?.value;
  const output = model.cost?.output?.value;
  if (input !== undefined || output !== undefined) return { input: input ?? 0, output: output ?? 0 };
  const listed = isBedrockProvider(model.provider) ? context.facts(model.id) : undefined;
  if (!listed?.price) return undefined;
  return { input: listed.price.input, output: listed.price.output, list: listed.priceSource ?? 'built-in table' };
}

function memoize<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}
