import { createNode, findProperty, JsonNode, keyText } from '../parser/ast';
import { quoteForMessage } from '../utils/quoteForMessage';
import type { JsonSchema } from './jsonSchema';

/*
 * JSON Schema (draft-07, the keywords `openclaw config schema` prints) checked by walking the schema
 * beside the value, without compiling it. Why our own: ajv compiles OpenClaw 2026.9.6's 2.4 MB schema
 * in about 2.5 s before it checks anything (measured), and every version in use would pay that;
 * @cfworker/json-schema, which interprets, walks the whole schema on construction (about 60 ms) and
 * reports every failure with all its ancestors, unbounded. Here nothing is prepared ahead (patterns,
 * refs and each schema object's plan are made on first use), a configuration of a few kilobytes is
 * checked in about a millisecond, issues come out in the shape the editor needs, and collection stops
 * at a limit, so a file of a million wrong values costs no more memory than its first issues.
 *
 * It walks the parse tree itself, not a value made from the text for it: a second parse of the file
 * (JSON.parse) and the garbage of its value were a tenth of a diagnostics pass (bench/results.md,
 * "Seventh pass"). A tree has what a value has not, and the walk leaves it out as JSON5.parse does:
 * properties without a value (half typed), and of equal keys all but the last (`Skipped`).
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

/** Properties the walk does not see: equal keys' losers (the parser's duplicateKeys), and keys by name. */
export interface Skipped {
  properties?: ReadonlySet<JsonNode>;
  keys?: ReadonlySet<string>;
}

const NOTHING_SKIPPED: Skipped = { properties: undefined, keys: undefined };
const NO_CHILDREN: readonly JsonNode[] = [];

/** What a walk may still report; past the limit, issues are only counted (or, for a yes/no check, the walk stops). */
interface Budget {
  left: number;
  /** Issues found past the limit. */
  uncounted: number;
  /** A yes/no check: nothing past the first issue matters. */
  stopAtLimit: boolean;
}

export class SchemaInterpreter {
  private readonly patterns = new Map<string, RegExp | null>();
  private readonly refs = new Map<string, JsonSchema | boolean | undefined>();
  private readonly plans = new Map<JsonSchema, Plan>();
  /** The path of the value being walked: one array for the whole walk, copied only into an issue. */
  private readonly path: (string | number)[] = [];
  /** What check's walk skips, always with both fields (one shape: it is read for every property). */
  private skipped: Skipped = NOTHING_SKIPPED;

  /** `root`: a schema whose refs point into itself (see normalizeEmbeddedRefs). It is not changed. */
  constructor(private readonly root: JsonSchema) {}

  /** The tree's issues, at most `limit` of them, and how many more were found. */
  check(tree: JsonNode, limit = Infinity, skipped: Skipped = NOTHING_SKIPPED): { issues: SchemaIssue[]; more: number } {
    const budget: Budget = { left: limit, uncounted: 0, stopAtLimit: false };
    const found: SchemaIssue[] = [];
    this.skipped = { properties: skipped.properties, keys: skipped.keys };
    try {
      this.walk(this.root, tree, budget, found);
    } finally {
      this.skipped = NOTHING_SKIPPED;
      this.path.length = 0;
    }
    return { issues: dedupe(found), more: budget.uncounted };
  }

  /** Whether the value meets the schema: stops at the first failure. */
  private accepts(schema: JsonSchema | boolean, value: JsonNode): boolean {
    const found: SchemaIssue[] = [];
    this.walk(schema, value, { left: 1, uncounted: 0, stopAtLimit: true }, found);
    return found.length === 0;
  }

