import { quoteForMessage } from '../utils/quoteForMessage';
import type { JsonSchema } from './jsonSchema';

/*
 * JSON Schema (draft-07, the keywords `openclaw config schema` prints) checked by walking the schema
 * beside the value, without compiling it. Why our own: ajv compiles OpenClaw 2026.9.6's 2.4 MB schema
 * in about 2.5 s before it checks anything (measured), and every version in use would pay that;
 * @cfworker/json-schema, which interprets, walks the whole schema on construction (about 60 ms) and
 * reports every failure with all its ancestors, unbounded. Here nothing is prepared ahead (patterns
 * and refs are resolved on first use), a configuration of a few kilobytes is checked in about a
 * millisecond, issues come out in the shape the editor needs, and collection stops at a limit, so a
 * file of a million wrong values costs no more memory than its first issues.
 *
 * Numbers follow OpenClaw (zod), not JSON Schema: NaN and ±Infinity are no numbers.
 */

export interface SchemaIssue {
  /** The value at fault; for an unknown or missing key, the object that holds it. */
  path: (string | number)[];
  /** The unknown or missing key. */
  key?: string;
  kind: 'unknown-key' | 'missing-key' | 'invalid-value';
  message: string;
}

/** What a walk may still report; past the limit, issues are only counted (or, for a yes/no check, the walk stops). */
interface Budget {
  left: number;
  /** Issues found past the limit. */
  uncounted: number;
  /** A yes/no check: nothing past the first issue matters. */
  stopAtLimit: boolean;
}

/** What one check found: issues at or below a value, none when it is valid. */
type Found = SchemaIssue[];

const NONE: Found = [];

export class SchemaInterpreter {
  private readonly patterns = new Map<string, RegExp | null>();
  private readonly refs = new Map<string, JsonSchema | boolean | undefined>();
  /** The path of the value being walked: one array for the whole walk, copied only into an issue. */
  private readonly path: (string | number)[] = [];

  /** `root`: a schema whose refs point into itself (see normalizeEmbeddedRefs). It is not changed. */
  constructor(private readonly root: JsonSchema) {}

  /** The value's issues, at most `limit` of them, and how many more were found. */
  check(value: unknown, limit = Infinity): { issues: SchemaIssue[]; more: number } {
    const budget: Budget = { left: limit, uncounted: 0, stopAtLimit: false };
    const issues = dedupe(this.walk(this.root, value, budget));
    return { issues, more: budget.uncounted };
  }

  /** Whether the value meets the schema: stops at the first failure. */
  accepts(schema: JsonSchema | boolean, value: unknown): boolean {
    return this.walk(schema, value, { left: 1, uncounted: 0, stopAtLimit: true }).length === 0;
  }

  private walk(schema: JsonSchema | boolean | undefined, value: unknown, budget: Budget): Found {
    if (schema === undefined || schema === true || exhausted(budget)) return NONE;
    if (schema === false) return this.spend(budget, () => this.falseIssue());
    if (schema.$ref !== undefined) {
      // draft-07: a $ref's siblings are ignored.
      return this.walk(this.resolve(schema.$ref), value, budget);
    }
    let found: Found = NONE;
    const add = (more: Found) => {
      if (more.length > 0) found = found === NONE ? [...more] : found.concat(more);
    };

    const { type, enum: allowed } = schema;
    if (type !== undefined && !matchesType(type, value)) {
      // A value of the wrong type: nothing below it is worth checking.
      return this.spend(budget, () => this.invalid(`expected ${typeList(type)}, ${received(value)}`));
    }
    if (schema.const !== undefined && !deepEqual(schema.const, value)) add(this.spend(budget, () => this.invalid(`expected ${JSON.stringify(schema.const)}`)));
    if (allowed !== undefined && !allowed.some((candidate) => deepEqual(candidate, value))) {
      add(this.spend(budget, () => this.invalid(`expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`)));
    }
    if (typeof value === 'number') add(this.numberIssues(schema, value, budget));
    else if (typeof value === 'string') add(this.stringIssues(schema, value, budget));
    else if (Array.isArray(value)) add(this.arrayIssues(schema, value, budget));
    else if (value !== null && typeof value === 'object') add(this.objectIssues(schema, value as Record<string, unknown>, budget));

    if (schema.allOf) for (const branch of schema.allOf) add(this.walk(branch, value, budget));
    if (schema.anyOf) add(this.alternatives(schema.anyOf, value, budget, false));
    if (schema.oneOf) add(this.alternatives(schema.oneOf, value, budget, true));
    if (schema.not !== undefined && this.accepts(schema.not as JsonSchema, value)) add(this.spend(budget, () => this.invalid('this combination of settings is not allowed')));
    if (schema.if !== undefined) {
      const branch = this.accepts(schema.if as JsonSchema, value) ? schema.then : schema.else;
      if (branch !== undefined) add(this.walk(branch as JsonSchema, value, budget));
    }
    return found;
  }

