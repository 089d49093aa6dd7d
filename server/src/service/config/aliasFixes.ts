import { Analysis } from './analysis';
import { AliasEntry, ConfiguredModel } from './configModel';
import { EditSequence } from '../edits/editSequence';
import { FileEdits } from '../edits/fileEdits';
import { FileStyle, renderKey, renderString } from '../edits/fileStyle';
import { appendAtPath, appendProperties, NewProperty, OffsetEdit, replaceNode } from '../edits/objectEdits';
import { AllowlistMigration, allowlistMarkerEdits, migrateAllowlistEdits, pendingAllowlistMigration } from './legacy';
import { releaseRules } from './releaseRules';
import { propertyValue } from '../parser/ast';
import { SourceFile } from '../parser/sourceFile';

/** A configured model that no entry of agents.defaults.models gives an alias. */
export interface MissingAlias {
  model: ConfiguredModel;
  /** Its entries in agents.defaults.models that have no (or an empty) alias. */
  entries: readonly AliasEntry[];
}

export function refOf(model: ConfiguredModel): string {
  return `${model.provider.id}/${model.id}`;
}

/**
 * The models without an alias, once per reference: a provider that lists an id twice has one model
 * by that reference (at its first entry), which an alias on either entry's reference names.
 */
export function modelsWithoutAlias(analysis: Analysis): MissingAlias[] {
  const byRef = new Map<string, MissingAlias>();
  for (const model of analysis.config.models) {
    const ref = refOf(model);
    const entries = analysis.resolver.entriesFor(model);
    const found = byRef.get(ref);
    if (!found) byRef.set(ref, { model, entries });
    // Rare (an id listed twice): the entries of both, each once, in a list of its own.
    else for (const entry of entries) if (!found.entries.includes(entry)) found.entries = [...found.entries, entry];
  }
  const missing: MissingAlias[] = [];
  for (const found of byRef.values()) {
    if (!found.entries.some((entry) => entry.alias && entry.alias.value.trim() !== '')) missing.push(found);
  }
  return missing;
}

/*
 * What new entries of agents.defaults.models do to the models /model may select (see modelPolicy.ts), and
 * how a fix that adds them keeps that as it is. Measured with `openclaw models status --json` (its
 * "allowed" list) on 2026.9.6, and read in its code (computeModelPolicyAllowlist): without the migration
 * marker and without a modelPolicy object, a map with at least one key is the allowlist; with either,
 * the map names aliases only. OpenClaw itself sets the marker on every write of the file.
 */
export type NewEntryEffect =
  /** Nothing: the map names aliases only (a modelPolicy object, or the marker; 2026.8.1+). */
  | { kind: 'none' }
  /** 2026.8.1+, the map absent or without keys, not migrated: filled, it would be the allowlist; the marker first keeps it aliases only. */
  | { kind: 'mark-first' }
  /** 2026.8.1+, the map still is the allowlist: moved to modelPolicy.allow first (as doctor --fix does), new entries are aliases. */
  | { kind: 'migrate-first'; migration: AllowlistMigration }
  /** Before 2026.8.1, the map has no entries yet: once filled it limits /model to them. */
  | { kind: 'limits' }
  /** The map is the allowlist and stays so (before 2026.8.1, or keys doctor cannot migrate): the new entries become selectable. */
  | { kind: 'extends' };

export function newEntryEffect(analysis: Analysis, version: string): NewEntryEffect {
  const { config } = analysis;
  if (!releaseRules(version).modelPolicy) {
    return (config.aliasMap?.children?.length ?? 0) > 0 ? { kind: 'extends' } : { kind: 'limits' };
  }
  if (config.modelPolicy || config.allowlistMigrated) return { kind: 'none' };
  const migration = pendingAllowlistMigration(analysis, version);
  if (!migration || migration.refs.length === 0) return { kind: 'mark-first' };
  return migration.invalid.length > 0 ? { kind: 'extends' } : { kind: 'migrate-first', migration };
}