  /*
   * The walk appends what it finds to `found`, in the order of the schema and the value. No closures
   * and no arrays per value: a large file has hundreds of thousands of values.
   */
  private walk(schema: JsonSchema | boolean | undefined, value: JsonNode, budget: Budget, found: SchemaIssue[]): void {
    if (schema === undefined || schema === true || exhausted(budget)) return;
    if (schema === false) {
      if (spend(budget)) found.push(this.falseIssue());
      return;
    }
    const plan = this.planOf(schema);
    if (plan.ref !== undefined) {
      // draft-07: a $ref's siblings are ignored.
      this.walk(this.resolve(plan.ref), value, budget, found);
      return;
    }
    const { type, enum: allowed } = plan;
    if (type !== undefined && !matchesType(type, value)) {
      // A value of the wrong type: nothing below it is worth checking.
      if (spend(budget)) found.push(this.invalid(`expected ${typeList(type)}, ${received(value)}`));
      return;
    }
    if (plan.hasConst && !deepEqual(schema.const, plainValue(value, this.skipped)) && spend(budget))
      found.push(this.invalid(`expected ${JSON.stringify(schema.const)}`));
    if (allowed !== undefined && !isAllowed(allowed, plainValue(value, this.skipped)) && spend(budget)) {
      found.push(this.invalid(`expected one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`));
    }
    switch (value.type) {
      case 'number':
        if (plan.checksNumbers) this.numberIssues(schema, value.value as number, budget, found);
        break;
      case 'string':
        if (plan.checksStrings) this.stringIssues(schema, value.value as string, budget, found);
        break;
      case 'array':
        this.arrayIssues(schema, value.children ?? NO_CHILDREN, budget, found);
        break;
      case 'object':
        this.objectIssues(schema, plan, value, budget, found);
    }
    if (plan.combines) this.combinations(schema, value, budget, found);
  }

  /** allOf, anyOf, oneOf, not, if/then/else. */
  private combinations(schema: JsonSchema, value: JsonNode, budget: Budget, found: SchemaIssue[]): void {
    if (schema.allOf) for (const branch of schema.allOf) this.walk(branch, value, budget, found);
    if (schema.anyOf) this.alternatives(schema.anyOf, value, budget, false, found);
    if (schema.oneOf) this.alternatives(schema.oneOf, value, budget, true, found);
    if (schema.not !== undefined && this.accepts(schema.not as JsonSchema, value) && spend(budget))
      found.push(this.invalid('this combination of settings is not allowed'));
    if (schema.if !== undefined) {
      const branch = this.accepts(schema.if as JsonSchema, value) ? schema.then : schema.else;
      if (branch !== undefined) this.walk(branch as JsonSchema, value, budget, found);
    }
  }

