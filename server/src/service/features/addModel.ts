import { Analysis } from '../config/analysis';
import { aliasMapEdits, newAlias, newEntryEffect } from '../config/aliasFixes';
import { CatalogContext, CatalogEntry, isProvisionedVariant, profileReach } from '../catalog/catalog';
import { BEDROCK_PROVIDER } from '../config/configModel';
import { differenceEdits, FileEdits } from '../edits/fileEdits';
import { FileStyle, renderString } from '../edits/fileStyle';
import { appendAtPath, appendItems, appendProperties, multiLineObject, NewProperty } from '../edits/objectEdits';
import { allowlistMarkerEdits } from '../config/legacy';
import { formatCount, formatUsd } from '../config/modelFacts';
import { newModelEntryFields } from '../catalog/modelEntry';
import { propertyValue } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import { SourceFile } from '../parser/sourceFile';
import { Location, WorkspaceEdit } from '../types';

/*
 * "Add Bedrock Model": one step instead of four edits. A catalog model becomes an entry of the
 * amazon-bedrock provider (created with the region's baseUrl and api when missing) with what the
 * catalog and the built-in facts know, plus its alias in agents.defaults.models, in the files and
 * the style they are written in. A model is offered once per way the region can invoke it: on
 * demand, through the inference profile of the region's geography, or through a global one (never a
 * profile of another geography, which the region cannot call); each says where requests may run.
 */

