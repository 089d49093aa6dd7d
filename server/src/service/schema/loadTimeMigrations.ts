import { releaseRules } from '../config/releaseRules';
import { SchemaIssue } from './schemaValidator';

/*
 * What OpenClaw 2026.8.1+ rewrites in memory before it validates a file (its legacy.context-budget
 * and legacy.roster steps, read in 2026.9.6): the schema no longer has these keys, yet files with
 * them load, with a warning. We validate the same rewritten value, so our verdict and paths are
 * OpenClaw's (an error inside agents.list[0] is reported at agents.entries.<id>), and `filePath`
 * leads each of those paths back to the text the user wrote, to underline it there.
 */

export type ValuePath = (string | number)[];

export interface ValidatedValue {
  value: unknown;
  /** Where a path of the validated value is in the file. */
  filePath(path: ValuePath): ValuePath;
  /** Problems OpenClaw's own rules find that its JSON Schema cannot express, given what the schema found. */
  ruleIssues(schemaIssues: SchemaIssue[]): PlacedRuleIssue[];
}

/** An issue, with the path OpenClaw prints, and where in the file to show it. */
export interface PlacedRuleIssue {
  issue: SchemaIssue;
  filePath: ValuePath;
}

type Json = Record<string, unknown>;
/** A moved subtree: paths under `validated` come from under `file`. */
type Move = { validated: ValuePath; file: ValuePath };

