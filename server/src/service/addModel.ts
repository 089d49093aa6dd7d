import { Analysis } from './analysis';
import { aliasMapEdits, newAlias, newEntryEffect } from './aliasFixes';
import { CatalogContext, CatalogEntry, isProvisionedVariant } from './catalog';
import { BEDROCK_PROVIDER } from './configModel';
import { differenceEdits, FileEdits } from './edits/fileEdits';
import { FileStyle, renderString } from './edits/fileStyle';
import { appendAtPath, appendItems, appendProperties, multiLineObject, NewProperty } from './edits/objectEdits';
import { allowlistMarkerEdits } from './legacy';
import { formatCount, formatUsd } from './modelFacts';
import { newModelEntryFields } from './modelEntry';
import { propertyValue } from './parser/ast';
import { quoteForMessage } from './quoteForMessage';
import { SourceFile } from './sourceFile';
import { Location, WorkspaceEdit } from './types';

/*
 * "Add Bedrock Model": one step instead of four edits. A catalog model becomes an entry of the
 * amazon-bedrock provider (created with the region's baseUrl and api when missing) with what the
 * catalog and the built-in facts know, plus its alias in agents.defaults.models, in the files and
 * the style they are written in. A model that cannot be invoked on demand is added by the region's
 * inference profile id, as it has to be called.
 */

export interface ModelChoice {
  /** The catalog id. */
  id: string;
  name: string;
  /** Who makes it: Anthropic, Amazon, ... */
  maker: string;
  /** text, text+image, ... */
  input: string;
  access: 'on demand' | 'inference profile' | 'needs an inference profile';
  contextWindow?: number;
  /** USD per 1M tokens, list price. */
  price?: { input: number; output: number };
  legacy: boolean;
  /** The id the new entry gets: the catalog id, or the region's inference profile for it. */
  entryId: string;
}

export interface AddModelContext extends CatalogContext {
  /** The same configuration with some files' texts replaced (by uri). */
  reanalyze(texts: ReadonlyMap<string, string>): Analysis;
  /** The OpenClaw version the file is for: whether a new alias map needs the marker that keeps it aliases only. */
  version: string;
}

export interface AddedModel {
  edit: WorkspaceEdit;
  /** The new entry's id, in the texts after the edit: where the cursor goes. */
  selection: Location;
  ref: string;
  alias?: string;
}