/** What a fix's title adds about /model: what the fix changes there, or does first so that nothing changes. */
export function allowlistNote(effect: NewEntryEffect, count: number): string {
  switch (effect.kind) {
    case 'mark-first':
      return ' (marking the map as aliases only, so it does not limit /model)';
    case 'migrate-first':
      return ' (moving the /model allowlist to agents.defaults.modelPolicy.allow first)';
    case 'limits':
      return ' (the alias map then limits /model to its entries)';
    case 'extends':
      return ` (which also lets /model select ${count === 1 ? 'it' : 'them'}: the alias map is its allowlist)`;
    default:
      return '';
  }
}

/**
 * The edits before new alias entries that keep /model's choices as they are: the marker, or the
 * allowlist's migration. The sequence unchanged when none are needed; undefined when they cannot be made.
 */
export function keepAllowlist(sequence: EditSequence, effect: NewEntryEffect): EditSequence | undefined {
  if (effect.kind === 'mark-first') return sequence.then(allowlistMarkerEdits(sequence.current));
  if (effect.kind === 'migrate-first') return sequence.then(migrateAllowlistEdits(sequence.current, effect.migration));
  return sequence;
}

export interface AliasFix {
  /** The sequence the edits are planned on: the configuration with the allowlist kept. */
  base: EditSequence;
  edits: FileEdits;
  /** The alias chosen for each model, by reference. */
  aliases: Map<string, string>;
  /** What the fix does to /model (when it adds entries to the map). */
  effect: NewEntryEffect;
}

/**
 * Alias fixes for one configuration, in a form that changes nothing /model may select where the version
 * allows (see NewEntryEffect). The step that keeps the allowlist is planned once for all the fixes.
 */
export class AliasFixer {
  private readonly effect: NewEntryEffect;
  private kept: EditSequence | undefined | null = null;
  /** The kept configuration's models without an alias, by reference. */
  private keptMissing: Map<string, MissingAlias> | undefined;

  constructor(
    private readonly start: EditSequence,
    version: string,
  ) {
    this.effect = newEntryEffect(start.current, version);
  }

  /** Aliases for these models (of the start's configuration); undefined when no safe edit exists. */
  fix(missing: MissingAlias[]): AliasFix | undefined {
    const effect: NewEntryEffect = missing.some(({ entries }) => entries.length === 0) ? this.effect : { kind: 'none' };
    const base = effect.kind === 'none' ? this.start : this.keptSequence();
    if (!base) return undefined;
    let models = missing;
    if (base !== this.start) {
      this.keptMissing ??= new Map(modelsWithoutAlias(base.current).map((item) => [refOf(item.model), item]));
      models = missing.flatMap(({ model }) => this.keptMissing!.get(refOf(model)) ?? []);
    }
    const plan = planAliasEdits(base.current, models);
    if (!plan) return undefined;
    return { base, edits: plan.edits, aliases: new Map([...plan.aliases].map(([model, alias]) => [refOf(model), alias])), effect };
  }

  private keptSequence(): EditSequence | undefined {
    if (this.kept === null) this.kept = keepAllowlist(this.start, this.effect);
    return this.kept;
  }
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
  return new Set(
    analysis.config.aliases.flatMap((entry) => (entry.agent === undefined && entry.alias ? [entry.alias.value.trim().toLowerCase()] : [])),
  );
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
  const sibling = [...analysis.config.aliases]
    .reverse()
    .find((entry) => entry.agent === undefined && entry.body && entry.alias && analysis.fileOf(entry.keyNode) === file);
  if (!sibling) return style;
  const aliasProperty = sibling.alias!.node.parent!;
  const body = sibling.body!;
  const text = file.text;
  const oneLine = !text.slice(body.offset, body.end).includes('\n');
  return {
    ...style,
    keyQuote: aliasProperty.quote,
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
  return appendProperties(file.text, file.style, body, [{ key: 'alias', render: () => renderString(alias, file.style.stringQuote) }], {
    inlineWhenEmpty: true,
  });
}
