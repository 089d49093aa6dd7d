import { JsonSchema, normalizeEmbeddedRefs, SchemaNavigator } from './jsonSchema';
import { channelIdsOf, pluginIdsOf, RuleIssue, unknownChannelIssues } from './pluginPhase';
import { correctPrintedSchema } from './printedSchemaFixes';
import { JsonNode } from '../parser/ast';
import { isSeen, plainValue, SchemaInterpreter, SchemaIssue, Skipped } from './schemaInterpreter';

/*
 * Whole-file validation against OpenClaw's JSON Schema: its issues worded like OpenClaw's own
 * validator ("Unrecognized key: ..."), with the path of keys and indexes, and its keys explained
 * (the navigator) for hovers and completion. The checking itself is schemaInterpreter.ts.
 */

export type { SchemaIssue, Skipped };
export { isSeen, plainValue };

/** What one validation found: at most the limit's issues, and how many more it found. */
export interface SchemaCheck {
  issues: SchemaIssue[];
  /** Issues found beyond the limit: counted, not kept. */
  moreErrors: number;
}

export class SchemaValidator {
  readonly navigator: SchemaNavigator;
  private readonly interpreter: SchemaInterpreter;
  private readonly channelIds: ReadonlySet<string> | undefined;
  private readonly pluginIds: ReadonlySet<string>;

  /**
   * `label` says whose schema it is, for messages: "OpenClaw 2026.9.6". The schema is taken as it is
   * (not copied: a printed one is megabytes): refs of embedded plugin schemas are made absolute in place.
   */
  constructor(
    schema: JsonSchema,
    readonly label: string,
  ) {
    const normalized = correctPrintedSchema(normalizeEmbeddedRefs(schema));
    this.interpreter = new SchemaInterpreter(normalized);
    this.navigator = new SchemaNavigator(normalized);
    this.channelIds = channelIdsOf(normalized);
    this.pluginIds = pluginIdsOf(normalized);
  }

  /** The issues of a tree, at most `errorLimit` of them (the first ones, in document order). */
  check(tree: JsonNode, errorLimit = Number.MAX_SAFE_INTEGER, skipped?: Skipped): SchemaCheck {
    const { issues, more } = this.interpreter.check(tree, Math.max(1, errorLimit), skipped);
    return { issues, moreErrors: more };
  }

  /** What OpenClaw's rules find beyond the schema, in the phase that checks channels (see pluginPhase.ts): unknown channel ids. */
  channelRules(value: unknown): RuleIssue[] {
    return this.channelIds ? unknownChannelIssues(value, this.channelIds, this.pluginIds) : [];
  }
}
