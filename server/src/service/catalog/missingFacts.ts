import { Analysis } from '../config/analysis';
import { CatalogContext, ModelFacts } from './catalog';
import { ConfiguredModel, isBedrockProvider } from '../config/configModel';
import { FileEdits } from '../edits/fileEdits';
import { appendProperties, NewProperty } from '../edits/objectEdits';
import { envReferences } from '../config/envVars';
import { DEFAULT_CONTEXT_WINDOW, effectiveModel, formatCount, formatUsd } from '../config/modelFacts';
import { factFields } from './modelEntry';
import { JsonNode, propertyValue } from '../parser/ast';

/*
 * Money shown right: a Bedrock model entry without `cost` is free ($0) in OpenClaw's usage and cost
 * reports (its users have reported that as a bug), and one without `contextWindow` or `maxTokens` gets
 * OpenClaw's defaults, whatever the model takes. Where the catalog knows the figures (the live list,
 * or the built-in one with its date), the entry says what OpenClaw will assume, and a fix fills them in.
 */

export type MissingFact = 'cost' | 'contextWindow' | 'maxTokens';

export interface MissingFacts {
  model: ConfiguredModel;
  missing: MissingFact[];
  facts: ModelFacts;
}

/** Bedrock models whose entry leaves out a figure the catalog knows (and that OpenClaw would get wrong). */
export function modelsMissingFacts(analysis: Analysis, context: CatalogContext): MissingFacts[] {
  const found: MissingFacts[] = [];
  // An entry of a file included many times is in the merged configuration as many times: once here.
  const seen = new Set<JsonNode>();
  for (const model of analysis.config.models) {
    if (seen.has(model.idNode)) continue;
    seen.add(model.idNode);
    // An id from `${VAR}` is only known where OpenClaw runs.
    if (!isBedrockProvider(model.provider) || envReferences(model.id).length > 0) continue;
    const facts = context.facts(model.id);
    if (!facts) continue;
    const missing: MissingFact[] = [];
    if (!propertyValue(model.entry, 'cost') && facts.price) missing.push('cost');
    if (!propertyValue(model.entry, 'contextWindow') && facts.contextWindow && facts.contextWindow !== DEFAULT_CONTEXT_WINDOW)
      missing.push('contextWindow');
    // OpenClaw asks for min(8192, context) tokens: worth saying only where the model allows fewer.
    if (!propertyValue(model.entry, 'maxTokens') && facts.maxTokens && facts.maxTokens < effectiveModel(model).maxTokens.value)
      missing.push('maxTokens');
    if (missing.length > 0) found.push({ model, missing, facts });
  }
  return found;
}

/** What OpenClaw will assume, and what the catalog says instead. */
export function describeMissingFacts({ model, missing, facts }: MissingFacts): string {
  const ref = `${model.provider.id}/${model.id}`;
  const source = facts.priceSource ? ` (${facts.priceSource})` : '';
  const parts: string[] = [];
  if (missing.includes('cost')) {
    parts.push(
      `has no cost, so OpenClaw counts it as free ($0) in its usage and cost reports; its list price is ${formatUsd(facts.price!.input)} in / ${formatUsd(facts.price!.output)} out per 1M tokens${source}`,
    );
  }
  if (missing.includes('contextWindow')) {
    parts.push(
      `has no contextWindow, so OpenClaw assumes ${formatCount(DEFAULT_CONTEXT_WINDOW)} tokens; the model takes ${formatCount(facts.contextWindow!)}`,
    );
  }
  if (missing.includes('maxTokens')) {
    parts.push(
      `has no maxTokens, so OpenClaw asks for up to ${formatCount(effectiveModel(model).maxTokens.value)} output tokens; the model allows ${formatCount(facts.maxTokens!)}`,
    );
  }
  return `${ref} ${parts.join('; it ')}.`;
}

/** A fix's title: which figures, and where they come from. */
export function fillTitle(items: MissingFacts[]): string {
  const fields = [...new Set(items.flatMap((item) => item.missing))].join(', ');
  const sources = [...new Set(items.map((item) => item.facts.priceSource ?? 'the Bedrock catalog'))];
  const from = sources.length === 1 ? sources[0] : 'the Bedrock catalog';
  return items.length === 1
    ? `Fill in ${fields} for ${items[0]!.model.provider.id}/${items[0]!.model.id} (${from})`
    : `Fill in the missing figures of all ${items.length} models (${from})`;
}

/** The missing fields appended to each entry, rendered as Add Bedrock Model renders a new entry's. */
export function fillEdits(analysis: Analysis, items: MissingFacts[], context: CatalogContext): FileEdits | undefined {
  const edits = new FileEdits();
  for (const { model, missing } of items) {
    const entry = model.entry.origin ?? model.entry;
    const file = analysis.fileOf(entry);
    const rendered = new Map(factFields(context.facts(model.id), file.style));
    const properties: NewProperty[] = missing.flatMap((key) => (rendered.has(key) ? [{ key, render: () => rendered.get(key)! }] : []));
    const fill = appendProperties(file.text, file.style, entry, properties);
    if (!fill) return undefined;
    edits.add(file, fill);
  }
  return edits.isEmpty ? undefined : edits;
}
