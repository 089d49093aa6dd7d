import { Analysis } from './analysis';
import { AliasEntry, ConfiguredModel } from './configModel';
import { releaseRules } from './releaseRules';
import { findNodeAtPath, JsonNode, keyText, propertyValue, stringArrayValue, valueOf } from '../parser/ast';
import { quoteForMessage as q } from '../utils/quoteForMessage';

/*
 * Which models /model may select, by OpenClaw version (measured on 2026.3.31 … 2026.9.6):
 * - up to 2026.7: a non-empty agents.defaults.models is the allowlist;
 * - from 2026.8.1: agents.defaults.modelPolicy.allow is; but until the old map is migrated (the
 *   meta.migrations.modelPolicyAllowlist marker, or any modelPolicy object), the map still restricts.
 */

export type Restriction = { kind: 'none' } | { kind: 'alias-map' } | { kind: 'policy'; allow: string[] };

export function modelRestriction(analysis: Analysis, version: string): Restriction {
  const { config } = analysis;
  const mapSize = config.aliasMap?.children?.length ?? 0;
  if (!releaseRules(version).modelPolicy) return mapSize > 0 ? { kind: 'alias-map' } : { kind: 'none' };
  if (config.modelPolicy) {
    const allow = propertyValue(config.modelPolicy, 'allow');
    const refs = stringArrayValue(allow) ?? [];
    return refs.length > 0 ? { kind: 'policy', allow: refs } : { kind: 'none' };
  }
  return !config.allowlistMigrated && mapSize > 0 ? { kind: 'alias-map' } : { kind: 'none' };
}

/**
 * Whether a policy lets /model select a model: by its ref or a provider wildcard. Prepared once per
 * policy (exact refs in a set), so that checking every model of a long list stays linear.
 */
export function policyMatcher(allow: string[]): (model: ConfiguredModel) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const entry of allow) {
    const value = entry.trim().toLowerCase();
    exact.add(value);
    if (value.endsWith('/*')) prefixes.push(value.slice(0, -1));
  }
  return (model) => {
    const ref = `${model.provider.id}/${model.id}`.toLowerCase();
    return exact.has(ref) || prefixes.some((prefix) => ref.startsWith(prefix));
  };
}

/**
 * What OpenClaw 2026.8.1+ accepts in modelPolicy.allow: an alias of the scope's alias maps
 * (case-insensitive), openrouter:auto or openrouter:free, an exact provider/model (no empty
 * segment, no whitespace, no `*`), or a trailing prefix wildcard (provider/* or provider/ns/*).
 */
export function isValidPolicyRef(value: string, aliases: ReadonlySet<string>): boolean {
  const ref = value.trim();
  if (aliases.has(ref.toLowerCase())) return true;
  if (ref === 'openrouter:auto' || ref === 'openrouter:free') return true;
  if (/\s/.test(ref) || !ref.includes('/')) return false;
  // Checked in place, not split into segments: the alias map may hold thousands of refs.
  const exact = ref.endsWith('/*') ? ref.slice(0, -2) : ref;
  return exact !== '' && !exact.includes('*') && !exact.startsWith('/') && !exact.endsWith('/') && !exact.includes('//');
}

/** Aliases usable in a scope's policy: the defaults' map, plus the agent's own for an agent. */
export function policyAliases(entries: AliasEntry[], agent?: string): Set<string> {
  const aliases = new Set<string>();
  for (const entry of entries) {
    if (entry.alias && (entry.agent === undefined || entry.agent === agent)) aliases.add(entry.alias.value.trim().toLowerCase());
  }
  return aliases;
}

export interface PolicyRefIssue {
  node: JsonNode;
  path: string;
  message: string;
}

/** Entries of modelPolicy.allow OpenClaw 2026.8.1+ rejects, with its own message and path. */
export function checkPolicyRefs(analysis: Analysis): PolicyRefIssue[] {
  const root = analysis.root;
  const scopes: [path: string, scope: JsonNode | undefined, agent?: string][] = [
    ['agents.defaults', findNodeAtPath(root, ['agents', 'defaults'])],
  ];
  const entries = findNodeAtPath(root, ['agents', 'entries']);
  for (const property of entries?.type === 'object' ? entries.children! : []) {
    const agent = keyText(property);
    scopes.push([`agents.entries.${agent}`, valueOf(property), agent]);
  }
  const issues: PolicyRefIssue[] = [];
  for (const [path, scope, agent] of scopes) {
    const allow = findNodeAtPath(scope, ['modelPolicy', 'allow']);
    if (allow?.type !== 'array') continue;
    const aliases = policyAliases(analysis.config.aliases, agent);
    allow.children!.forEach((item, index) => {
      if (item.type !== 'string' || isValidPolicyRef(item.value as string, aliases)) return;
      issues.push({
        node: item,
        path: `${path}.modelPolicy.allow.${index}`,
        message: `invalid model policy ref: "${q(String(item.value))}". Use a configured alias, an exact "provider/model" ref, or a trailing prefix wildcard such as "provider/*" or "provider/namespace/*".`,
      });
    });
  }
  return issues;
}
