import { releaseRules } from '../config/releaseRules';
import { createNode, findProperty, JsonNode, keyText } from '../parser/ast';
import { isSeen, SchemaIssue, Skipped } from './schemaValidator';

/*
 * What OpenClaw 2026.8.1+ rewrites in memory before it validates a file (its legacy.context-budget
 * and legacy.roster steps, read in 2026.9.6): the schema no longer has these keys, yet files with
 * them load, with a warning. We validate the same rewritten value, so our verdict and paths are
 * OpenClaw's (an error inside agents.list[0] is reported at agents.entries.<id>), and `filePath`
 * leads each of those paths back to the text the user wrote, to underline it there.
 */

export type ValuePath = (string | number)[];

export interface ValidatedTree {
  /** The file's tree, or, where OpenClaw rewrites it, a tree with the rewritten objects made anew (the rest shared). */
  tree: JsonNode;
  /** Where a path of the validated tree is in the file. */
  filePath(path: ValuePath): ValuePath;
  /** Problems OpenClaw's own rules find that its JSON Schema cannot express, given what the schema found. */
  ruleIssues(schemaIssues: SchemaIssue[]): PlacedRuleIssue[];
}

/** An issue, with the path OpenClaw prints, and where in the file to show it. */
export interface PlacedRuleIssue {
  issue: SchemaIssue;
  filePath: ValuePath;
}

/** A moved subtree: paths under `validated` come from under `file`. */
type Move = { validated: ValuePath; file: ValuePath };

/**
 * What OpenClaw validates of `root` (a file's tree, or a merged one). The file's tree is not changed:
 * a rewritten object is a new node with the properties it keeps (the same nodes) and the new ones.
 * `skipped`: the properties the schema walk does not see (schemaInterpreter.ts), which these rewrites do not see either.
 */
export function treeOpenClawValidates(root: JsonNode, version: string, skipped: Skipped): ValidatedTree {
  if (!releaseRules(version).loadTimeMigrations || root.type !== 'object') {
    return { tree: root, filePath: (path) => path, ruleIssues: () => [] };
  }
  const objects = new ObjectReader(skipped);
  const writtenAgentKeys = new Set(objects.keys(objects.object(root, 'agents')));
  const moves: Move[] = [];
  const tree = migrateAgentRoster(objects, migrateContextBudgets(objects, root, moves), moves);
  return {
    tree,
    ruleIssues: (schemaIssues) => rosterIssues(objects, writtenAgentKeys, objects.object(tree, 'agents'), schemaIssues),
    filePath: (path) => {
      const move = moves.find((candidate) => candidate.validated.every((part, index) => path[index] === part));
      return move ? [...move.file, ...path.slice(move.validated.length)] : path;
    },
  };
}

/** A provider's contextTokens/contextWindow goes into each of its models that lacks one; agents' contextTokens goes away. */
function migrateContextBudgets(objects: ObjectReader, root: JsonNode, moves: Move[]): JsonNode {
  const models = objects.object(root, 'models');
  const providers = objects.object(models, 'providers');
  if (models && providers) {
    let migrated = providers;
    for (const [providerId, written] of objects.entries(providers)) {
      if (written.type !== 'object') continue;
      let provider = written;
      for (const key of ['contextTokens', 'contextWindow']) {
        const budget = objects.get(provider, key);
        if (!budget) continue;
        const list = objects.get(provider, 'models');
        if (list?.type === 'array') {
          const items = (list.children ?? []).map((model, index) => {
            if (model.type !== 'object' || objects.get(model, key)) return model;
            moves.push({
              validated: ['models', 'providers', providerId, 'models', index, key],
              file: ['models', 'providers', providerId, key],
            });
            return objects.with(model, key, budget);
          });
          provider = objects.with(provider, 'models', rebuilt(list, items));
        }
        provider = objects.without(provider, key);
      }
      if (provider !== written) migrated = objects.with(migrated, providerId, provider);
    }
    if (migrated !== providers) root = objects.with(root, 'models', objects.with(models, 'providers', migrated));
  }
  const agents = objects.object(root, 'agents');
  if (!agents) return root;
  const dropContextTokens = (record: JsonNode) => (record.type === 'object' ? objects.without(record, 'contextTokens') : record);
  let migrated = agents;
  const defaults = objects.get(agents, 'defaults');
  if (defaults) migrated = objects.with(migrated, 'defaults', dropContextTokens(defaults));
  const entries = objects.object(agents, 'entries');
  if (entries) {
    let kept = entries;
    for (const [id, entry] of objects.entries(entries)) kept = objects.with(kept, id, dropContextTokens(entry));
    migrated = objects.with(migrated, 'entries', kept);
  }
  const list = objects.get(agents, 'list');
  if (list?.type === 'array') {
    const items = (list.children ?? []).map(dropContextTokens);
    if (items.some((item, index) => item !== list.children?.[index])) migrated = objects.with(migrated, 'list', rebuilt(list, items));
  }
  return migrated === agents ? root : objects.with(root, 'agents', migrated);
}