/** Catalog models that answer in text and are not configured yet: usable ones first, then by maker and name. */
export function modelChoices(analysis: Analysis, context: CatalogContext): ModelChoice[] {
  const configured = new Set(analysis.resolver.provider(BEDROCK_PROVIDER)?.models.map((model) => model.id));
  const choices = context.catalog.snapshot.entries
    .filter((entry) => entry.outputModalities.includes('TEXT') && !isProvisionedVariant(entry.id) && entry.profileType !== 'APPLICATION')
    .map((entry) => choiceOf(entry, context));
  const listed = new Set(choices.map((choice) => choice.id));
  return choices
    // A model that needs a profile is offered as that profile, once.
    .filter((choice) => choice.entryId === choice.id || !listed.has(choice.entryId))
    .filter((choice) => !configured.has(choice.entryId) && !configured.has(choice.id))
    .sort((a, b) => rank(a) - rank(b) || a.maker.localeCompare(b.maker) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

function choiceOf(entry: CatalogEntry, context: CatalogContext): ModelChoice {
  const facts = context.facts(entry.id);
  const access = entry.kind === 'inference-profile' ? 'inference profile' : entry.onDemand ? 'on demand' : 'needs an inference profile';
  return {
    id: entry.id,
    name: entry.name,
    maker: entry.provider,
    input: entry.inputModalities.map((modality) => modality.toLowerCase()).join('+'),
    access,
    contextWindow: facts?.contextWindow,
    price: facts?.price && { input: facts.price.input, output: facts.price.output },
    legacy: entry.lifecycle === 'LEGACY',
    entryId: access === 'needs an inference profile' ? (context.catalog.suggestedProfileIds(entry.id)[0] ?? entry.id) : entry.id,
  };
}

/** One line for a quick pick: maker, input, context, list price, how it is invoked. */
export function describeChoice(choice: ModelChoice): string {
  const parts = [choice.maker, choice.input];
  if (choice.contextWindow) parts.push(`${formatCount(choice.contextWindow)} context`);
  if (choice.price) parts.push(`${formatUsd(choice.price.input)} in / ${formatUsd(choice.price.output)} out per 1M (list)`);
  parts.push(choice.access === 'needs an inference profile' && choice.entryId !== choice.id ? `added as ${choice.entryId}` : choice.access);
  if (choice.legacy) parts.push('LEGACY');
  return parts.join(' · ');
}

function rank(choice: ModelChoice): number {
  if (choice.legacy) return 2;
  return choice.access === 'needs an inference profile' && choice.entryId === choice.id ? 1 : 0;
}

/** The edit that adds a catalog model (entry, provider if needed, alias); a sentence when it cannot be added. */
export function addModel(analysis: Analysis, context: AddModelContext, id: string): AddedModel | string {
  const entry = context.catalog.get(id);
  if (!entry) return `${quoteForMessage(id)} is not in the Bedrock model list of ${context.catalog.snapshot.region}.`;
  const choice = choiceOf(entry, context);
  const provider = analysis.resolver.provider(BEDROCK_PROVIDER);
  const ref = `${provider?.id ?? BEDROCK_PROVIDER}/${choice.entryId}`;
  if (provider?.models.some((model) => model.id === choice.entryId)) return `${ref} is already configured.`;

  const entryEdits = modelEntryEdits(analysis, entry, choice.entryId, context);
  if (!entryEdits) return `There is no safe place for the entry: models.providers.${BEDROCK_PROVIDER} (or its models) is not an object (array), or is not complete yet.`;
  const texts = new Map<string, string>();
  for (const [file, text] of entryEdits.results()) texts.set(file.uri, text);
  let after = context.reanalyze(texts);

  // The alias goes in a second step, planned on the text with the entry, so both may create the same parents.
  const model = () => after.config.models.find((candidate) => candidate.provider.id === (provider?.id ?? BEDROCK_PROVIDER) && candidate.id === choice.entryId);
  const added = model();
  let alias: string | undefined;
  if (added && after.resolver.entriesFor(added).length === 0) {
    alias = newAlias(after, entry.name);
    // A first entry in the map would make it /model's allowlist (2026.8.1+, not migrated): the marker keeps it aliases only.
    const marker = newEntryEffect(after, context.version).kind === 'mark-first' ? allowlistMarkerEdits(after) : undefined;
    if (marker) {
      for (const [file, text] of marker.results()) texts.set(file.uri, text);
      after = context.reanalyze(texts);
    }
    const aliasEdits = aliasMapEdits(after, [{ ref, alias }]);
    if (aliasEdits) {
      for (const [file, text] of aliasEdits.results()) texts.set(file.uri, text);
      after = context.reanalyze(texts);
    } else {
      alias = undefined;
    }
  }
  const finalModel = model();
  if (!finalModel) return `The entry for ${ref} could not be placed.`;
  const results = new Map<SourceFile, string>(analysis.graph.files.filter((file) => texts.has(file.uri)).map((file) => [file, texts.get(file.uri)!]));
  return { edit: differenceEdits(results), selection: after.locate(finalModel.idNode), ref, alias };
}

/** The model entry appended to the provider's models (the provider created when missing). */
function modelEntryEdits(analysis: Analysis, entry: CatalogEntry, entryId: string, context: CatalogContext): FileEdits | undefined {
  const render = (style: FileStyle) => (indent: string) =>
    multiLineObject(style, indent, newModelEntryFields(entry, context.facts(entry.id) ?? context.facts(entryId), style, entryId).map(([key, value]) => ({ key, render: () => value })));
  const provider = analysis.resolver.provider(BEDROCK_PROVIDER);
  if (provider) {
    if (provider.modelsNode) {
      const array = provider.modelsNode.origin ?? provider.modelsNode;
      const file = analysis.fileOf(array);
      const edits = appendItems(file.text, file.style, array, [render(file.style)]);
      return edits && new FileEdits().add(file, edits);
    }
    if (propertyValue(provider.node, 'models')) return undefined;
    const object = provider.node.origin ?? provider.node;
    const file = analysis.fileOf(object);
    const edits = appendProperties(file.text, file.style, object, [{ key: 'models', render: (indent) => multiLineArray(file.style, indent, render(file.style)) }]);
    return edits && new FileEdits().add(file, edits);
  }
  const point = analysis.insertionPoint(['models', 'providers']);
  if (!point) return undefined;
  const { style } = point.file;
  const fields: NewProperty[] = [
    { key: 'baseUrl', render: () => renderString(`https://bedrock-runtime.${context.catalog.snapshot.region}.amazonaws.com`, style.stringQuote) },
    { key: 'api', render: () => renderString('bedrock-converse-stream', style.stringQuote) },
    { key: 'models', render: (indent) => multiLineArray(style, indent, render(style)) },
  ];
  const edits = appendAtPath(point.file.text, style, point.object, point.missing, [{ key: BEDROCK_PROVIDER, render: (indent) => multiLineObject(style, indent, fields) }]);
  return edits && new FileEdits().add(point.file, edits);
}

function multiLineArray(style: FileStyle, indent: string, item: (indent: string) => string): string {
  const inner = indent + style.indentUnit;
  return `[${style.eol}${inner}${item(inner)}${style.trailingCommas ? ',' : ''}${style.eol}${indent}]`;
}
