import { agentChainCard } from './agentChain';
import { Analysis } from '../config/analysis';
import { baseModelId, CatalogContext } from '../catalog/catalog';
import { ConfiguredModel, isBedrockProvider } from '../config/configModel';
import { Environment, envReferences } from '../config/envVars';
import { describeUnknownKey, KeyChange, KeyHistory, keysOf } from '../schema/keyHistory';
import { Effective, effectiveModel, EXAMPLE_REQUEST, formatCount, formatUsd, requestCost } from '../config/modelFacts';
import { includeHover } from './includeHover';
import { formatMeasurements, TestResultSource } from './modelTests';
import { compareVersions, TargetVersion } from '../config/openclawVersions';
import { findNodeAtOffset, isKeyNode, JsonNode } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import { Resolution } from '../config/references';
import { JsonSchema } from '../schema/jsonSchema';
import { summarizeValue } from '../schema/schemaSummary';
import { SchemaValidator } from '../schema/schemaValidator';
import { Hover, Position, Range } from '../types';

export interface HoverContext extends CatalogContext {
  testResults?: TestResultSource;
  /** The schema whose titles and descriptions explain keys. */
  schema?: SchemaValidator;
  /** What the bundled schemas of all releases say of keys: since when, until when. */
  keys?: KeyHistory;
  /** The OpenClaw version the file is checked against. */
  target?: TargetVersion;
  /** Where `${VAR}`s are set: asked only on a string that names one (it reads the env files). */
  env?: () => Environment;
}

/**
 * Hover on a model `id`, on any model reference, on an alias value, on any key the schema explains,
 * on any string with `${VAR}`s (whether each is set; never its value), and on a `$include` path.
 */
export function computeHover(analysis: Analysis, position: Position, context: HoverContext): Hover | undefined {
  const include = includeHover(analysis, position);
  if (include) return include;
  const described = describeNode(analysis, position, context);
  if (!described) return undefined;
  const variables = context.env ? envReferences(String(described.node.value)) : [];
  const env = variables.length > 0 ? context.env!() : undefined;
  const environment = variables.map((name) => `${code(`\${${quoteForMessage(name)}}`)}: ${escape(env!.describe(name))}.`).join('\n\n');
  // On an agent's `model` key: its chain, before what the schema says of the key.
  const chain = isKeyNode(described.node) ? agentChainCard(analysis, described.node, context) : undefined;
  const parts = [chain, described.card, environment].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return undefined;
  return { contents: parts.join('\n\n---\n\n'), range: described.range, modelRef: described.modelRef };
}

function describeNode(
  analysis: Analysis,
  position: Position,
  context: HoverContext,
): { node: JsonNode; card?: string; range: Range; modelRef?: string } | undefined {
  const offset = analysis.document.offsetAt(position);
  const node = findNodeAtOffset(analysis.parse.root, offset);
  if (!node || node.type !== 'string') return undefined;
  const meaning = analysis.meaningOf(node);
  if (!meaning) {
    const card = isKeyNode(node) && context.schema ? keyCard(analysis, node, context.schema, context) : undefined;
    return { node, card, range: analysis.nodeRange(node) };
  }
  let resolution: Resolution;
  switch (meaning.kind) {
    case 'model-id':
      resolution = { kind: 'model', model: meaning.model };
      break;
    case 'alias':
      resolution = analysis.resolver.resolveQualified(meaning.entry.key);
      break;
    case 'reference': {
      const { reference } = meaning;
      resolution = reference.isMapKey
        ? analysis.resolver.resolveQualified(reference.value)
        : analysis.resolver.resolve(reference.value, reference.agent);
      break;
    }
  }
  const modelRef = resolution.kind === 'model' ? `${resolution.model.provider.id}/${resolution.model.id}` : undefined;
  return { node, card: resolutionCard(analysis, resolution, context), range: analysis.nodeRange(node), modelRef };
}

/**
 * A key's card from OpenClaw's schema: title, description, type, default, since which release. A key
 * the version checked does not know: what the bundle says of it (a later release added it, an earlier
 * one dropped it), or the close keys it may be a typo of.
 */
