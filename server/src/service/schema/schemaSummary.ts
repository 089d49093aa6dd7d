import { JsonSchema, SchemaNavigator } from './jsonSchema';

/*
 * What OpenClaw's schema says of a value, in words for hovers and completion: its type ("integer
 * from 1 to 65535", "string: one of `auto`, `lan`", "string or object", "array of string"), the
 * values it allows (enum, const: OpenClaw prints enums as an anyOf of consts) and its default.
 */

/** Values named in a type, at most; the rest are counted. */
const MAX_LISTED_VALUES = 12;
/** How deep array item types are spelled out: `array of array of …` is rare and unreadable past this. */
const MAX_DEPTH = 3;

export interface ValueSummary {
  /** The type in words; undefined when the schema does not say (any value). */
  type: string | undefined;
  /** The values enum and const allow, in the schema's order, each once. */
  values: unknown[];
  /** The JSON types a value may have (`integer` counts as `number`). */
  types: Set<string>;
  /** The schema's default, when it has one. */
  default?: { value: unknown };
}

/**
 * The summary of a value that meets one of `schemas` (the navigator's alternatives at a path: refs
 * followed, anyOf/oneOf flattened). `code` writes a value in the type's text (a code span, quotes).
 */
export function summarizeValue(
  navigator: SchemaNavigator,
  schemas: readonly JsonSchema[],
  code: (text: string) => string,
  depth = 0,
): ValueSummary {
  const values: unknown[] = [];
  const seenValues = new Set<string>();
  const texts: string[] = [];
  const types = new Set<string>();
  let defaultValue: { value: unknown } | undefined;
  for (const schema of schemas) {
    if (!defaultValue && Object.hasOwn(schema, 'default')) defaultValue = { value: schema.default };
    const allowed = schema.const !== undefined ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
    if (allowed) {
      for (const value of allowed) {
        const key = JSON.stringify(value);
        if (seenValues.has(key)) continue;
        seenValues.add(key);
        values.push(value);
        types.add(jsonTypeOf(value));
      }
      continue;
    }
    for (const type of typesOf(schema)) {
      types.add(type === 'integer' ? 'number' : type);
      const text = typeText(navigator, schema, type, code, depth);
      if (!texts.includes(text)) texts.push(text);
    }
  }
  const parts = [...texts];
  if (values.length > 0) {
    const stringsOnly = values.every((value) => typeof value === 'string');
    const listed = values.slice(0, MAX_LISTED_VALUES).map((value) => code(typeof value === 'string' ? value : JSON.stringify(value)));
    const more = values.length > MAX_LISTED_VALUES ? ` and ${values.length - MAX_LISTED_VALUES} more` : '';
    const list = `${listed.join(', ')}${more}`;
    const open = stringsOnly ? texts.indexOf('string') : -1;
    if (open >= 0) {
      // Any string goes; the values are the ones the schema names.
      parts[open] = `string, such as ${list}`;
    } else {
      const kind = stringsOnly ? 'string: ' : '';
      parts.unshift(values.length === 1 ? `${kind}only ${list}` : `${kind}one of ${list}`);
    }
  }
  return { type: parts.length > 0 ? parts.join(' or ') : undefined, values, types, default: defaultValue };
}

function typesOf(schema: JsonSchema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((type): type is string => typeof type === 'string') : [];
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function typeText(navigator: SchemaNavigator, schema: JsonSchema, type: string, code: (text: string) => string, depth: number): string {
  switch (type) {
    case 'integer':
    case 'number':
      return numberText(type, schema);
    case 'array': {
      const items = Array.isArray(schema.items) ? undefined : schema.items;
      if (!items || depth >= MAX_DEPTH) return 'array';
      const item = summarizeValue(navigator, navigator.alternatives(items), code, depth + 1).type;
      if (!item) return 'array';
      return / or |:|,/.test(item) ? `array of (${item})` : `array of ${item}`;
    }
    default:
      return type;
  }
}

/** `integer from 1 to 65535`, `number > 0`, `integer ≥ 0`: zod's safe-integer bounds are left out. */
function numberText(type: string, schema: JsonSchema): string {
  const bound = (keyword: string) => {
    const value = schema[keyword];
    return typeof value === 'number' && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined;
  };
  const [minimum, maximum, above, below] = [bound('minimum'), bound('maximum'), bound('exclusiveMinimum'), bound('exclusiveMaximum')];
  if (minimum !== undefined && maximum !== undefined) return `${type} from ${minimum} to ${maximum}`;
  const bounds = [
    minimum !== undefined ? `≥ ${minimum}` : undefined,
    above !== undefined ? `> ${above}` : undefined,
    maximum !== undefined ? `≤ ${maximum}` : undefined,
    below !== undefined ? `< ${below}` : undefined,
  ].filter((text): text is string => text !== undefined);
  return bounds.length > 0 ? `${type} ${bounds.join(', ')}` : type;
}
