import { Analysis } from './analysis';
import { AliasEntry, ConfiguredModel } from './configModel';
import { FileStyle, renderKey, renderString } from './edits/fileStyle';
import { appendAtPath, appendProperties, NewProperty, OffsetEdit, replaceNode } from './edits/objectEdits';
import { propertyValue } from './parser/ast';

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
  edits: OffsetEdit[];
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
  const style = aliasEntryStyle(analysis);
  const taken = new Set(
    analysis.config.aliases.flatMap((entry) => (entry.agent === undefined && entry.alias ? [entry.alias.value.trim().toLowerCase()] : [])),
  );
  const edits: OffsetEdit[] = [];
  const aliases = new Map<ConfiguredModel, string>();
  const newEntries: { model: ConfiguredModel; alias: string; property: NewProperty }[] = [];
  for (const { model, entries } of missing) {
    const alias = uniqueAlias(model.name?.value.trim() || model.id, taken);
    const existing = entries[entries.length - 1];
    if (existing) {
      const entryEdits = aliasIntoEntry(analysis.text, style, existing, alias);
      if (!entryEdits) continue;
      edits.push(...entryEdits);
      aliases.set(model, alias);
    } else {
      const property = { key: `${model.provider.id}/${model.id}`, render: () => inlineAliasObject(style, alias) };
      newEntries.push({ model, alias, property });
    }
    taken.add(alias.toLowerCase());
  }
  const mapEdits = newEntries.length > 0 ? addToAliasMap(analysis, style, newEntries.map((entry) => entry.property)) : undefined;
  if (mapEdits) {
    edits.push(...mapEdits);
    for (const entry of newEntries) aliases.set(entry.model, entry.alias);
  }
  return aliases.size > 0 ? { edits, aliases } : undefined;
}

/** The file's style, refined by how its existing alias entries are written: new ones should look alike. */
function aliasEntryStyle(analysis: Analysis): FileStyle {
  const style = analysis.style;
  const sibling = [...analysis.config.aliases].reverse().find((entry) => entry.agent === undefined && entry.body && entry.alias);
  if (!sibling) return style;
  const aliasProperty = sibling.alias!.node.parent!;
  const aliasKey = aliasProperty.children![0]!;
  const body = sibling.body!;
  const text = analysis.text;
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

function aliasIntoEntry(text: string, style: FileStyle, entry: AliasEntry, alias: string): OffsetEdit[] | undefined {
  if (!entry.body) return undefined;
  const current = propertyValue(entry.body, 'alias');
  if (current?.type === 'string') return [replaceNode(current, renderString(alias, current.quote === "'" ? "'" : '"'))];
  return appendProperties(text, style, entry.body, [{ key: 'alias', render: () => renderString(alias, style.stringQuote) }], { inlineWhenEmpty: true });
}

/** Appends entries to agents.defaults.models, creating the missing objects on the way. */
function addToAliasMap(analysis: Analysis, style: FileStyle, entries: NewProperty[]): OffsetEdit[] | undefined {
  return appendAtPath(analysis.text, style, analysis.parse.root, ALIAS_MAP_PATH, entries);
}