function keyCard(analysis: Analysis, key: JsonNode, schema: SchemaValidator, context: HoverContext): string | undefined {
  const name = String(key.value);
  // Not a key of the configuration: OpenClaw replaces it with the files it names.
  if (name === '$include') return undefined;
  const object = key.parent!.parent!;
  const objectPath = analysis.logicalPath(object);
  const path = [...objectPath, name];
  const { keys, target } = context;
  const notes: string[] = [];
  let from = schema;
  if (schema.navigator.at(path).length > 0) {
    const keyPath = schema.navigator.keyPath(path);
    const since = keyPath === undefined ? undefined : keys?.since(keyPath);
    if (since) notes.push(`Since OpenClaw ${since}`);
  } else if (keys && target) {
    const elsewhere = keys.elsewhere(schema, path, target.version);
    if (elsewhere) {
      notes.push(changeNote(elsewhere.change, target));
      if (elsewhere.schema?.navigator.at(path).length) from = elsewhere.schema;
      else return [code(name), ...notes].join('\n\n');
    } else if (isClosed(schema.navigator.at(objectPath))) {
      const why = keys.explainUnknown(schema, objectPath, name, target.version, keysOf(object));
      if (!why) return undefined;
      const refused = `**Unknown key** ${code(name)}: OpenClaw ${version(target.version)} refuses it.`;
      return `${refused} ${escapeProse(describeUnknownKey(why, quoteForMessage(name), quoteForMessage(target.version)))}`;
    }
  }
  // Versions before the bundle: the extension's own schema leaves most sections open; the oldest bundled release's says what they take.
  const oldest = keys?.oldest();
  if (oldest && target && compareVersions(target.version, oldest) < 0 && from.navigator.at(path).length === 0) {
    const older = keys!.schemaOf(oldest);
    if (older?.navigator.at(path).length) {
      from = older;
      notes.push(`OpenClaw ${version(target.version)} predates the bundled schemas: this is what ${oldest} takes.`);
    }
  }
  const alternatives = from.navigator.at(path);
  if (alternatives.length === 0) return undefined;
  let about = from.navigator.describe(path);
  let proseFrom: string | undefined;
  const newest = keys?.newest();
  if (!about && newest) {
    // Releases before 2026.4.7 print hardly any descriptions: the newest release's, for the same key, says what it is.
    const later = keys!.schemaOf(newest);
    const keyPath = from.navigator.keyPath(path);
    if (later && later !== from && keyPath !== undefined && later.navigator.keyPath(path) === keyPath) {
      about = later.navigator.describe(path);
      if (about) proseFrom = newest;
    }
  }
  const summary = summarizeValue(from.navigator, alternatives, code);
  const facts = [
    summary.type && `Type: ${summary.type}`,
    summary.default && `Default: ${code(JSON.stringify(summary.default.value) ?? 'undefined')}`,
  ];
  return [
    about?.title ? `**${escape(about.title)}** · ${code(name)}` : code(name),
    about?.description ? escapeProse(about.description) : undefined,
    facts.filter(Boolean).join(' · '),
    ...notes,
    `*From ${escapeProse(from.label)}${proseFrom ? `; the description is ${proseFrom}'s` : ''}*`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** What the bundle says of a key the version checked lacks. */
function changeNote(change: KeyChange, target: TargetVersion): string {
  const yours = `${version(target.version)} (${target.source === 'default' ? 'the version checked' : 'your version'})`;
  if (change.kind === 'newer') return `**Added in OpenClaw ${change.release}**: ${yours} does not know it.`;
  const last = change.lastWith ? `; ${change.lastWith} was the last release with it` : '';
  return `**Removed in OpenClaw ${change.release}**: ${yours} refuses it${last}.`;
}

/** Whether an object there takes only the keys its schema names (OpenClaw's objects are strict). */
function isClosed(alternatives: JsonSchema[]): boolean {
  const objects = alternatives.filter((schema) => schema.type === 'object' || schema.properties);
  return objects.length > 0 && objects.every((schema) => schema.additionalProperties === false);
}

/** A version as the file may write it: shortened and escaped (meta.lastTouchedVersion is the file's text). */
function version(text: string): string {
  return escapeProse(quoteForMessage(text));
}

/** The card of what a reference selects; the model card itself lists the model's aliases. */
function resolutionCard(analysis: Analysis, resolution: Resolution, context: HoverContext): string {
  switch (resolution.kind) {
    case 'model':
      return modelCard(analysis, resolution.model, context);
    case 'wildcard': {
      const count = resolution.providerConfig?.models.length ?? 0;
      return (
        `**Every model of ${code(resolution.provider)}**` + (resolution.providerConfig ? ` (${count} configured in ${analysis.scope})` : '')
      );
    }
    case 'unknown': {
      const ref = code(`${resolution.provider}/${resolution.modelId}`);
      const aliasLine = resolution.alias?.alias ? `Alias **${escape(quoteForMessage(resolution.alias.alias.value))}** →\n\n` : '';
      if (resolution.certain) {
        return `${aliasLine}**Unknown model** ${ref}\n\n${escape(resolution.why)}: OpenClaw fails with "Unknown model".`;
      }
      return `${aliasLine}${ref} is not defined in ${analysis.scope}: ${escape(resolution.why)}.`;
    }
    case 'unresolved':
      return `${code(resolution.word)} is not an alias or a model id defined in ${analysis.scope}.`;
  }
}

function modelCard(analysis: Analysis, model: ConfiguredModel, context: HoverContext): string {
  const facts = effectiveModel(model);
  const bedrock = isBedrockProvider(model.provider);
  const listed = bedrock ? context.facts(model.id) : undefined;
  const ref = `${model.provider.id}/${model.id}`;
  const title = model.name ? `**${escape(quoteForMessage(model.name.value))}** · ${code(ref)}` : code(ref);
  const aliases = analysis.resolver.aliasesFor(model);
  const aliasLine =
    aliases.length > 0 ? `Alias: ${aliases.map((alias) => `**${escape(quoteForMessage(alias))}**`).join(', ')}` : 'No alias';

  // Where the file sets no prices, OpenClaw counts $0: show that, and the list price beside it.
  const fileHasPrices = !facts.cost.input.isDefault || !facts.cost.output.isDefault;
  const listPrice = !fileHasPrices ? listed?.price : undefined;
  const rows: [string, string[]][] = [['USD', [price(facts.cost.input), price(facts.cost.output)]]];
  if (listPrice) rows.push(['list price¹', [formatUsd(listPrice.input), formatUsd(listPrice.output)]]);
  const labels = ['Input', 'Output'];
  const cache: [string, number | undefined, number | undefined][] = [
    ['Cache read', facts.cost.cacheRead, listPrice?.cacheRead],
    ['Cache write', facts.cost.cacheWrite, listPrice?.cacheWrite],
  ];
  for (const [label, fileValue, listValue] of cache) {
    if (fileValue === undefined && listValue === undefined) continue;
    labels.push(label);
    rows[0]![1].push(fileValue === undefined ? '—' : formatUsd(fileValue));
    if (listPrice) rows[1]![1].push(listValue === undefined ? '—' : formatUsd(listValue));
  }
  const table = [
    `| per 1M tokens | ${labels.join(' | ')} |`,
    `|:--|${labels.map(() => '--:').join('|')}|`,
    ...rows.map(([label, values]) => `| ${label} | ${values.join(' | ')} |`),
  ].join('\n');

  const example = (prices: { input: number; output: number }) =>
    formatUsd(requestCost(prices, EXAMPLE_REQUEST.inputTokens, EXAMPLE_REQUEST.outputTokens));
  let exampleLine = `${EXAMPLE_REQUEST.inputTokens / 1000}k in + ${EXAMPLE_REQUEST.outputTokens / 1000}k out: **${example({ input: facts.cost.input.value, output: facts.cost.output.value })}**`;
  if (listPrice) exampleLine += ` · at list price **${example(listPrice)}**\n\n¹ ${escape(listed!.priceSource ?? 'built-in table')}`;

  const limits = [
    `Context **${formatCount(facts.contextWindow.value)}**${defaultMark(facts.contextWindow)}`,
    `max output **${formatCount(facts.maxTokens.value)}**${defaultMark(facts.maxTokens)}`,
    `reasoning **${facts.reasoning.value ? 'yes' : 'no'}**${defaultMark(facts.reasoning)}`,
    `input **${facts.input.value.map(escape).join(', ')}**${defaultMark(facts.input)}`,
  ].join(' · ');

  const sections = [`${title}  \n${aliasLine} · provider ${code(model.provider.id)}`, table, exampleLine, limits];
  if (bedrock) sections.push(catalogSection(model.id, context));
  const lastTest = context.testResults?.last(ref);
  if (lastTest) {
    const { measurements } = lastTest;
    const when = new Date(measurements.at).toTimeString().slice(0, 5);
    const how =
      measurements.outcome === 'complete' ? '' : ` (${measurements.outcome}${measurements.error ? `: ${escape(measurements.error)}` : ''})`;
    sections.push(`Last test, ${when}${how}: ${formatMeasurements(measurements, lastTest.prices)}`);
  }
  return sections.join('\n\n');
}

/** What the Bedrock catalog says of an id: maker, lifecycle, how it can be invoked, its profiles. */
function catalogSection(id: string, context: CatalogContext): string {
  const snapshot = context.catalog.snapshot;
  const where = `${snapshot.origin === 'live' ? 'live catalog' : 'built-in catalog'}, ${snapshot.region}`;
  const entry = context.catalog.get(id);
  if (!entry) return `Bedrock (${where}): not listed`;
  const parts = [`**${escape(entry.provider)}**`, entry.lifecycle === 'LEGACY' ? '**legacy**' : 'active'];
  if (entry.kind === 'inference-profile') {
    parts.push(`inference profile for ${(entry.baseModelIds ?? [baseModelId(id)]).map(code).join(', ')}`);
  } else {
    parts.push(entry.onDemand ? 'on demand' : '**inference profile only**');
  }
  let section = `Bedrock (${where}): ${parts.join(' · ')}`;
  const profiles = entry.kind === 'foundation-model' ? context.catalog.profilesFor(id) : [];
  if (profiles.length > 0) section += `  \nProfiles: ${profiles.map((profile) => code(profile.id)).join(', ')}`;
  return section;
}

function price(value: Effective<number>): string {
  return formatUsd(value.value) + defaultMark(value);
}

function defaultMark(value: Effective<unknown>): string {
  return value.isDefault ? ' *(default)*' : '';
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Schema prose keeps its `code` and punctuation; only what could make links, HTML or tables is escaped. */
export function escapeProse(text: string): string {
  return text.replace(/[\\[\]<>|*_]/g, '\\$&');
}

/** Ids, refs and keys in code spans, shortened: they are the file's text, of any length. */
export function code(text: string): string {
  const shown = quoteForMessage(text);
  const fence = shown.includes('`') ? '``' : '`';
  return `${fence}${shown}${fence}`;
}
