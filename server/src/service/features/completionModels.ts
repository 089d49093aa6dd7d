import { CatalogEntry, isProvisionedVariant } from '../catalog/catalog';
import { inputArray, newModelEntryFields } from '../catalog/modelEntry';
import { ProviderConfig } from '../config/configModel';
import { formatCount, formatUsd } from '../config/modelFacts';
import { renderKey, renderString } from '../edits/fileStyle';
import { appendProperties, indentationOf, NewProperty } from '../edits/objectEdits';
import { JsonNode, propertyValue } from '../parser/ast';
import { CompletionItem, CompletionItemKind, InsertTextFormat, TextEdit } from '../types';
import { escapeSnippet, ItemBuilder } from './completionItems';

/* Completion of Bedrock models from the catalog: ids for a model entry, whole new entries. */

/** Catalog ids for a model entry's `id`; picking one fills a missing name, input and reasoning. */
export function completeModelIds(builder: ItemBuilder, provider: ProviderConfig | undefined, entry: JsonNode): void {
  const configured = new Set(provider?.models.filter((model) => model.entry !== entry).map((model) => model.id));
  for (const catalogEntry of offeredEntries(builder)) {
    builder.offer(catalogEntry.id, () => {
      const edits = builder.replaceSlot(builder.quoted(catalogEntry.id));
      const fill = fillEntry(builder, entry, catalogEntry, edits.main);
      return {
        label: catalogEntry.id,
        labelDetails: catalogLabelDetails(catalogEntry, configured),
        kind: CompletionItemKind.Value,
        detail: describe(catalogEntry),
        documentation: entryDocumentation(builder, catalogEntry),
        sortText: sortLast(configured, catalogEntry) + rank(catalogEntry) + catalogEntry.id,
        filterText: builder.filterText(catalogEntry.id),
        textEdit: fill.main,
        additionalTextEdits: fill.additional.length > 0 ? fill.additional : undefined,
        deprecated: catalogEntry.lifecycle === 'LEGACY' || undefined,
      };
    });
  }
}

/** Whole model entries for an empty place in `models[]`, filled from the catalog. */
export function completeModelEntries(builder: ItemBuilder, providerKey: string, array: JsonNode): void {
  const provider = builder.analysis.config.providers.find((p) => p.id === providerKey);
  const configured = new Set(provider?.models.map((model) => model.id));
  const index = builder.slot.key as number;
  const previous = array.children![index - 1];
  const next = array.children![index];
  const separator: TextEdit[] = previous && previous.commaOffset < 0 ? [builder.edit(previous.end, 0, ',')] : [];
  const indent = itemIndent(builder, array);
  for (const catalogEntry of offeredEntries(builder)) {
    builder.offer(catalogEntry.id, () => ({
      label: catalogEntry.id,
      labelDetails: catalogLabelDetails(catalogEntry, configured),
      kind: CompletionItemKind.Snippet,
      detail: `New model entry: ${catalogEntry.name}`,
      documentation: entryDocumentation(builder, catalogEntry),
      sortText: sortLast(configured, catalogEntry) + rank(catalogEntry) + catalogEntry.id,
      filterText: `${catalogEntry.id} ${catalogEntry.name}`,
      textEdit: builder.edit(
        builder.slot.replaceStart,
        builder.slot.replaceEnd - builder.slot.replaceStart,
        entrySnippet(builder, catalogEntry, indent) + (next ? ',' : ''),
      ),
      insertTextFormat: InsertTextFormat.Snippet,
      additionalTextEdits: separator.length > 0 ? separator : undefined,
      deprecated: catalogEntry.lifecycle === 'LEGACY' || undefined,
    }));
  }
}

/** Text models of the catalog, without provisioned-throughput variants. */
export function offeredEntries(builder: ItemBuilder): CatalogEntry[] {
  return builder.context.catalog.snapshot.entries.filter(
    (entry) => entry.outputModalities.includes('TEXT') && !isProvisionedVariant(entry.id),
  );
}

