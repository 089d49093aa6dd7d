import { Analysis } from './analysis';
import { FileEdits } from '../edits/fileEdits';
import { renderString } from '../edits/fileStyle';
import {
  appendAtPath,
  appendProperties,
  indentationOf,
  multiLineObject,
  NewProperty,
  removeProperty,
  replaceNode,
} from '../edits/objectEdits';
import { TargetVersion } from './openclawVersions';
import { findNodeAtPath, findProperty, JsonNode, keyText, valueOf } from '../parser/ast';
import { isValidPolicyRef, policyAliases } from './modelPolicy';
import { releaseRules, releaseThatChanged } from './releaseRules';

/*
 * Keys that newer OpenClaw moved, and the fixes `openclaw doctor --fix` applies to them, measured on
 * 2026.3.31 … 2026.9.6 (doctor run on copies, and its code read):
 * - models.bedrockDiscovery: unknown from 2026.4.5. Doctor 2026.4.5 … 2026.5.7 moves it to
 *   plugins.entries.amazon-bedrock.config.discovery (fields already there win, the others are
 *   filled in); from 2026.5.12, with the Bedrock plugin external, it deletes the key instead.
 * - agents.defaults.models as the allowlist: from 2026.8.1 the allowlist is modelPolicy.allow.
 *   Doctor copies every key of the map, verbatim and in order, into it and sets
 *   meta.migrations.modelPolicyAllowlist; an empty map gets only the marker; if a key is not a
 *   valid policy ref, nothing is migrated.
 * Our edits make the same changes in the user's own text; doctor rewrites the file as plain JSON.
 */

export const LEGACY_DISCOVERY_PATH = ['models', 'bedrockDiscovery'];
const DISCOVERY_PATH = ['plugins', 'entries', 'amazon-bedrock', 'config', 'discovery'];
const ALLOWLIST_MARKER_PATH = ['meta', 'migrations', 'modelPolicyAllowlist'];

export function legacyDiscovery(analysis: Analysis): JsonNode | undefined {
  return findProperty(findNodeAtPath(analysis.root, ['models']), 'bedrockDiscovery');
}

/** Whether the target version's doctor deletes the legacy key rather than moving it. */
export function doctorDeletesDiscovery(version: string): boolean {
  return releaseRules(version).doctorOnLegacyDiscovery === 'deletes';
}

/** Says when the key moved and what the target's doctor does; and, for a file an older release wrote with it, that release. */
export function describeLegacyDiscovery(target: TargetVersion, rejects: string): string {
  const doctor = doctorDeletesDiscovery(target.version) ? 'deletes it' : 'moves it there';
  const moved = `moved to plugins.entries.amazon-bedrock.config.discovery in OpenClaw ${releaseThatChanged('discovery')}`;
  const writer = target.writtenBy;
  const what =
    writer && releaseRules(writer).discovery === 'models'
      ? `OpenClaw ${writer} wrote this file (meta.lastTouchedVersion) with models.bedrockDiscovery, which ${moved}`
      : `models.bedrockDiscovery ${moved}`;
  return `${what}: ${rejects} ("openclaw doctor --fix" of this version ${doctor}.)`;
}

/** Moves models.bedrockDiscovery to the plugin's place, filling only fields missing there. */
export function moveDiscoveryEdits(analysis: Analysis): FileEdits | undefined {
  const legacy = legacyDiscovery(analysis);
  // The fields as written where the key is, $include and all: what an include brings stays in its file.
  const legacyValue = legacy && valueOf(legacy.origin ?? legacy);
  if (!legacy || legacyValue?.type !== 'object') return undefined;
  const edits = removeDiscoveryEdits(analysis)!;
  const fields = (legacyValue.children ?? []).filter((field) => valueOf(field));
  if (fields.length === 0) return edits;
  const copy = (field: JsonNode): NewProperty => {
    const { text } = analysis.fileOf(field);
    const value = valueOf(field)!;
    return {
      key: keyText(field),
      render: (indent) => reindent(text.slice(value.offset, value.end), indentationOf(text, field.offset), indent),
    };
  };
  const target = findNodeAtPath(analysis.root, DISCOVERY_PATH);
  if (target && target.type !== 'object') return undefined;
  if (target) {
    const present = new Set((target.children ?? []).map(keyText));
    const missing = fields.filter((field) => !present.has(keyText(field)));
    if (missing.length === 0) return edits;
    const object = target.origin ?? target;
    const file = analysis.fileOf(object);
    const fill = appendProperties(file.text, file.style, object, missing.map(copy));
    return fill && edits.add(file, fill);
  }
  const point = analysis.insertionPoint(DISCOVERY_PATH.slice(0, -1));
  if (!point) return undefined;
  const { file } = point;
  const discovery: NewProperty = { key: 'discovery', render: (indent) => multiLineObject(file.style, indent, fields.map(copy)) };
  const insert = appendAtPath(file.text, file.style, point.object, point.missing, [discovery]);
  return insert && edits.add(file, insert);
}

