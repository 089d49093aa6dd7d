import { Analysis } from './analysis';
import { AliasEntry, ConfiguredModel } from './configModel';
import { FileEdits } from './edits/fileEdits';
import { FileStyle, renderKey, renderString } from './edits/fileStyle';
import { appendAtPath, appendProperties, NewProperty, OffsetEdit, replaceNode } from './edits/objectEdits';
import { propertyValue } from './parser/ast';
import { SourceFile } from './sourceFile';

/** A configured model that no entry of agents.defaults.models gives an alias. */
export interface MissingAlias {
  model: ConfiguredModel;
  /** Its entries in agents.defaults.models that have no (or an empty) alias. */
  entries: AliasEntry[];
}

export function modelsWithoutAlias(analysis: Analysis): MissingAlias[] {
  const missing: MissingAlias[] = [];
  for (const model of analysis.config.models) {
    const entries = analysis.resolver.entriesFor(model);
    if (!entries.some((entry) => entry.alias && entry.alias.value.trim() !== '')) missing.push({ model, entries });
  }
  return missing;
}

export interface AliasPlan {
  edits: FileEdits;
  /** The alias chosen for each model the edits cover. */
  aliases: Map<ConfiguredModel, string>;
}

const ALIAS_MAP_PATH = ['agents', 'defaults', 'models'];

/**
 * Edits that give each model an alias taken from its `name` (made unique, case-insensitively):
 * into its existing entry when it has one, else as a new entry of agents.defaults.models, creating
 * `agents`, `defaults` and `models` where missing. Undefined when no safe edit exists.
 */
export function planAliasEdits(analysis: Analysis, missing: MissingAlias[]): AliasPlan | undefined {
  const taken = takenAliases(analysis);
  const edits = new FileEdits();
  const aliases = new Map<ConfiguredModel, string>();
  const newEntries: { model: ConfiguredModel; ref: string; alias: string }[] = [];
  for (const { model, entries } of missing) {
    const alias = uniqueAlias(model.name?.value.trim() || model.id, taken);
    const existing = entries[entries.length - 1];
    if (existing) {
      const file = analysis.fileOf(existing.keyNode);
      const entryEdits = aliasIntoEntry(file, existing, alias);
      if (!entryEdits) continue;
      edits.add(file, entryEdits);
      aliases.set(model, alias);
    } else {
      newEntries.push({ model, ref: `${model.provider.id}/${model.id}`, alias });
    }
    taken.add(alias.toLowerCase());
  }
  const mapEdits = newEntries.length > 0 ? aliasMapEdits(analysis, newEntries) : undefined;
  if (mapEdits) {
    edits.addAll(mapEdits);
    for (const entry of newEntries) aliases.set(entry.model, entry.alias);
  }
  return aliases.size > 0 ? { edits, aliases } : undefined;
}

/** The aliases of agents.defaults.models, lower-cased. */
function takenAliases(analysis: Analysis): Set<string> {
  return new Set(analysis.config.aliases.flatMap((entry) => (entry.agent === undefined && entry.alias ? [entry.alias.value.trim().toLowerCase()] : [])));
}

/** An alias from a model's name that no entry of agents.defaults.models has yet. */
export function newAlias(analysis: Analysis, name: string): string {
  return uniqueAlias(name.trim(), takenAliases(analysis));
}

/**
 * Edits that add `ref: { alias }` entries to agents.defaults.models, creating what is missing on the
 * way, written like the map's existing entries. Undefined when no safe place exists.
 */
export function aliasMapEdits(analysis: Analysis, entries: { ref: string; alias: string }[]): FileEdits | undefined {
  const point = analysis.insertionPoint(ALIAS_MAP_PATH);
  if (!point) return undefined;
  const style = aliasEntryStyle(analysis, point.file);
  const properties: NewProperty[] = entries.map(({ ref, alias }) => ({ key: ref, render: () => inlineAliasObject(style, alias) }));
  const edits = appendAtPath(point.file.text, style, point.object, point.missing, properties);
  return edits && new FileEdits().add(point.file, edits);
}

/** A file's style, refined by how the alias entries written there look: new ones should look alike. */
function aliasEntryStyle(analysis: Analysis, file: SourceFile): FileStyle {
  const style = file.style;
  const sibling = [...analysis.config.aliases].reverse().find((entry) => entry.agent === undefined && entry.body && entry.alias && analysis.fileOf(entry.keyNode) === file);
  if (!sibling) return style;
  const aliasProperty = sibling.alias!.node.parent!;
  const aliasKey = aliasProperty.children![0]!;
  const body = sibling.body!;
  const text = file.text;
  const oneLine = !text.slice(body.offset, body.end).includes('\n');
  return {
    ...style,
    keyQuote: aliasKey.quote,
    stringQuote: sibling.alias!.node.quote === "'" ? "'" : '"',
    colonSpace: text.charCodeAt(aliasProperty.colonOffset + 1) === 0x20 ? ' ' : '',
    inlinePadding: oneLine ? (text.charCodeAt(body.offset + 1) === 0x20 ? ' ' : '') : style.inlinePadding,
  };
}

function uniqueAlias(base: string, taken: Set<string>): string {
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function inlineAliasObject(style: FileStyle, alias: string): string {
  const pad = style.inlinePadding;
  return `{${pad}${renderKey('alias', style)}:${style.colonSpace}${renderString(alias, style.stringQuote)}${pad}}`;
}

function aliasIntoEntry(file: SourceFile, entry: AliasEntry, alias: string): OffsetEdit[] | undefined {
  const body = entry.body && (entry.body.origin ?? entry.body);
  if (!body) return undefined;
  const current = propertyValue(entry.body, 'alias');
  if (current?.type === 'string') return [replaceNode(current, renderString(alias, current.quote === "'" ? "'" : '"'))];
  return appendProperties(file.text, file.style, body, [{ key: 'alias', render: () => renderString(alias, file.style.stringQuote) }], { inlineWhenEmpty: true });
}
