import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { JsonSchema, normalizeEmbeddedRefs, SchemaNavigator } from './jsonSchema';
import { correctPrintedSchema } from './printedSchemaFixes';
import { quoteForMessage } from '../quoteForMessage';

/*
 * Whole-file validation against a JSON Schema with ajv (well-kept, fast: the schema compiles once,
 * then a megabyte file validates in milliseconds). Its errors are turned into one issue per problem,
 * worded like OpenClaw's own validator ("Unrecognized key: ..."), with the path of keys and indexes.
 */

/** What one validation found: at most the limit's issues, and how many errors ajv found in all. */
export interface SchemaCheck {
  issues: SchemaIssue[];
  /** Errors ajv found beyond the limit: counted, not kept, so not among the issues. */
  moreErrors: number;
}

export interface SchemaIssue {
  /** The value at fault; for an unknown or missing key, the object that holds it. */
  path: (string | number)[];
  /** The unknown or missing key. */
  key?: string;
  kind: 'unknown-key' | 'missing-key' | 'invalid-value';
  message: string;
}

export class SchemaValidator {
  readonly navigator: SchemaNavigator;
  private readonly validate: ValidateFunction;

  /** `label` says whose schema it is, for messages: "OpenClaw 2026.9.6". */
  constructor(
    schema: JsonSchema,
    readonly label: string,
  ) {
    const normalized = correctPrintedSchema(normalizeEmbeddedRefs(structuredClone(schema)));
    // passContext: the error limit reaches every generated function as `this` (boundErrors).
    const ajv = new Ajv({ allErrors: true, passContext: true, strict: false, logger: false, validateSchema: false, code: { process: boundErrors } });
    addFormats(ajv);
    this.validate = ajv.compile(normalized);
    this.navigator = new SchemaNavigator(normalized);
  }

  /** The issues of `value`, from at most `errorLimit` of ajv's errors (the first ones, in ajv's order). */
  check(value: unknown, errorLimit = Number.MAX_SAFE_INTEGER): SchemaCheck {
    const context: ErrorLimit = { errorLimit: Math.max(1, errorLimit) };
    const validate = this.validate as ValidateFunction & { errorCount?: number };
    if (validate.call(context, value)) return { issues: [], moreErrors: 0 };
    const errors = validate.errors ?? [];
    const total = validate.errorCount ?? errors.length;
    return { issues: toIssues(errors, value, total > errors.length), moreErrors: total - errors.length };
  }
}

interface ErrorLimit {
  errorLimit: number;
}

/**
 * ajv has no limit on the errors of one validation (its maintainers advise against allErrors on
 * untrusted input instead, ajv#2012), and a 2 MB file of a million wrong values gave a million
 * errors: 275 MB, and seconds of work on them afterwards. ajv's documented `code.process` hook lets
 * us change the code it generates so that it keeps the first `this.errorLimit` errors and only
 * counts the others. ajv keeps `vErrors.length === errors` (the count), and drops the errors of a
 * branch that turned out valid by truncating both to a count taken before it; with a limit, the
 * length is min(count, limit), which truncation keeps too (hence the Math.min). Errors of a
 * `$ref`'d function come back from it limited the same way, with their count in `errorCount`.
 * Code this does not recognise fails loudly here, never validates without a limit.
 */