/**
 * The agent roster: agents.list becomes agents.entries keyed by id, when there are no entries and
 * every id is a clean, unique agent id; no agents at all become one, `main`, unless ownership is
 * explicit. A list it cannot convert stays, and the schema refuses it.
 */
function migrateAgentRoster(objects: ObjectReader, root: JsonNode, moves: Move[]): JsonNode {
  let agents = objects.object(root, 'agents');
  if (!agents) return root;
  const written = agents;
  const list = objects.get(agents, 'list');
  if (!objects.get(agents, 'entries') && list) {
    const entries = keyedAgentList(objects, list);
    if (!entries) return root;
    agents = objects.with(objects.without(agents, 'list'), 'entries', entries);
    objects.keys(entries).forEach((id, index) => moves.push({ validated: ['agents', 'entries', id], file: ['agents', 'list', index] }));
  }
  const entries = objects.get(agents, 'entries');
  const ownership = objects.get(agents, 'ownership');
  if ((!entries || (entries.type === 'object' && objects.keys(entries).length === 0)) && ownership?.value !== 'explicit') {
    agents = objects.with(agents, 'entries', newObject([['main', newObject([])]]));
  }
  return agents === written ? root : objects.with(root, 'agents', agents);
}

function keyedAgentList(objects: ObjectReader, list: JsonNode): JsonNode | undefined {
  if (list.type !== 'array') return undefined;
  const entries: [string, JsonNode][] = [];
  const ids = new Set<string>();
  for (const item of list.children ?? []) {
    if (item.type !== 'object') return undefined;
    const id = objects.get(item, 'id')?.value;
    if (typeof id !== 'string' || !id || id.trim() !== id || normalizeAgentId(id) !== id || ids.has(id)) return undefined;
    const marker = objects.get(item, 'default');
    if (marker && marker.type !== 'boolean') return undefined;
    ids.add(id);
    entries.push([id, objects.without(item, 'id')]);
  }
  return newObject(entries);
}

/**
 * Objects as JSON5.parse would give them: a property with a value, the last of equal keys, and not one
 * the schema walk skips; and new objects made from them.
 */
class ObjectReader {
  constructor(private readonly skipped: Skipped) {}

  /** The value of `key`. */
  get(object: JsonNode | undefined, key: string): JsonNode | undefined {
    const property = findProperty(object, key);
    return property && isSeen(property, this.skipped) ? property.valueNode : undefined;
  }

  /** The value of `key` when it is an object. */
  object(object: JsonNode | undefined, key: string): JsonNode | undefined {
    const value = this.get(object, key);
    return value?.type === 'object' ? value : undefined;
  }

  entries(object: JsonNode): [string, JsonNode][] {
    return (object.children ?? [])
      .filter((property) => isSeen(property, this.skipped))
      .map((property) => [keyText(property), property.valueNode!]);
  }