export interface ModelChoice {
  /** The catalog id, and the id the new entry gets: a foundation model's, or an inference profile's. */
  id: string;
  /** The model's own name ("Claude Haiku 4.5"), not a profile's ("Global Anthropic Claude Haiku 4.5"). */
  name: string;
  /** Who makes it: Anthropic, Amazon, ... */
  maker: string;
  /** text, text+image, ... */
  input: string;
  access: 'on demand' | 'geography profile' | 'global profile';
  /** Where requests may be processed: "in us-east-1", "in US regions", "in any commercial region". */
  where: string;
  contextWindow?: number;
  /** USD per 1M tokens, list price. */
  price?: { input: number; output: number };
  legacy: boolean;
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

/**
 * Every way the region can invoke a text model the file does not configure yet: on demand first, then
 * through the region's geography, then globally (legacy models last); by maker and name within each.
 */
export function modelChoices(analysis: Analysis, context: CatalogContext): ModelChoice[] {
  const configured = new Set(analysis.resolver.provider(BEDROCK_PROVIDER)?.models.map((model) => model.id));
  return context.catalog.snapshot.entries
    .filter((entry) => entry.outputModalities.includes('TEXT') && !isProvisionedVariant(entry.id) && !configured.has(entry.id))
    .flatMap((entry) => choiceOf(entry, context) ?? [])
    .sort((a, b) => rank(a) - rank(b) || a.maker.localeCompare(b.maker) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The choice a catalog entry is, if the region can invoke it: a foundation model on demand, or a system profile it reaches. */
function choiceOf(entry: CatalogEntry, context: CatalogContext): ModelChoice | undefined {
  const region = context.catalog.snapshot.region;
  let access: ModelChoice['access'];
  let where: string;
  if (entry.kind === 'foundation-model') {
    if (!entry.onDemand) return undefined;
    access = 'on demand';
    where = `in ${region}`;
  } else {
    const reach = entry.profileType === 'APPLICATION' ? undefined : profileReach(entry.id, region);
    if (!reach) return undefined;
    access = reach === 'global' ? 'global profile' : 'geography profile';
    where =
      reach === 'global' ? 'in any commercial region' : `in ${GEOGRAPHY_NAMES[entry.id.split('.')[0]!] ?? entry.id.split('.')[0]} regions`;
  }
  const foundation = entry.kind === 'inference-profile' ? entry.baseModelIds?.map((id) => context.catalog.get(id)).find(Boolean) : entry;
  const facts = context.facts(entry.id);
  return {
    id: entry.id,
    name: foundation?.name ?? entry.name,
    maker: entry.provider,
    input: entry.inputModalities.map((modality) => modality.toLowerCase()).join('+'),
    access,
    where,
    contextWindow: facts?.contextWindow,
    price: facts?.price && { input: facts.price.input, output: facts.price.output },
    legacy: entry.lifecycle === 'LEGACY',
  };
}

const GEOGRAPHY_NAMES: Record<string, string> = {
  us: 'US',
  eu: 'EU',
  apac: 'Asia Pacific',
  jp: 'Japan',
  au: 'Australia',
  ca: 'Canada',
  'us-gov': 'GovCloud',
};

/** One line for a quick pick: maker, input, context, list price, how it is invoked and where requests may run. */
export function describeChoice(choice: ModelChoice): string {
  const parts = [choice.maker, choice.input];
  if (choice.contextWindow) parts.push(`${formatCount(choice.contextWindow)} context`);
  if (choice.price) parts.push(`${formatUsd(choice.price.input)} in / ${formatUsd(choice.price.output)} out per 1M (list)`);
  parts.push(`${choice.access}: requests run ${choice.where}`);
  if (choice.legacy) parts.push('LEGACY');
  return parts.join(' · ');
}

function rank(choice: ModelChoice): number {
  const access = { 'on demand': 0, 'geography profile': 1, 'global profile': 2 }[choice.access];
  return (choice.legacy ? 3 : 0) + access;
}

/** The edit that adds a catalog model (entry, provider if needed, alias); a sentence when it cannot be added. */
export function addModel(analysis: Analysis, context: AddModelContext, id: string): AddedModel | string {
  const region = context.catalog.snapshot.region;
  const asked = context.catalog.get(id);
  if (!asked) return `${quoteForMessage(id)} is not in the Bedrock model list of ${region}.`;
  // A foundation model that needs a profile is added by the best profile the region can invoke.
  const profile =
    asked.kind === 'foundation-model' && !asked.onDemand
      ? context.catalog.get(context.catalog.suggestedProfileIds(id)[0] ?? '')
      : undefined;
  const entry = profile ?? asked;
  const choice = choiceOf(entry, context);
  if (!choice)
    return `${quoteForMessage(id)} cannot be invoked from ${region}${asked.kind === 'foundation-model' ? ' (on demand, or through an inference profile of its geography)' : ''}.`;
  const provider = analysis.resolver.provider(BEDROCK_PROVIDER);
  const ref = `${provider?.id ?? BEDROCK_PROVIDER}/${choice.id}`;
  if (provider?.models.some((model) => model.id === choice.id)) return `${ref} is already configured.`;

  const entryEdits = modelEntryEdits(analysis, { ...entry, name: choice.name }, choice.id, context);
  if (!entryEdits)
    return `There is no safe place for the entry: models.providers.${BEDROCK_PROVIDER} (or its models) is not an object (array), or is not complete yet.`;
  const texts = new Map<string, string>();
  for (const [file, text] of entryEdits.results()) texts.set(file.uri, text);
  let after = context.reanalyze(texts);

  // The alias goes in a second step, planned on the text with the entry, so both may create the same parents.
  const model = () =>
    after.config.models.find((candidate) => candidate.provider.id === (provider?.id ?? BEDROCK_PROVIDER) && candidate.id === choice.id);
  const added = model();
  let alias: string | undefined;
  if (added && after.resolver.entriesFor(added).length === 0) {
    alias = newAlias(after, choice.name);
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
  const results = new Map<SourceFile, string>(
    analysis.graph.files.filter((file) => texts.has(file.uri)).map((file) => [file, texts.get(file.uri)!]),
  );
  return { edit: differenceEdits(results), selection: after.locate(finalModel.idNode), ref, alias };
}

/** The model entry appended to the provider's models (the provider created when missing). */
function modelEntryEdits(analysis: Analysis, entry: CatalogEntry, entryId: string, context: CatalogContext): FileEdits | undefined {
  const render = (style: FileStyle) => (indent: string) =>
    multiLineObject(
      style,
      indent,
      newModelEntryFields(entry, context.facts(entry.id) ?? context.facts(entryId), style, entryId).map(([key, value]) => ({
        key,
        render: () => value,
      })),
    );
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
    const edits = appendProperties(file.text, file.style, object, [
      { key: 'models', render: (indent) => multiLineArray(file.style, indent, render(file.style)) },
    ]);
    return edits && new FileEdits().add(file, edits);
  }
  const point = analysis.insertionPoint(['models', 'providers']);
  if (!point) return undefined;
  const { style } = point.file;
  const fields: NewProperty[] = [
    {
      key: 'baseUrl',
      render: () => renderString(`https://bedrock-runtime.${context.catalog.snapshot.region}.amazonaws.com`, style.stringQuote),
    },
    { key: 'api', render: () => renderString('bedrock-converse-stream', style.stringQuote) },
    { key: 'models', render: (indent) => multiLineArray(style, indent, render(style)) },
  ];
  const edits = appendAtPath(point.file.text, style, point.object, point.missing, [
    { key: BEDROCK_PROVIDER, render: (indent) => multiLineObject(style, indent, fields) },
  ]);
  return edits && new FileEdits().add(point.file, edits);
}

function multiLineArray(style: FileStyle, indent: string, item: (indent: string) => string): string {
  const inner = indent + style.indentUnit;
  return `[${style.eol}${inner}${item(inner)}${style.trailingCommas ? ',' : ''}${style.eol}${indent}]`;
}