/** Deletes models.bedrockDiscovery, as doctor 2026.5.12+ does without the Bedrock plugin. */
export function removeDiscoveryEdits(analysis: Analysis): FileEdits | undefined {
  const legacy = legacyDiscovery(analysis);
  if (!legacy) return undefined;
  const property = legacy.origin ?? legacy;
  const file = analysis.fileOf(property);
  return new FileEdits().add(file, [removeProperty(file.text, property)]);
}

export interface AllowlistMigration {
  /** The alias map's keys that become modelPolicy.allow (empty: only the marker is set). */
  refs: string[];
  /** Keys that are no valid policy ref: doctor then migrates nothing. */
  invalid: string[];
}

/** Whether the alias map still carries the allowlist role a 2026.8.1+ OpenClaw would migrate. */
export function pendingAllowlistMigration(analysis: Analysis, version: string): AllowlistMigration | undefined {
  const { config } = analysis;
  if (!releaseRules(version).modelPolicy || config.allowlistMigrated || config.modelPolicy || !config.aliasMap) return undefined;
  const refs = config.aliasMap.children!.map(keyText).filter((key) => key.trim() !== '');
  const aliases = policyAliases(config.aliases.filter((entry) => entry.agent === undefined));
  return { refs, invalid: refs.filter((ref) => !isValidPolicyRef(ref, aliases)) };
}

/** modelPolicy.allow with every key of the alias map, and the marker, as doctor --fix writes them. */
export function migrateAllowlistEdits(analysis: Analysis, migration: AllowlistMigration): FileEdits | undefined {
  if (migration.invalid.length > 0) return undefined;
  const edits = new FileEdits();
  if (migration.refs.length > 0) {
    const point = analysis.insertionPoint(['agents', 'defaults']);
    if (!point) return undefined;
    const { style } = point.file;
    const allow: NewProperty = {
      key: 'allow',
      render: (indent) => {
        const inner = indent + style.indentUnit;
        const items = migration.refs.map((ref) => `${inner}${renderString(ref, style.stringQuote)}`);
        return `[${style.eol}${items.join(`,${style.eol}`)}${style.trailingCommas ? ',' : ''}${style.eol}${indent}]`;
      },
    };
    const policy = appendAtPath(point.file.text, style, point.object, point.missing, [
      { key: 'modelPolicy', render: (indent) => multiLineObject(style, indent, [allow]) },
    ]);
    if (!policy) return undefined;
    edits.add(point.file, policy);
  }
  const marker = allowlistMarkerEdits(analysis);
  return marker ? edits.addAll(marker) : undefined;
}

/**
 * meta.migrations.modelPolicyAllowlist: true, what OpenClaw 2026.8.1+ writes once the alias map no longer
 * is the allowlist (a value other than true is replaced). Undefined when no safe place exists.
 */
export function allowlistMarkerEdits(analysis: Analysis): FileEdits | undefined {
  const found = findNodeAtPath(analysis.root, ALLOWLIST_MARKER_PATH);
  const current = found && (found.origin ?? found);
  if (current) return new FileEdits().add(analysis.fileOf(current), [replaceNode(current, 'true')]);
  const point = analysis.insertionPoint(ALLOWLIST_MARKER_PATH.slice(0, -1));
  const property = { key: ALLOWLIST_MARKER_PATH[ALLOWLIST_MARKER_PATH.length - 1]!, render: () => 'true' };
  const marker = point && appendAtPath(point.file.text, point.file.style, point.object, point.missing, [property]);
  return marker && new FileEdits().add(point.file, marker);
}

/** Moves a multi-line value from one indentation to another; its first line stays where it is put. */
function reindent(value: string, from: string, to: string): string {
  return value
    .split('\n')
    .map((line, index) => (index > 0 && line.startsWith(from) ? to + line.slice(from.length) : line))
    .join('\n');
}