  keys(object: JsonNode | undefined): string[] {
    return object?.type === 'object' ? this.entries(object).map(([key]) => key) : [];
  }

  /** The object with `key` set to `value` (where the key was, or last); the object itself when that is its value already. */
  with(object: JsonNode, key: string, value: JsonNode): JsonNode {
    if (this.get(object, key) === value) return object;
    const properties: JsonNode[] = [];
    let placed = false;
    for (const property of object.children ?? []) {
      if (keyText(property) !== key) properties.push(property);
      else if (isSeen(property, this.skipped)) {
        properties.push(newProperty(key, value));
        placed = true;
      }
    }
    if (!placed) properties.push(newProperty(key, value));
    return rebuilt(object, properties);
  }

  /** The object without `key`; the object itself when it has none. */
  without(object: JsonNode, key: string): JsonNode {
    if (!this.get(object, key)) return object;
    return rebuilt(
      object,
      (object.children ?? []).filter((property) => keyText(property) !== key),
    );
  }
}

/** A node standing where `written` is, with other children. */
function rebuilt(written: JsonNode, children: JsonNode[]): JsonNode {
  const node = createNode(written.type, written.offset, written.length, written.parent);
  node.children = children;
  return node;
}

function newObject(entries: [string, JsonNode][]): JsonNode {
  const node = createNode('object', 0, 0, undefined);
  node.children = entries.map(([key, value]) => newProperty(key, value));
  return node;
}

function newProperty(key: string, value: JsonNode): JsonNode {
  const property = createNode('property', 0, 0, undefined);
  property.value = key;
  property.valueNode = value;
  return property;
}

/**
 * What OpenClaw's agents schema checks beyond the JSON Schema it prints (a zod superRefine, which
 * runs only when nothing inside `agents` failed): at least one agent, ids unique once normalized,
 * and who owns a multi-agent roster (agents.ownership "explicit", or one legacy default=true marker).
 */
function rosterIssues(
  objects: ObjectReader,
  writtenAgentKeys: ReadonlySet<string>,
  agents: JsonNode | undefined,
  schemaIssues: SchemaIssue[],
): PlacedRuleIssue[] {
  if (!agents) return [];
  const failedInside = schemaIssues.some((issue) => issue.path[0] === 'agents' && (issue.path.length > 1 || issue.kind !== 'unknown-key'));
  const entries = objects.get(agents, 'entries');
  if (failedInside || (entries && entries.type !== 'object')) return [];
  const place = (...keys: string[]): ValuePath => {
    const present = keys.find((key) => writtenAgentKeys.has(key));
    return present ? ['agents', present] : ['agents'];
  };
  const issues: PlacedRuleIssue[] = [];
  const add = (path: ValuePath, filePath: ValuePath, message: string) =>
    issues.push({ issue: { path, kind: 'invalid-value', message }, filePath });

  const roster = entries ? objects.entries(entries) : [];
  if (roster.length === 0)
    add(['agents', 'entries'], place('list', 'entries'), 'agents.entries must contain at least one configured agent');
  const firstKeyById = new Map<string, string>();
  for (const [key] of roster) {
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
  const marked = roster.filter(([, entry]) => entry.type === 'object' && objects.get(entry, 'default')?.value === true).length;
  const explicit = objects.get(agents, 'ownership')?.value === 'explicit';
  // One marker and no explicit ownership: OpenClaw turns the marker into ownership as it loads.
  if (marked === 1 && !explicit) return issues;
  if (marked > 1)
    add(['agents', 'entries'], place('entries', 'list'), `agents.entries must contain at most one default=true entry (found ${marked})`);
  if (explicit && marked > 0)
    add(['agents', 'ownership'], place('ownership'), 'agents.ownership=explicit cannot be combined with a legacy default=true marker');
  if (roster.length > 1 && marked === 0 && !explicit) {
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
