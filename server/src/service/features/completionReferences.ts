import { BEDROCK_PROVIDER, ConfiguredModel } from '../config/configModel';
import { formatCount, formatUsd } from '../config/modelFacts';
import { renderKey, renderString } from '../edits/fileStyle';
import { CompletionItemKind, TextEdit } from '../types';
import { ItemBuilder, matchesTyped } from './completionItems';
import { entryDocumentation, offeredEntries, rank } from './completionModels';

/* Completion of model references: configured models, aliases, provider wildcards, catalog models. */

/** A slot that takes a model reference, in an agent's settings (or the defaults), or as a key of its alias map. */
export interface ReferenceTarget {
  kind: 'reference';
  acceptsAlias: boolean;
  acceptsWildcard: boolean;
  mapKey: boolean;
  agent?: string;
}

/** Configured models, then aliases and wildcards where accepted, then catalog models not configured yet. */
export function completeReferences(builder: ItemBuilder, target: ReferenceTarget): void {
  const { config, resolver } = builder.analysis;
  const withEntry = target.mapKey
    ? new Set(config.aliases.filter((entry) => entry.agent === target.agent).map((entry) => entry.key.trim().toLowerCase()))
    : new Set<string>();

  for (const model of config.models) {
    if (builder.incomplete) return;
    const ref = `${model.provider.id}/${model.id}`;
    const aliasless = target.mapKey && !withEntry.has(ref.toLowerCase());
    builder.offer(ref, () => ({
      label: ref,
      labelDetails: { description: model.name?.value ?? model.id },
      kind: CompletionItemKind.Reference,
      detail: modelDetail(model),
      sortText: `${target.mapKey && !aliasless ? '1' : '0'}${ref}`,
      filterText: builder.filterText(ref),
      textEdit: referenceEdit(builder, ref, aliasless ? model.name?.value || model.id : undefined),
    }));
  }
  if (target.acceptsAlias) {
    for (const entry of config.aliases) {
      if (builder.incomplete) return;
      const alias = entry.alias?.value;
      if (!alias || (entry.agent !== undefined && entry.agent !== target.agent)) continue;
      if (!matchesTyped(alias, builder.typed) || resolver.findAlias(alias, target.agent) !== entry) continue;
      builder.offer(alias, () => ({
        label: alias,
        kind: CompletionItemKind.Constant,
        detail: `alias of ${entry.key}`,
        sortText: `2${alias}`,
        filterText: builder.filterText(alias),
        textEdit: referenceEdit(builder, alias),
      }));
    }
  }
  if (target.acceptsWildcard && !target.mapKey) {
    for (const provider of config.providers) {
      const wildcard = `${provider.id}/*`;
      builder.offer(wildcard, () => ({
        label: wildcard,
        kind: CompletionItemKind.Module,
        detail: `every model of ${provider.id}`,
        sortText: `3${wildcard}`,
        filterText: builder.filterText(wildcard),
        textEdit: referenceEdit(builder, wildcard),
      }));
    }
  }
  const bedrock = resolver.provider(BEDROCK_PROVIDER);
  const bedrockKey = bedrock?.id ?? BEDROCK_PROVIDER;
  const configuredIds = new Set(bedrock?.models.map((model) => model.id));
  for (const catalogEntry of offeredEntries(builder)) {
    if (configuredIds.has(catalogEntry.id) || catalogEntry.lifecycle === 'LEGACY') continue;
    const ref = `${bedrockKey}/${catalogEntry.id}`;
    builder.offer(ref, () => ({
      label: ref,
      labelDetails: { description: `${catalogEntry.name} · not configured` },
      kind: CompletionItemKind.Reference,
      detail: `${catalogEntry.name} · not in models.providers.${bedrockKey} yet`,
      documentation: entryDocumentation(builder, catalogEntry),
      sortText: `4${rank(catalogEntry)}${ref}`,
      filterText: builder.filterText(ref),
      textEdit: referenceEdit(builder, ref, target.mapKey ? catalogEntry.name : undefined),
    }));
  }
}

/** A reference's text; for a new key of a models map, followed by `: { alias: ... }` when no value follows yet. */
function referenceEdit(builder: ItemBuilder, value: string, aliasForNewKey?: string): TextEdit {
  let newText = builder.quoted(value, builder.slot.isKey);
  if (builder.slot.isKey && aliasForNewKey !== undefined && !/^\s*:/.test(builder.analysis.text.slice(builder.slot.replaceEnd))) {
    const style = builder.style;
    const pad = style.inlinePadding;
    newText += `:${style.colonSpace}{${pad}${renderKey('alias', style)}:${style.colonSpace}${renderString(aliasForNewKey, style.stringQuote)}${pad}}`;
  }
  return builder.replaceSlot(newText).main;
}

function modelDetail(model: ConfiguredModel): string {
  const parts = [model.name?.value ?? model.id];
  if (model.cost?.input && model.cost.output)
    parts.push(`${formatUsd(model.cost.input.value)} / ${formatUsd(model.cost.output.value)} per 1M`);
  if (model.contextWindow) parts.push(`${formatCount(model.contextWindow.value)} context`);
  return parts.join(' · ');
}
