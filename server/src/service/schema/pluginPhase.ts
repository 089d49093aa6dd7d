import { quoteForMessage } from '../utils/quoteForMessage';
import type { JsonSchema } from './jsonSchema';
import type { SchemaIssue } from './schemaInterpreter';

/*
 * OpenClaw validates a file in two phases (validation-plugin-rules.ts, read in 2026.9.6 and in the
 * oldest sources on GitHub): its core schema first; only when that passes, the channels and the
 * bundled plugins' settings against their own schemas, and its rules about channel ids. The schema
 * it prints holds both phases in one document, so a file with a core error and a channel error gets
 * only the core error from OpenClaw (checked: `talk.voiceId` with `channels.telegram.streamMode`
 * reports talk alone). The second phase's findings then wait: the editor shows them as warnings.
 */

/** Keys of `channels` that the core schema owns; every other key is a channel, checked in the second phase. */
const CORE_CHANNEL_KEYS = new Set(['defaults', 'modelByChannel']);

/**
 * Channels the printed schema lists but OpenClaw refuses: its QA transport is generated as not
 * configurable (`configurable: false` in its channel metadata), yet printed among the channels.
 * 2026.9.6: `channels: { "qa-channel": {} }` is "unknown channel id: qa-channel" (checked).
 */
const UNCONFIGURABLE_CHANNELS = ['qa-channel'];

/** Whether OpenClaw reports an issue at this path only once its core schema has passed. */
export function isPluginPhasePath(path: readonly (string | number)[]): boolean {
  if (path[0] === 'channels') return path.length >= 2 && !CORE_CHANNEL_KEYS.has(String(path[1]));
  return path[0] === 'plugins' && path[1] === 'entries' && path.length >= 4 && path[3] === 'config';
}

/** The printed schema without the channels OpenClaw refuses (in place). */
export function removeUnconfigurableChannels(schema: JsonSchema): void {
  const channels = schema.properties?.channels?.properties;
  if (channels) for (const id of UNCONFIGURABLE_CHANNELS) delete channels[id];
}

/** The channel ids a release takes (its bundled channels), from its schema; none when its schema itself refuses other keys. */
export function channelIdsOf(schema: JsonSchema): ReadonlySet<string> | undefined {
  const channels = schema.properties?.channels;
  if (!channels?.properties || channels.additionalProperties === false) return undefined;
  return new Set(Object.keys(channels.properties).filter((key) => !CORE_CHANNEL_KEYS.has(key)));
}

/** The bundled plugins a release knows (the keys its schema gives plugins.entries). */
export function pluginIdsOf(schema: JsonSchema): ReadonlySet<string> {
  return new Set(Object.keys(schema.properties?.plugins?.properties?.entries?.properties ?? {}));
}

/** A rule's finding: an issue, and whether OpenClaw only warns (the file stays valid). */
export interface RuleIssue {
  issue: SchemaIssue;
  warning: boolean;
}

/**
 * `channels.<id>` for an id that is no channel OpenClaw knows: "unknown channel id: <id>". Ids are
 * trimmed, not folded ("Telegram" is unknown: checked); an empty key is skipped. When the plugins
 * section names the id (plugins.allow, plugins.entries, plugins.installs), OpenClaw takes it for a
 * channel plugin not installed, and only warns. Channels of plugins installed beside OpenClaw are not
 * known here: their own installed OpenClaw's schema knows them.
 */
export function unknownChannelIssues(value: unknown, channelIds: ReadonlySet<string>, pluginIds: ReadonlySet<string>): RuleIssue[] {
  const root = isRecord(value) ? value : {};
  if (!isRecord(root.channels)) return [];
  const plugins = isRecord(root.plugins) ? root.plugins : {};
  const named = new Set<string>(
    [
      ...(Array.isArray(plugins.allow) ? plugins.allow.filter((id): id is string => typeof id === 'string') : []),
      ...(isRecord(plugins.entries) ? Object.keys(plugins.entries) : []),
      ...(isRecord(plugins.installs) ? Object.keys(plugins.installs) : []),
    ].map((id) => id.trim().toLowerCase()),
  );
  const issues: RuleIssue[] = [];
  for (const key of Object.keys(root.channels)) {
    const id = key.trim();
    if (!id || CORE_CHANNEL_KEYS.has(id) || channelIds.has(id)) continue;
    const normalized = id.toLowerCase();
    const stale = !pluginIds.has(normalized) && named.has(normalized);
    const message = `unknown channel id: ${quoteForMessage(id)}${stale ? ' (a channel plugin that is not installed: OpenClaw ignores its settings)' : ''}`;
    issues.push({ issue: { path: ['channels', key], kind: 'invalid-value', message }, warning: stale });
  }
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
