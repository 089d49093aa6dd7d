import { CatalogEntry, ModelFacts } from './catalog';
import { FileStyle, renderKey, renderString } from '../edits/fileStyle';

/** OpenClaw's output cap for an entry without maxTokens: a new entry asks for no more, whatever the model allows. */
const DEFAULT_MAX_TOKENS = 8192;

/**
 * The fields of a new model entry for a catalog model, each value rendered in a file's style: id,
 * name, reasoning, input, cost (the dated list price) and the context facts, where known.
 */
export function newModelEntryFields(
  entry: CatalogEntry,
  facts: ModelFacts | undefined,
  style: FileStyle,
  id = entry.id,
): [key: string, value: string][] {
  const fields: [string, string][] = [
    ['id', renderString(id, style.stringQuote)],
    ['name', renderString(entry.name, style.stringQuote)],
  ];
  if (facts?.reasoning !== undefined) fields.push(['reasoning', String(facts.reasoning)]);
  fields.push(['input', inputArray(entry, style)]);
  return [...fields, ...factFields(facts, style)];
}

/** An entry's cost (the dated list price), contextWindow and maxTokens, where known, rendered in a file's style. */
export function factFields(
  facts: ModelFacts | undefined,
  style: FileStyle,
): [key: 'cost' | 'contextWindow' | 'maxTokens', value: string][] {
  const fields: [key: 'cost' | 'contextWindow' | 'maxTokens', value: string][] = [];
  if (facts?.price) {
    const { input, output, cacheRead, cacheWrite } = facts.price;
    const cost: [string, number | undefined][] = [
      ['input', input],
      ['output', output],
      ['cacheRead', cacheRead],
      ['cacheWrite', cacheWrite],
    ];
    const parts = cost
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${renderKey(key, style)}:${style.colonSpace}${value}`);
    fields.push(['cost', `{${style.inlinePadding}${parts.join(', ')}${style.inlinePadding}}`]);
  }
  if (facts?.contextWindow) fields.push(['contextWindow', String(facts.contextWindow)]);
  if (facts?.maxTokens) fields.push(['maxTokens', String(Math.min(facts.maxTokens, DEFAULT_MAX_TOKENS))]);
  return fields;
}

/** `["text", "image"]`: the input kinds OpenClaw takes that the model accepts. */
export function inputArray(entry: CatalogEntry, style: FileStyle): string {
  const kinds = entry.inputModalities.map((m) => m.toLowerCase()).filter((m) => m === 'text' || m === 'image');
  return `[${(kinds.length > 0 ? kinds : ['text']).map((m) => renderString(m, style.stringQuote)).join(', ')}]`;
}
