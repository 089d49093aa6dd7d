import { compareVersions } from '../config/openclawVersions';
import { JsonNode, keyText } from '../parser/ast';
import { SchemaValidator } from './schemaValidator';
import { closestMatches } from '../utils/suggest';

/*
 * What the schemas of every OpenClaw release (bundled with the extension) know of a key beyond the
 * schema in use: since which release it exists, which release dropped it. For a key the schema in
 * use does not know, why: a later release has it, an earlier one had it, it is retired, or it is a
 * typo of a key that is there.
 */

/** The bundle's history of keys, by key path as scripts/packSchemas.ts writes them (`models.providers.*.models.[].id`). */
export interface KeyHistorySource {
  /** The bundled releases, oldest first. */
  releases?(): string[];
  /** The first release that has a key path, when it came after the oldest bundled one. */
  since?(keyPath: string): string | undefined;
  /** The releases that dropped a key path (the top key of a subtree dropped whole), oldest first. */
  removedIn?(keyPath: string): string[];
}

/** What the bundle says of a key the version checked does not have. */
export type KeyChange =
  /** A later release added it. */
  | { kind: 'newer'; release: string }
  /** `release` dropped it; `lastWith`: the last bundled release that has it. */
  | { kind: 'removed'; release: string; lastWith?: string };

/** Why the schema in use does not know a key. */
export type UnknownKey =
  | KeyChange
  /** A root key OpenClaw retired before the oldest bundled release. */
  | { kind: 'retired'; note: string }
  /** The object's known keys closest to it: one is a fix, several a hint. */
  | { kind: 'typo'; candidates: string[] };

/**
 * Root keys retired before the oldest bundled release, and what became of their settings: OpenClaw's
 * own legacy messages, and what `openclaw doctor --fix` of 2026.9.6 does with them (checked on a copy).
 */
const RETIRED_ROOT_KEYS: Record<string, string> = {
  agent: 'its settings belong in agents.defaults (and tools.*) now, and "openclaw doctor --fix" removes it',
  routing:
    'routing.allowFrom moved to channels.whatsapp.allowFrom and routing.groupChat to messages.groupChat, as "openclaw doctor --fix" does',
};

export class KeyHistory {
  constructor(
    private readonly source: KeyHistorySource | undefined,
    /** The bundled schema of a release, loaded on first use. */
    readonly schemaOf: (release: string) => SchemaValidator | undefined,
  ) {}

  /** The release that added a key path, when it came after the oldest bundled release. */
  since(keyPath: string): string | undefined {
    return this.source?.since?.(keyPath);
  }

  /** The oldest bundled release. */
  oldest(): string | undefined {
    return this.source?.releases?.()[0];
  }

  /** The newest bundled release. */
  newest(): string | undefined {
    return this.source?.releases?.().at(-1);
  }

  /** A key path `version` lacks: a later release added it, or `version` or one before it dropped it. */
  changeOf(keyPath: string, version: string): KeyChange | undefined {
    const removed = (this.source?.removedIn?.(keyPath) ?? []).filter((release) => compareVersions(release, version) <= 0).at(-1);
    if (removed) {
      const releases = this.source?.releases?.() ?? [];
      return { kind: 'removed', release: removed, lastWith: releases[releases.indexOf(removed) - 1] };
    }
    const since = this.since(keyPath);
    return since && compareVersions(since, version) > 0 ? { kind: 'newer', release: since } : undefined;
  }

  /**
   * Why `schema` (that of `version`) does not know `key` in the object at `objectPath` (a path of
   * the value OpenClaw validates). `present`: the object's keys; no typo fix renames into one of them.
   */
  explainUnknown(
    schema: SchemaValidator,
    objectPath: readonly (string | number)[],
    key: string,
    version: string,
    present: ReadonlySet<string>,
  ): UnknownKey | undefined {
    const parent = schema.navigator.keyPath(objectPath);
    const change = parent === undefined ? undefined : this.changeOf(parent === '' ? key : `${parent}.${key}`, version);
    if (change) return change;
    if (objectPath.length === 0 && Object.hasOwn(RETIRED_ROOT_KEYS, key)) return { kind: 'retired', note: RETIRED_ROOT_KEYS[key]! };
    const candidates = [...schema.navigator.propertiesAt(objectPath).keys()].filter((name) => name !== key && !present.has(name));
    const close = closestMatches(key, candidates);
    return close.length > 0 ? { kind: 'typo', candidates: close } : undefined;
  }

  /**
   * For a path `schema` (that of `version`) does not know: what the bundle says of its first key the
   * schema lacks (a key in a section added later is new with it), and the schema of a release that
   * has it (the one that added it, or the last one before it was dropped).
   */
  elsewhere(
    schema: SchemaValidator,
    path: readonly (string | number)[],
    version: string,
  ): { change: KeyChange; schema?: SchemaValidator } | undefined {
    let parent = schema.navigator.keyPath([]);
    for (let depth = 1; depth <= path.length && parent !== undefined; depth++) {
      const own = schema.navigator.keyPath(path.slice(0, depth));
      if (own !== undefined) {
        parent = own;
        continue;
      }
      const segment = path[depth - 1]!;
      if (typeof segment === 'number') return undefined;
      const change = this.changeOf(parent === '' ? segment : `${parent}.${segment}`, version);
      if (!change) return undefined;
      const release = change.kind === 'newer' ? change.release : change.lastWith;
      return { change, schema: release ? this.schemaOf(release) : undefined };
    }
    return undefined;
  }
}

/** A sentence on why a key is unknown, for a diagnostic; `key` and the versions as the message quotes them. */
export function describeUnknownKey(unknown: UnknownKey, key: string, version: string): string {
  switch (unknown.kind) {
    case 'newer':
      return `'${key}' was added in OpenClaw ${unknown.release}: ${version} does not know it.`;
    case 'removed':
      return `'${key}' was removed in OpenClaw ${unknown.release}${unknown.lastWith ? ` (${unknown.lastWith} was the last release with it)` : ''}.`;
    case 'retired':
      return `'${key}' is retired: ${unknown.note}.`;
    case 'typo':
      return `Did you mean ${unknown.candidates.map((candidate) => `'${candidate}'`).join(' or ')}?`;
  }
}

/** The keys an object of the file has. */
export function keysOf(object: JsonNode | undefined): Set<string> {
  return new Set((object?.children ?? []).map(keyText));
}
