import { Analysis } from '../config/analysis';
import { findNodeAtPath, findProperty, JsonNode, keyOf } from '../parser/ast';
import { treeOpenClawValidates } from '../schema/loadTimeMigrations';
import { isPluginPhasePath } from '../schema/pluginPhase';
import { isSeen, plainValue, SchemaIssue, SchemaValidator, Skipped } from '../schema/schemaValidator';

/*
 * The file as OpenClaw's schema sees it: every unknown key, wrong type and bad enum is an error,
 * because OpenClaw refuses the whole file (and the gateway does not start) for any of them.
 */

export interface PlacedIssue {
  issue: SchemaIssue;
  /** The node to underline: the unknown key, the object missing a key, or the bad value. */
  node: JsonNode;
  /** Where issue.path is in the file, when OpenClaw moved it there before validating (agents.list.0 for agents.entries.main). */
  movedFrom?: (string | number)[];
  /** A finding of OpenClaw's second phase (channels, plugin settings) while its first has errors: OpenClaw reports it once those are fixed. */
  waits?: boolean;
  /** OpenClaw only warns: the file stays valid. */
  warning?: boolean;
}

/** The placed issues, and how many more errors the schema check counted without keeping them. */
export interface PlacedIssues {
  placed: PlacedIssue[];
  moreErrors: number;
}

/**
 * Schema issues of the whole configuration, with OpenClaw's paths, and the node each one is about
 * (in whichever file); issues whose node is gone (a broken file) are dropped. `version`: the OpenClaw
 * whose load-time rewrites apply; `errorLimit`: how many of the validator's errors are kept (the
 * others only counted). Computed once per configuration, for all its files.
 */
export function placeSchemaIssues(analysis: Analysis, validator: SchemaValidator, version: string, errorLimit: number): PlacedIssues {
  return analysis.memo(`schema\u0000${validator.label}\u0000${version}\u0000${errorLimit}`, () =>
    placeAll(analysis, validator, version, errorLimit),
  );
}

function placeAll(analysis: Analysis, validator: SchemaValidator, version: string, errorLimit: number): PlacedIssues {
  const root = analysis.root;
  if (!root || root.type !== 'object') return { placed: [], moreErrors: 0 };
  const placed: PlacedIssue[] = [];
  const skipped = skippedProperties(analysis);
  const validated = treeOpenClawValidates(root, version, skipped);
  const { issues, moreErrors } = validator.check(validated.tree, errorLimit, skipped);
  for (const issue of issues) {
    const filePath = validated.filePath(issue.path);
    const at = findNodeAtPath(root, filePath);
    if (!at) continue;
    const movedFrom = filePath === issue.path ? {} : { movedFrom: filePath };
    if (issue.kind === 'unknown-key') {
      const property = findProperty(at, issue.key!);
      if (property) placed.push({ issue, node: keyOf(property), ...movedFrom });
    } else if (issue.kind === 'missing-key') {
      placed.push({ issue, node: at, ...movedFrom });
    } else {
      placed.push({ issue, node: at, ...movedFrom });
    }
  }
  // OpenClaw's own rules run only where its schema found nothing: unknown when the check was cut short.
  const ruleIssues = moreErrors > 0 ? [] : validated.ruleIssues(issues);
  for (const { issue, filePath } of ruleIssues) {
    const at = findNodeAtPath(root, filePath);
    if (at) placed.push({ issue, node: at.parent?.type === 'property' ? keyOf(at.parent) : at });
  }
  for (const { issue, warning } of moreErrors > 0 ? [] : validator.channelRules(channelRulesValue(root, skipped))) {
    const at = findNodeAtPath(root, validated.filePath(issue.path));
    if (at) placed.push({ issue, node: at.parent?.type === 'property' ? keyOf(at.parent) : at, ...(warning ? { warning } : {}) });
  }
  // The second phase's findings wait while the first phase (the core schema, the roster rules) has errors.
  if (placed.some((entry) => !entry.warning && !isPluginPhasePath(entry.issue.path))) {
    for (const entry of placed) if (isPluginPhasePath(entry.issue.path)) entry.waits = true;
  }
  // In document order (of each file: nodes of different files never compare where it matters).
  return { placed: placed.sort((a, b) => a.node.offset - b.node.offset), moreErrors };
}

/** The dotted path OpenClaw's validator prints: models.providers.amazon-bedrock.models.0.id */
export function dottedPath(path: readonly (string | number)[]): string {
  return path.join('.');
}

/**
 * What the schema walk leaves out, as JSON5.parse and OpenClaw's `$include` do: of equal keys all but
 * the last, and the `$include` keys (their files are merged into the tree).
 */
function skippedProperties(analysis: Analysis): Skipped {
  const { files } = analysis.graph;
  const shadowed = files.flatMap((file) => file.parse.duplicateKeys.map((duplicate) => duplicate.shadowed));
  return {
    ...(shadowed.length > 0 ? { properties: new Set(shadowed) } : {}),
    ...(files.some((file) => file.mayInclude) ? { keys: INCLUDE_KEYS } : {}),
  };
}

const INCLUDE_KEYS: ReadonlySet<string> = new Set(['$include']);

/** The sections OpenClaw's channel rules read (channels, plugins), as JSON5.parse gives them. */
function channelRulesValue(root: JsonNode, skipped: Skipped): unknown {
  const value: Record<string, unknown> = {};
  for (const key of ['channels', 'plugins']) {
    const section = findProperty(root, key);
    if (section && isSeen(section, skipped)) value[key] = plainValue(section.valueNode!, skipped);
  }
  return value;
}