  private numberIssues(schema: JsonSchema, value: number, budget: Budget, found: SchemaIssue[]): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    // draft-04's boolean exclusiveMinimum/Maximum make minimum/maximum exclusive; draft-07's are numbers.
    if (typeof minimum === 'number' && (exclusiveMinimum === true ? value <= minimum : value < minimum) && spend(budget)) {
      found.push(this.invalid(`must be ${exclusiveMinimum === true ? '>' : '>='} ${minimum}`));
    }
    if (typeof maximum === 'number' && (exclusiveMaximum === true ? value >= maximum : value > maximum) && spend(budget)) {
      found.push(this.invalid(`must be ${exclusiveMaximum === true ? '<' : '<='} ${maximum}`));
    }
    if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum && spend(budget))
      found.push(this.invalid(`must be > ${exclusiveMinimum}`));
    if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum && spend(budget))
      found.push(this.invalid(`must be < ${exclusiveMaximum}`));
    if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf) && spend(budget)) {
      found.push(this.invalid(`must be a multiple of ${multipleOf}`));
    }
  }

  private stringIssues(schema: JsonSchema, value: string, budget: Budget, found: SchemaIssue[]): void {
    const { minLength, maxLength } = schema;
    // Lengths count code points, as JSON Schema (and ajv) do: between half the UTF-16 length and all of it,
    // counted only when that range does not decide.
    const counted =
      (typeof minLength === 'number' && value.length / 2 < minLength) || (typeof maxLength === 'number' && value.length > maxLength);
    const length = counted ? codePoints(value) : value.length;
    if (typeof minLength === 'number' && length < minLength && spend(budget))
      found.push(this.invalid(`must NOT have fewer than ${minLength} characters`));
    if (typeof maxLength === 'number' && length > maxLength && spend(budget))
      found.push(this.invalid(`must NOT have more than ${maxLength} characters`));
    if (typeof schema.pattern === 'string') {
      const pattern = this.pattern(schema.pattern);
      if (pattern && !pattern.test(value) && spend(budget)) found.push(this.invalid(`must match pattern "${schema.pattern}"`));
    }
    if (typeof schema.format === 'string' && !matchesFormat(schema.format, value) && spend(budget))
      found.push(this.invalid(`must match format "${schema.format}"`));
  }

  private arrayIssues(schema: JsonSchema, value: readonly JsonNode[], budget: Budget, found: SchemaIssue[]): void {
    const { minItems, maxItems, items } = schema;
    if (typeof minItems === 'number' && value.length < minItems && spend(budget))
      found.push(this.invalid(`must NOT have fewer than ${minItems} items`));
    if (typeof maxItems === 'number' && value.length > maxItems && spend(budget))
      found.push(this.invalid(`must NOT have more than ${maxItems} items`));
    if (schema.uniqueItems === true) {
      const duplicate = firstDuplicate(value.map((item) => plainValue(item, this.skipped)));
      if (duplicate && spend(budget))
        found.push(this.invalid(`must NOT have duplicate items (items ${duplicate[0]} and ${duplicate[1]} are identical)`));
    }
    if (items === undefined) return;
    for (let i = 0; i < value.length && !exhausted(budget); i++) {
      const itemSchema = Array.isArray(items)
        ? i < items.length
          ? items[i]
          : (schema.additionalItems as JsonSchema | boolean | undefined)
        : items;
      this.path.push(i);
      this.walk(itemSchema, value[i], budget, found);
      this.path.pop();
    }
  }

  private objectIssues(schema: JsonSchema, plan: Plan, object: JsonNode, budget: Budget, found: SchemaIssue[]): void {
    // The properties the walk does not see are skipped in the loops below, not filtered out into a second
    // array: nearly every object has none.
    const children = object.children ?? NO_CHILDREN;
    const { minProperties, maxProperties, required } = schema;
    const { properties } = plan;
    if (typeof minProperties === 'number' || typeof maxProperties === 'number') {
      let count = 0;
      for (const property of children) if (isSeen(property, this.skipped)) count++;
      if (typeof minProperties === 'number' && count < minProperties && spend(budget))
        found.push(this.invalid(`must NOT have fewer than ${minProperties} properties`));
      if (typeof maxProperties === 'number' && count > maxProperties && spend(budget))
        found.push(this.invalid(`must NOT have more than ${maxProperties} properties`));
    }
    if (required) {
      for (const key of required) {
        if (hasDefault(properties?.get(key))) continue;
        const property = findProperty(object, key);
        if ((!property || !isSeen(property, this.skipped)) && spend(budget)) {
          found.push({ path: [...this.path], key, kind: 'missing-key', message: `Missing required key "${key}"` });
        }
      }
    }
    const patternProperties = schema.patternProperties as Record<string, JsonSchema> | undefined;
    const additional = schema.additionalProperties;
    const names = schema.propertyNames as JsonSchema | boolean | undefined;
    for (const property of children) {
      if (exhausted(budget)) break;
      if (!isSeen(property, this.skipped)) continue;
      const key = keyText(property);
      const value = property.valueNode!;
      this.path.push(key);
      if (names !== undefined && names !== true && !this.accepts(names, keyNodeOf(key))) {
        if (spend(budget))
          found.push({
            path: [...this.path],
            kind: 'invalid-value',
            message: `Invalid key "${quoteForMessage(key)}": ${this.describeRefusal(names, key)}`,
          });
        this.path.pop();
        continue;
      }
      let matched = false;
      const child = properties?.get(key);
      if (child !== undefined) {
        matched = true;
        if (child === false) {
          this.path.pop();
          if (spend(budget)) found.push(this.unknownKey(key));
          continue;
        }
        this.walk(child, value, budget, found);
      }
      if (patternProperties) {
        for (const source in patternProperties) {
          if (!Object.hasOwn(patternProperties, source) || !this.pattern(source)?.test(key)) continue;
          matched = true;
          this.walk(patternProperties[source], value, budget, found);
        }
      }
      if (!matched && additional !== undefined && additional !== true && additional !== false) this.walk(additional, value, budget, found);
      this.path.pop();
      if (!matched && additional === false && spend(budget)) found.push(this.unknownKey(key));
    }
  }

  /**
   * anyOf/oneOf: valid when a branch (exactly one, for oneOf) accepts the value. Otherwise one issue:
   * where a branch had the value's shape and something inside is wrong, that deeper issue; else the
   * kinds of value the branches take.
   */
  private alternatives(branches: JsonSchema[], value: JsonNode, budget: Budget, exactlyOne: boolean, found: SchemaIssue[]): void {
    let accepting = 0;
    for (const branch of branches) if (this.accepts(branch, value)) accepting++;
    if (exactlyOne ? accepting === 1 : accepting > 0) return;
    if (exactlyOne && accepting > 1) {
      if (spend(budget)) found.push(this.invalid('matches more than one of the allowed forms'));
      return;
    }
    const depth = this.path.length;
    let deepest: SchemaIssue | undefined;
    const expected = new Set<string>();
    for (const branch of branches) {
      const branchFound: SchemaIssue[] = [];
      this.walk(branch, value, { left: 20, uncounted: 0, stopAtLimit: true }, branchFound);
      for (const issue of branchFound) {
        const deeper = issue.path.length > depth || issue.kind !== 'invalid-value';
        if (deeper && (!deepest || issue.path.length > deepest.path.length)) deepest = issue;
      }
      if (branchFound.length === 1 && branchFound[0]!.path.length === depth && branchFound[0]!.kind === 'invalid-value') {
        for (const kind of this.kindsOf(branch)) expected.add(kind);
      }
    }
    if (!spend(budget)) return;
    found.push(
      deepest ??
        this.invalid(`expected ${expected.size > 0 ? [...expected].join(' or ') : 'one of the allowed forms'}, ${received(value)}`),
    );
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
    const found: SchemaIssue[] = [];
    this.walk(schema, keyNodeOf(key), { left: 1, uncounted: 0, stopAtLimit: true }, found);
    const [first] = found;
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

  private unknownKey(key: string): SchemaIssue {
    return { path: [...this.path], key, kind: 'unknown-key', message: `Unrecognized key: "${quoteForMessage(key)}"` };
  }

  /** The plan of a schema object, made at its first visit. */
  private planOf(schema: JsonSchema): Plan {
    let plan = this.plans.get(schema);
    if (!plan) {
      plan = makePlan(schema);
      this.plans.set(schema, plan);
    }
    return plan;
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
    for (const raw of ref
      .slice(2)
      .split('/')
      .filter((part) => part !== '')) {
      if (!node || typeof node !== 'object') {
        node = undefined;
        break;
      }
      node = (node as Record<string, unknown>)[decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    const target =
      node === undefined || typeof node === 'boolean' || typeof node === 'object' ? (node as JsonSchema | boolean | undefined) : undefined;
    this.refs.set(ref, target);
    return target;
  }
}

/**
 * What the walk reads of every schema object, read once into one shape: schema objects each have keys
 * of their own, and reading a dozen absent keywords from each, per value, was most of the walk.
 */
interface Plan {
  ref: string | undefined;
  type: string | string[] | undefined;
  hasConst: boolean;
  enum: unknown[] | undefined;
  /** A keyword numberIssues or stringIssues checks. */
  checksNumbers: boolean;
  checksStrings: boolean;
  /** The named properties' schemas (absent where the schema lists none). */
  properties: Map<string, JsonSchema | boolean> | undefined;
  /** allOf, anyOf, oneOf, not or if. */
  combines: boolean;
}

function makePlan(schema: JsonSchema): Plan {
  const defined = (...keywords: string[]) => keywords.some((keyword) => schema[keyword] !== undefined);
  const properties = schema.properties;
  return {
    ref: schema.$ref,
    type: schema.type,
    hasConst: schema.const !== undefined,
    enum: schema.enum,
    checksNumbers: defined('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'),
    checksStrings: defined('minLength', 'maxLength', 'pattern', 'format'),
    properties: properties ? new Map(Object.entries(properties)) : undefined,
    combines: defined('allOf', 'anyOf', 'oneOf', 'not', 'if'),
  };
}

/**
 * A key with a default may be left out, though the schema lists it as required: OpenClaw checks the file
 * with zod, where a default makes a key optional, and prints the JSON Schema of what zod makes of it,
 * where the key is always there. Up to 2026.5.22 the root's `commands` was printed required; 2026.9.6
 * prints `channels.discord.dmPolicy` (default "pairing") and 44 more so, and accepts
 * `channels: { discord: { enabled: false } }` (checked). Decided here, as keys are checked, rather than
 * by rewriting the printed schema: a walk over all of it costs about 50 ms when the server starts.
 */
function hasDefault(schema: JsonSchema | boolean | undefined): boolean {
  return typeof schema === 'object' && schema !== null && 'default' in schema;
}

/** Whether an issue is kept (then made); past the budget it is only counted. */
function spend(budget: Budget): boolean {
  if (budget.left > 0) {
    budget.left--;
    return true;
  }
  budget.uncounted++;
  return false;
}

function exhausted(budget: Budget): boolean {
  return budget.stopAtLimit && budget.left <= 0;
}

/**
 * Whether a walk sees a property: one with a value, not the loser of equal keys, not of a skipped key.
 * The walk goes in document order (JSON.parse's value listed integer-like keys first).
 */
export function isSeen(property: JsonNode, skipped: Skipped): boolean {
  if (property.valueNode === undefined) return false;
  if (skipped.properties !== undefined && skipped.properties.has(property)) return false;
  return skipped.keys === undefined || !skipped.keys.has(keyText(property));
}

/** What JSON5.parse gives for a node, without the properties a walk skips. */
export function plainValue(node: JsonNode, skipped: Skipped): unknown {
  if (node.type === 'array') return (node.children ?? NO_CHILDREN).map((item) => plainValue(item, skipped));
  if (node.type !== 'object') return node.value;
  const result: Record<string, unknown> = {};
  for (const property of node.children ?? NO_CHILDREN) {
    if (!isSeen(property, skipped)) continue;
    // A "__proto__" key is a key, as in JSON.parse's value; assigned, it would set the prototype.
    Object.defineProperty(result, keyText(property), {
      value: plainValue(property.valueNode!, skipped),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** A key as a string node, for propertyNames. */
function keyNodeOf(key: string): JsonNode {
  const node = createNode('string', 0, 0, undefined);
  node.value = key;
  return node;
}

function matchesType(type: string | string[], value: JsonNode): boolean {
  if (!Array.isArray(type)) return isOfType(type, value);
  for (const one of type) if (isOfType(one, value)) return true;
  return false;
}

/** Loops, not `some` with a closure: these run for every value the schema has an enum for. */
function isAllowed(allowed: unknown[], value: unknown): boolean {
  for (const candidate of allowed) if (deepEqual(candidate, value)) return true;
  return false;
}

function isOfType(type: string, node: JsonNode): boolean {
  switch (type) {
    case 'number':
      return node.type === 'number' && Number.isFinite(node.value);
    case 'integer':
      return node.type === 'number' && Number.isInteger(node.value);
    case 'string':
    case 'boolean':
    case 'null':
    case 'array':
    case 'object':
      return node.type === type;
    default:
      return true;
  }
}

function typeList(type: string | string[]): string {
  return Array.isArray(type) ? type.join(' or ') : type;
}

/** "got string"; for a number OpenClaw refuses, its own words: "received NaN", "received Infinity". */
function received(node: JsonNode): string {
  if (node.type === 'number' && !Number.isFinite(node.value)) return `received ${String(node.value)}`;
  return `got ${node.type}`;
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
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
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