  private numberIssues(schema: JsonSchema, value: number, budget: Budget): Found {
    let found: Found = NONE;
    const issue = (message: string) => (found = found.concat(this.spend(budget, () => this.invalid(message))));
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    // draft-04's boolean exclusiveMinimum/Maximum make minimum/maximum exclusive; draft-07's are numbers.
    if (typeof minimum === 'number') {
      if (exclusiveMinimum === true ? value <= minimum : value < minimum) issue(`must be ${exclusiveMinimum === true ? '>' : '>='} ${minimum}`);
    }
    if (typeof maximum === 'number') {
      if (exclusiveMaximum === true ? value >= maximum : value > maximum) issue(`must be ${exclusiveMaximum === true ? '<' : '<='} ${maximum}`);
    }
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum) issue(`must be > ${exclusiveMinimum}`);
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum) issue(`must be < ${exclusiveMaximum}`);
    if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf)) issue(`must be a multiple of ${multipleOf}`);
    return found;
  }

  private stringIssues(schema: JsonSchema, value: string, budget: Budget): Found {
    let found: Found = NONE;
    const issue = (message: string) => (found = found.concat(this.spend(budget, () => this.invalid(message))));
    // Lengths count code points, as JSON Schema (and ajv) do.
    const length = typeof schema.minLength === 'number' || typeof schema.maxLength === 'number' ? codePoints(value) : 0;
    if (typeof schema.minLength === 'number' && length < schema.minLength) issue(`must NOT have fewer than ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) issue(`must NOT have more than ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string') {
      const pattern = this.pattern(schema.pattern);
      if (pattern && !pattern.test(value)) issue(`must match pattern "${schema.pattern}"`);
    }
    if (typeof schema.format === 'string' && !matchesFormat(schema.format, value)) issue(`must match format "${schema.format}"`);
    return found;
  }

  private arrayIssues(schema: JsonSchema, value: unknown[], budget: Budget): Found {
    let found: Found = NONE;
    const add = (more: Found) => {
      if (more.length > 0) found = found === NONE ? [...more] : found.concat(more);
    };
    const issue = (message: string) => add(this.spend(budget, () => this.invalid(message)));
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) issue(`must NOT have fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) issue(`must NOT have more than ${schema.maxItems} items`);
    if (schema.uniqueItems === true) {
      const duplicate = firstDuplicate(value);
      if (duplicate) issue(`must NOT have duplicate items (items ${duplicate[0]} and ${duplicate[1]} are identical)`);
    }
    const { items } = schema;
    if (items === undefined) return found;
    for (let i = 0; i < value.length && !exhausted(budget); i++) {
      const itemSchema = Array.isArray(items) ? (i < items.length ? items[i] : (schema.additionalItems as JsonSchema | boolean | undefined)) : items;
      this.path.push(i);
      add(this.walk(itemSchema, value[i], budget));
      this.path.pop();
    }
    return found;
  }

  private objectIssues(schema: JsonSchema, value: Record<string, unknown>, budget: Budget): Found {
    let found: Found = NONE;
    const add = (more: Found) => {
      if (more.length > 0) found = found === NONE ? [...more] : found.concat(more);
    };
    // A key without a value (a half-typed property) is absent, as in JSON.
    const keys = Object.keys(value).filter((key) => value[key] !== undefined);
    if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties) {
      add(this.spend(budget, () => this.invalid(`must NOT have fewer than ${schema.minProperties} properties`)));
    }
    if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties) {
      add(this.spend(budget, () => this.invalid(`must NOT have more than ${schema.maxProperties} properties`)));
    }
    for (const key of schema.required ?? []) {
      if (hasDefault(schema.properties?.[key])) continue;
      if (value[key] === undefined || !Object.hasOwn(value, key)) add(this.spend(budget, () => ({ path: [...this.path], key, kind: 'missing-key', message: `Missing required key "${key}"` })));
    }
    const properties = schema.properties;
    const patternProperties = schema.patternProperties as Record<string, JsonSchema> | undefined;
    const additional = schema.additionalProperties;
    const names = schema.propertyNames as JsonSchema | boolean | undefined;
    const unknown = (key: string): SchemaIssue => ({ path: [...this.path], key, kind: 'unknown-key', message: `Unrecognized key: "${quoteForMessage(key)}"` });
    for (const key of keys) {
      if (exhausted(budget)) break;
      this.path.push(key);
      if (names !== undefined && names !== true && !this.accepts(names, key)) {
        add(this.spend(budget, () => ({ path: [...this.path], kind: 'invalid-value', message: `Invalid key "${quoteForMessage(key)}": ${this.describeRefusal(names, key)}` })));
        this.path.pop();
        continue;
      }
      let matched = false;
      if (properties && Object.hasOwn(properties, key)) {
        matched = true;
        const child = properties[key] as JsonSchema | boolean;
        if (child === false) {
          this.path.pop();
          add(this.spend(budget, () => unknown(key)));
          continue;
        }
        add(this.walk(child, value[key], budget));
      }
      if (patternProperties) {
        for (const [source, child] of Object.entries(patternProperties)) {
          if (!this.pattern(source)?.test(key)) continue;
          matched = true;
          add(this.walk(child, value[key], budget));
        }
      }
      if (!matched && additional !== undefined && additional !== true && additional !== false) add(this.walk(additional, value[key], budget));
      this.path.pop();
      if (!matched && additional === false) add(this.spend(budget, () => unknown(key)));
    }
    return found;
  }

  /**
   * anyOf/oneOf: valid when a branch (exactly one, for oneOf) accepts the value. Otherwise one issue:
   * where a branch had the value's shape and something inside is wrong, that deeper issue; else the
   * kinds of value the branches take.
   */
  private alternatives(branches: JsonSchema[], value: unknown, budget: Budget, exactlyOne: boolean): Found {
    const accepting = branches.filter((branch) => this.accepts(branch, value)).length;
    if (exactlyOne ? accepting === 1 : accepting > 0) return NONE;
    if (exactlyOne && accepting > 1) return this.spend(budget, () => this.invalid('matches more than one of the allowed forms'));
    const depth = this.path.length;
    let deepest: SchemaIssue | undefined;
    const expected = new Set<string>();
    for (const branch of branches) {
      const found = this.walk(branch, value, { left: 20, uncounted: 0, stopAtLimit: true });
      for (const issue of found) {
        const deeper = issue.path.length > depth || issue.kind !== 'invalid-value';
        if (deeper && (!deepest || issue.path.length > deepest.path.length)) deepest = issue;
      }
      if (found.length === 1 && found[0]!.path.length === depth && found[0]!.kind === 'invalid-value') {
        for (const kind of this.kindsOf(branch)) expected.add(kind);
      }
    }
    if (deepest) return this.spend(budget, () => deepest!);
    return this.spend(budget, () => this.invalid(`expected ${expected.size > 0 ? [...expected].join(' or ') : 'one of the allowed forms'}, ${received(value)}`));
  }

  /** The kinds of value a branch takes, for "expected string or object". */
  private kindsOf(schema: JsonSchema | boolean): string[] {
    if (typeof schema === 'boolean') return [];
    if (schema.$ref !== undefined) return this.kindsOf(this.resolve(schema.$ref) ?? true);
    if (schema.const !== undefined) return [JSON.stringify(schema.const)];
    if (schema.enum !== undefined) return schema.enum.map((value) => JSON.stringify(value));
    if (schema.type !== undefined) return Array.isArray(schema.type) ? schema.type : [schema.type];
    return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap((branch) => this.kindsOf(branch));
  }

  /** Why a property name is refused: its schema's first issue, without the "Invalid value: " lead. */
  private describeRefusal(schema: JsonSchema | boolean, key: string): string {
    const [first] = this.walk(schema, key, { left: 1, uncounted: 0, stopAtLimit: true });
    return first ? first.message.replace(/^Invalid value: /, '') : 'not allowed';
  }

  /** An issue with the value being walked. */
  private invalid(message: string): SchemaIssue {
    return { path: [...this.path], kind: 'invalid-value', message: `Invalid value: ${message}` };
  }

  /** The false schema: for a key, a key the schema lists as absent (it belongs to other versions): unknown, like any other. */
  private falseIssue(): SchemaIssue {
    const key = this.path[this.path.length - 1];
    if (typeof key !== 'string') return this.invalid('no value is allowed here');
    return { path: this.path.slice(0, -1), key, kind: 'unknown-key', message: `Unrecognized key: "${quoteForMessage(key)}"` };
  }

  /** The issue (made only when it is kept), or nothing once the budget is spent: then it is counted. */
  private spend(budget: Budget, issue: () => SchemaIssue): Found {
    if (budget.left > 0) {
      budget.left--;
      return [issue()];
    }
    budget.uncounted++;
    return NONE;
  }

  private pattern(source: string): RegExp | null {
    let pattern = this.patterns.get(source);
    if (pattern === undefined) {
      // JSON Schema patterns are ECMA-262 with Unicode; one JavaScript cannot read is skipped, not fatal.
      try {
        pattern = new RegExp(source, 'u');
      } catch {
        try {
          pattern = new RegExp(source);
        } catch {
          pattern = null;
        }
      }
      this.patterns.set(source, pattern);
    }
    return pattern;
  }

  private resolve(ref: string): JsonSchema | boolean | undefined {
    if (this.refs.has(ref)) return this.refs.get(ref);
    let node: unknown = ref.startsWith('#') ? this.root : undefined;
    for (const raw of ref.slice(2).split('/').filter((part) => part !== '')) {
      if (!node || typeof node !== 'object') {
        node = undefined;
        break;
      }
      node = (node as Record<string, unknown>)[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    const target = node === undefined || typeof node === 'boolean' || typeof node === 'object' ? (node as JsonSchema | boolean | undefined) : undefined;
    this.refs.set(ref, target);
    return target;
  }
}

/**
 * A key with a default may be left out, though the schema lists it as required: OpenClaw checks the file
 * with zod, where a default makes a key optional, and prints the JSON Schema of what zod makes of it,
 * where the key is always there. Up to 2026.5.22 the root's `commands` was printed required; 2026.9.6
 * prints `channels.discord.dmPolicy` (default "pairing") and 44 more so, and accepts
 * `channels: { discord: { enabled: false } }` (checked). Decided here, as keys are checked, rather than
 * by rewriting the printed schema: a walk over all of it costs about 50 ms when the server starts.
 */
function hasDefault(schema: JsonSchema | undefined): boolean {
  return typeof schema === 'object' && schema !== null && 'default' in schema;
}

function exhausted(budget: Budget): boolean {
  return budget.stopAtLimit && budget.left <= 0;
}

function matchesType(type: string | string[], value: unknown): boolean {
  return Array.isArray(type) ? type.some((one) => isOfType(one, value)) : isOfType(type, value);
}

function isOfType(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    default:
      return true;
  }
}

function typeList(type: string | string[]): string {
  return Array.isArray(type) ? type.join(' or ') : type;
}

/** "got string"; for a number OpenClaw refuses, its own words: "received NaN", "received Infinity". */
function received(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return `received ${String(value)}`;
  if (value === null) return 'got null';
  return `got ${Array.isArray(value) ? 'array' : typeof value}`;
}

function codePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xd800 || code > 0xdbff || i + 1 === text.length) count++;
    else {
      count++;
      i++;
    }
  }
  return count;
}

/** The formats OpenClaw's schema names; others are not checked (as ajv without ajv-formats). */
function matchesFormat(format: string, value: string): boolean {
  switch (format) {
    case 'uri':
      // zod's .url() is `new URL()` succeeding; JSON Schema also wants a scheme.
      if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return false;
      try {
        new URL(value);
        return true;
      } catch {
        return false;
      }
    case 'date-time':
      return /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value));
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
    default:
      return true;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => deepEqual(item, (b as unknown[])[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

function firstDuplicate(items: unknown[]): [number, number] | undefined {
  for (let j = 1; j < items.length; j++) {
    for (let i = 0; i < j; i++) if (deepEqual(items[i], items[j])) return [i, j];
  }
  return undefined;
}

/** One issue per path, key and message. */
function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  if (issues.length < 2) return issues;
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path.join('\u0000')}\u0001${issue.key ?? ''}\u0001${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