/** `value` is rewritten in place: pass a copy made for validation. */
export function valueOpenClawValidates(value: unknown, version: string): ValidatedValue {
  if (!releaseRules(version).loadTimeMigrations || !isRecord(value)) {
    return { value, filePath: (path) => path, ruleIssues: () => [] };
  }
  const writtenAgentKeys = new Set(isRecord(value.agents) ? Object.keys(value.agents) : []);
  const moves: Move[] = [];
  migrateContextBudgets(value, moves);
  migrateAgentRoster(value, moves);
  return {
    value,
    ruleIssues: (schemaIssues) => rosterIssues(writtenAgentKeys, value, schemaIssues),
    filePath: (path) => {
      const move = moves.find((candidate) => candidate.validated.every((part, index) => path[index] === part));
      return move ? [...move.file, ...path.slice(move.validated.length)] : path;
    },
  };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A provider's contextTokens/contextWindow goes into each of its models that lacks one; agents' contextTokens goes away. */
function migrateContextBudgets(root: Json, moves: Move[]): void {
  const providers = isRecord(root.models) ? root.models.providers : undefined;
  if (isRecord(providers)) {
    for (const [providerId, provider] of Object.entries(providers)) {
      if (!isRecord(provider)) continue;
      for (const key of ['contextTokens', 'contextWindow']) {
        if (!Object.hasOwn(provider, key)) continue;
        if (Array.isArray(provider.models)) {
          provider.models.forEach((model, index) => {
            if (!isRecord(model) || model[key] !== undefined) return;
            model[key] = provider[key];
            moves.push({
              validated: ['models', 'providers', providerId, 'models', index, key],
              file: ['models', 'providers', providerId, key],
            });
          });
        }
        delete provider[key];
      }
    }
  }
  const agents = root.agents;
  if (!isRecord(agents)) return;
  const dropContextTokens = (record: unknown) => {
    if (isRecord(record)) delete record.contextTokens;
  };
  dropContextTokens(agents.defaults);
  if (isRecord(agents.entries)) Object.values(agents.entries).forEach(dropContextTokens);
  if (Array.isArray(agents.list)) agents.list.forEach(dropContextTokens);
}

/**
 * The agent roster: agents.list becomes agents.entries keyed by id, when there are no entries and
 * every id is a clean, unique agent id; no agents at all become one, `main`, unless ownership is
 * explicit. A list it cannot convert stays, and the schema refuses it.
 */
function migrateAgentRoster(root: Json, moves: Move[]): void {
  const agents = root.agents;
  if (!isRecord(agents)) return;
  if (!hasValue(agents, 'entries') && hasValue(agents, 'list')) {
    const entries = keyedAgentList(agents.list);
    if (!entries) return;
    delete agents.list;
    agents.entries = entries;
    Object.keys(entries).forEach((id, index) => moves.push({ validated: ['agents', 'entries', id], file: ['agents', 'list', index] }));
  }
  const entries = agents.entries;
  if ((entries === undefined || (isRecord(entries) && Object.keys(entries).length === 0)) && agents.ownership !== 'explicit')
    agents.entries = { main: {} };
}

function hasValue(record: Json, key: string): boolean {
  return Object.hasOwn(record, key) && record[key] !== undefined;
}

function keyedAgentList(list: unknown): Json | undefined {
  if (!Array.isArray(list)) return undefined;
  const entries: Json = {};
  for (const item of list as unknown[]) {
    if (!isRecord(item)) return undefined;
    const { id, ...config } = item;
    if (typeof id !== 'string' || !id || id.trim() !== id || normalizeAgentId(id) !== id || Object.hasOwn(entries, id)) return undefined;
    if (Object.hasOwn(config, 'default') && typeof config.default !== 'boolean') return undefined;
    entries[id] = config;
  }
  return entries;
}

/**
 * What OpenClaw's agents schema checks beyond the JSON Schema it prints (a zod superRefine, which
 * runs only when nothing inside `agents` failed): at least one agent, ids unique once normalized,
 * and who owns a multi-agent roster (agents.ownership "explicit", or one legacy default=true marker).
 */
function rosterIssues(writtenAgentKeys: ReadonlySet<string>, root: Json, schemaIssues: SchemaIssue[]): PlacedRuleIssue[] {
  const agents = root.agents;
  if (!isRecord(agents)) return [];
  const failedInside = schemaIssues.some((issue) => issue.path[0] === 'agents' && (issue.path.length > 1 || issue.kind !== 'unknown-key'));
  const entries = agents.entries === undefined ? {} : agents.entries;
  if (failedInside || !isRecord(entries)) return [];
  const place = (...keys: string[]): ValuePath => {
    const present = keys.find((key) => writtenAgentKeys.has(key));
    return present ? ['agents', present] : ['agents'];
  };
  const issues: PlacedRuleIssue[] = [];
  const add = (path: ValuePath, filePath: ValuePath, message: string) =>
    issues.push({ issue: { path, kind: 'invalid-value', message }, filePath });

  const ids = Object.keys(entries);
  if (ids.length === 0) add(['agents', 'entries'], place('list', 'entries'), 'agents.entries must contain at least one configured agent');
  const firstKeyById = new Map<string, string>();
  for (const key of ids) {
    const id = normalizeAgentId(key);
    const first = firstKeyById.get(id);
    if (first === undefined) firstKeyById.set(id, key);
    else
      add(
        ['agents', 'entries', key],
        ['agents', 'entries', key],
        `agents.entries keys "${first}" and "${key}" resolve to the same agent id "${id}"; rename one key so each agent has a unique id`,
      );
  }
  const marked = ids.filter((id) => isRecord(entries[id]) && entries[id].default === true).length;
  const explicit = agents.ownership === 'explicit';
  // One marker and no explicit ownership: OpenClaw turns the marker into ownership as it loads.
  if (marked === 1 && !explicit) return issues;
  if (marked > 1)
    add(['agents', 'entries'], place('entries', 'list'), `agents.entries must contain at most one default=true entry (found ${marked})`);
  if (explicit && marked > 0)
    add(['agents', 'ownership'], place('ownership'), 'agents.ownership=explicit cannot be combined with a legacy default=true marker');
  if (ids.length > 1 && marked === 0 && !explicit) {
    add(
      ['agents', 'ownership'],
      place('ownership', 'entries', 'list'),
      'multi-agent rosters require agents.ownership="explicit" or one legacy default=true marker; add agents.ownership="explicit" or run openclaw doctor',
    );
  }
  return issues;
}

/** OpenClaw's agent id normalization: lower case, [a-z0-9_-], at most 64 characters. */
function normalizeAgentId(value: string): string {
  const trimmed = value.trim();
  const lower = trimmed.toLowerCase();
  if (/^[a-z0-9][a-z0-9_-]{0,63}$/i.test(trimmed)) return lower;
  return (
    lower
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+/, '')
      .replace(/-+$/, '')
      .slice(0, 64) || 'main'
  );
}