/** A catalog model's documentation: name, provider, access, limits, list prices, its profiles or the models it routes to. */
export function entryDocumentation(builder: ItemBuilder, entry: CatalogEntry): string {
  const facts = builder.context.facts(entry.id);
  const lines = [
    `**${entry.name}** · ${entry.provider} · \`${entry.id}\``,
    `${describe(entry)}${entry.lifecycle === 'LEGACY' ? ' · **legacy**' : ''}`,
  ];
  if (facts?.contextWindow) lines.push(`Context ${formatCount(facts.contextWindow)} · max output ${formatCount(facts.maxTokens ?? 0)}`);
  if (facts?.price)
    lines.push(
      `List price per 1M tokens: ${formatUsd(facts.price.input)} in / ${formatUsd(facts.price.output)} out (${facts.priceSource})`,
    );
  if (entry.kind === 'foundation-model') {
    const profiles = builder.context.catalog.profilesFor(entry.id).map((profile) => `\`${profile.id}\``);
    if (profiles.length > 0) lines.push(`Inference profiles: ${profiles.join(', ')}`);
  } else if (entry.baseModelIds?.length) {
    lines.push(`Routes to: ${entry.baseModelIds.map((id) => `\`${id}\``).join(', ')}`);
  }
  return lines.join('\n\n');
}

/** Fill name, input and reasoning when the entry lacks them. */
function fillEntry(
  builder: ItemBuilder,
  entry: JsonNode,
  catalogEntry: CatalogEntry,
  main: TextEdit,
): { main: TextEdit; additional: TextEdit[] } {
  const missing: NewProperty[] = [];
  const facts = builder.context.facts(catalogEntry.id);
  if (!propertyValue(entry, 'name'))
    missing.push({ key: 'name', render: () => renderString(catalogEntry.name, builder.style.stringQuote) });
  if (!propertyValue(entry, 'input')) missing.push({ key: 'input', render: () => inputArray(catalogEntry, builder.style) });
  if (!propertyValue(entry, 'reasoning') && facts?.reasoning !== undefined)
    missing.push({ key: 'reasoning', render: () => String(facts.reasoning) });
  const offsetEdits =
    missing.length > 0 ? appendProperties(builder.analysis.text, builder.style, entry, missing, { inlineWhenEmpty: true }) : undefined;
  if (!offsetEdits) return { main, additional: [] };
  // An insertion right where the replaced id ends belongs in the main edit: editors reject additional
  // edits that touch the main one.
  const mainEnd = builder.slot.replaceEnd;
  let mainText = main.newText;
  const additional: TextEdit[] = [];
  for (const edit of offsetEdits) {
    if (edit.offset === mainEnd && edit.length === 0) mainText += edit.newText;
    else additional.push(builder.toTextEdit(edit));
  }
  return { main: { range: main.range, newText: mainText }, additional };
}

/** A model entry as a snippet: the name is the first tab stop, the cursor ends after the entry. */
function entrySnippet(builder: ItemBuilder, entry: CatalogEntry, indent: string): string {
  const style = builder.style;
  const fields = newModelEntryFields(entry, builder.context.facts(entry.id), style).map(([key, value]) =>
    key === 'name' ? [key, `${value[0]}\${1:${escapeSnippet(value.slice(1, -1))}}${value[0]}`] : [key, escapeSnippet(value)],
  );
  const inner = indent + style.indentUnit;
  const lines = fields.map(([key, value]) => `${escapeSnippet(`${inner}${renderKey(key!, style)}:${style.colonSpace}`)}${value}`);
  const close = escapeSnippet(`${style.trailingCommas ? ',' : ''}${style.eol}${indent}}`);
  return `{${escapeSnippet(style.eol)}${lines.join(escapeSnippet(`,${style.eol}`))}${close}$0`;
}

/** The indentation of items in an array: that of its items, else one level deeper than its line. */
function itemIndent(builder: ItemBuilder, array: JsonNode): string {
  const text = builder.analysis.text;
  // Back from each item over blanks only: looking for its line's start took seconds on a one-line array of 300,000 items.
  const startsLine = (offset: number) => {
    let at = offset - 1;
    while (at >= 0 && /[^\S\r\n]/.test(text[at]!)) at--;
    return at < 0 || text[at] === '\n' || text[at] === '\r';
  };
  const first = array.children?.find((child) => startsLine(child.offset));
  return first ? indentationOf(text, first.offset) : indentationOf(text, array.offset) + builder.style.indentUnit;
}

function describe(entry: CatalogEntry): string {
  const modalities = entry.inputModalities.map((m) => m.toLowerCase()).join('+');
  const access = entry.kind === 'inference-profile' ? 'inference profile' : entry.onDemand ? 'on demand' : 'needs an inference profile';
  return `${entry.name} · ${modalities} · ${access}`;
}

/**
 * Beside a catalog id in every row, so that the suggest widget cuts neither the id nor what matters:
 * the model's name, and whether the provider lists the id already (offered all the same, marked).
 */
function catalogLabelDetails(entry: CatalogEntry, configured: ReadonlySet<string>): CompletionItem['labelDetails'] {
  return { description: configured.has(entry.id) ? `${entry.name} · already configured` : entry.name };
}

/** Ids the provider lists already go after every other. */
function sortLast(configured: ReadonlySet<string>, entry: CatalogEntry): string {
  return configured.has(entry.id) ? '9' : '';
}

/** Ids that work as they are first, then foundation models that need a profile, then legacy ones. */
export function rank(entry: CatalogEntry): string {
  if (entry.lifecycle === 'LEGACY') return '2';
  return entry.onDemand ? '0' : '1';
}