function boundErrors(code: string): string {
  const bounded = code
    .replace(/vErrors\.push\((err\d+)\);/g, 'if(vErrors.length < this.errorLimit)vErrors.push($1);')
    .replace(/vErrors\.length = (_errs\d+);/g, 'vErrors.length = Math.min($1, vErrors.length);')
    .replace(
      /vErrors = vErrors === null \? (validate\d+)\.errors : vErrors\.concat\(\1\.errors\);errors = vErrors\.length;/g,
      'if(vErrors === null)vErrors = [];for(const e of $1.errors){if(vErrors.length < this.errorLimit)vErrors.push(e);}errors += $1.errorCount;',
    )
    .replace(/(validate\d+)\.errors = vErrors;/g, '$1.errors = vErrors;$1.errorCount = errors;');
  const unbounded = [
    /(?<!this\.errorLimit\))vErrors\.push\(/.test(bounded) && 'an error added another way',
    /vErrors\.concat\(/.test(bounded) && 'errors of a function called another way',
    /vErrors\.length = (?!Math\.min)/.test(bounded) && 'errors dropped another way',
    (bounded.match(/function validate\d+\(/g) ?? []).length !== (bounded.match(/\.errorCount = errors;/g) ?? []).length && 'a function that ends another way',
  ].filter(Boolean);
  if (unbounded.length > 0) throw new Error(`This version of ajv generates code the schema validator cannot limit: ${unbounded.join(', ')}.`);
  return bounded;
}

function toIssues(errors: ErrorObject[], value: unknown, truncated: boolean): SchemaIssue[] {
  // An anyOf reports every branch's errors and then its own: keep one issue per anyOf.
  const branchPrefixes = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => ({ error: e, prefix: `${e.schemaPath}/` }));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  const push = (issue: SchemaIssue) => {
    const key = `${issue.path.join('\u0000')}\u0001${issue.key ?? ''}\u0001${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  };
  for (const error of errors) {
    const branch = branchPrefixes.find((candidate) => candidate.error !== error && error.schemaPath.startsWith(candidate.prefix));
    if (branch) continue;
    // The last errors kept may be a branch's whose anyOf error came after the limit: not issues of their own.
    if (truncated && /\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath)) continue;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      // Its branches' errors: under its schema path and at or under its value (an anyOf of array items has the same schema path for every item).
      const inside = (e: ErrorObject) => e.instancePath === error.instancePath || e.instancePath.startsWith(`${error.instancePath}/`);
      push(describeAlternatives(error, errors.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/`) && inside(e)), value));
      continue;
    }
    push(describe(error, value));
  }
  return issues;
}

function describe(error: ErrorObject, value: unknown): SchemaIssue {
  const path = pathOf(error.instancePath, value);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { path, key, kind: 'unknown-key', message: `Unrecognized key: "${quoteForMessage(key)}"` };
    }
    case 'false schema': {
      // A key the schema lists as absent (it belongs to other versions): unknown, like any other.
      const key = String(path[path.length - 1]);
      return { path: path.slice(0, -1), key, kind: 'unknown-key', message: `Unrecognized key: "${quoteForMessage(key)}"` };
    }
    case 'required': {
      const key = String(params.missingProperty);
      return { path, key, kind: 'missing-key', message: `Missing required key "${key}"` };
    }
    case 'type':
      return { path, kind: 'invalid-value', message: `Invalid value: expected ${params.type}, got ${typeName(valueAt(value, path))}` };
    case 'enum':
      return { path, kind: 'invalid-value', message: `Invalid value: expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, kind: 'invalid-value', message: `Invalid value: expected ${JSON.stringify(params.allowedValue)}` };
    default:
      return { path, kind: 'invalid-value', message: `Invalid value: ${error.message ?? error.keyword}` };
  }
}

/** One message for a value that fits none of the alternatives: the closest branch's error, or the kinds it could be. */
function describeAlternatives(error: ErrorObject, branchErrors: ErrorObject[], value: unknown): SchemaIssue {
  const deeper = branchErrors.filter((e) => e.instancePath.length > error.instancePath.length || e.keyword === 'additionalProperties' || e.keyword === 'required');
  if (deeper.length > 0) {
    // The value had the right shape for a branch, and something inside it is wrong: say that.
    return describe(deeper.sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!, value);
  }
  const path = pathOf(error.instancePath, value);
  const expected = new Set<string>();
  for (const e of branchErrors) {
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'type') expected.add(String(params.type));
    else if (e.keyword === 'const') expected.add(JSON.stringify(params.allowedValue));
    else if (e.keyword === 'enum') for (const v of params.allowedValues as unknown[]) expected.add(JSON.stringify(v));
  }
  const wanted = expected.size > 0 ? [...expected].join(' or ') : 'one of the allowed forms';
  return { path, kind: 'invalid-value', message: `Invalid value: expected ${wanted}, got ${typeName(valueAt(value, path))}` };
}

/** A JSON pointer as keys and indexes; digits are indexes where the value there is an array. */
function pathOf(pointer: string, value: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(current) && /^\d+$/.test(segment) ? Number(segment) : undefined;
    path.push(index ?? segment);
    current = current && typeof current === 'object' ? (current as Record<string, unknown>)[segment] : undefined;
  }
  return path;
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const segment of path) current = current && typeof current === 'object' ? (current as Record<string | number, unknown>)[segment] : undefined;
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
