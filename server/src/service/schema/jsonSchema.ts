/*
 * Reading OpenClaw's JSON Schema (draft-07, from `openclaw config schema`): where a path leads, and
 * what the schema says there (title, description, the keys an object takes). Validation itself is
 * schemaInterpreter.ts's.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  [keyword: string]: unknown;
};

/**
 * Plugin config schemas are embedded whole, with their own `$defs` and refs like `#/$defs/account`
 * that mean their own root, not the document's. Makes those refs point where they mean.
 */
export function normalizeEmbeddedRefs(schema: JsonSchema): JsonSchema {
  // The path of keys to the node visited; a pointer is spelled out only where a scope starts (rare).
  // Only objects and arrays are visited: a printed schema is a megabyte, mostly strings and numbers.
  const path: (string | number)[] = [];
  const visit = (node: object, scope: string | undefined): void => {
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const item: unknown = node[index];
        if (item === null || typeof item !== 'object') continue;
        path.push(index);
        visit(item, scope);
        path.pop();
      }
      return;
    }
    const object = node as JsonSchema;
    const ownScope = object.$defs && path.length > 0 ? ['#', ...path.map((key) => escapePointer(String(key)))].join('/') : scope;
    if (ownScope && typeof object.$ref === 'string' && object.$ref.startsWith('#/$defs/')) {
      object.$ref = `${ownScope}${object.$ref.slice(1)}`;
    }
    for (const key in object) {
      const value = object[key];
      if (value === null || typeof value !== 'object') continue;
      path.push(key);
      visit(value, ownScope);
      path.pop();
    }
  };
  visit(schema, undefined);
  return schema;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export class SchemaNavigator {
  constructor(private readonly root: JsonSchema) {}

  /** The schemas that may describe the value at a path (several where anyOf/oneOf branch). */
  at(path: readonly (string | number)[]): JsonSchema[] {
    let current = this.expand(this.root);
    for (const segment of path) {
      const next: JsonSchema[] = [];
      for (const schema of current) {
        const child = typeof segment === 'number' ? this.itemOf(schema, segment) : this.propertyOf(schema, segment);
        if (child) next.push(...this.expand(child));
      }
      if (next.length === 0) return [];
      current = next;
    }
    return current;
  }

  /** Title and description for the value at a path, from the first schema that has them. */
  describe(path: readonly (string | number)[]): { title?: string; description?: string } | undefined {
    const found = this.at(path).find((schema) => schema.title || schema.description);
    return found ? { title: found.title, description: found.description } : undefined;
  }

  /**
   * A path of the file as the bundle's key paths write it (scripts/packSchemas.ts keyPaths): a key the
   * schema names by its name, any other key of a record `*`, an array's item `[]`. Undefined where the
   * schema knows no such key.
   */
  keyPath(path: readonly (string | number)[]): string | undefined {
    let current = this.expand(this.root);
    const segments: string[] = [];
    for (const segment of path) {
      const named =
        typeof segment === 'string' ? current.filter((schema) => schema.properties && Object.hasOwn(schema.properties, segment)) : [];
      const next: JsonSchema[] = [];
      for (const schema of named.length > 0 ? named : current) {
        const child = typeof segment === 'number' ? this.itemOf(schema, segment) : this.propertyOf(schema, segment);
        if (child) next.push(...this.expand(child));
      }
      if (next.length === 0) return undefined;
      segments.push(typeof segment === 'number' ? '[]' : named.length > 0 ? segment : '*');
      current = next;
    }
    return segments.join('.');
  }

  /** The named properties an object at `path` takes, with their schemas. */
  propertiesAt(path: readonly (string | number)[]): Map<string, JsonSchema> {
    const properties = new Map<string, JsonSchema>();
    for (const schema of this.at(path)) {
      for (const [name, child] of Object.entries(schema.properties ?? {})) if (!properties.has(name)) properties.set(name, child);
    }
    return properties;
  }

  private propertyOf(schema: JsonSchema, key: string): JsonSchema | undefined {
    if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
    return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  }

  private itemOf(schema: JsonSchema, index: number): JsonSchema | undefined {
    if (Array.isArray(schema.items)) return schema.items[index];
    return schema.items;
  }

  /** The schemas a value meeting `schema` may meet: its $ref followed, its anyOf/oneOf/allOf flattened. */
  alternatives(schema: JsonSchema): JsonSchema[] {
    return this.expand(schema);
  }

  private expand(schema: JsonSchema, depth = 0): JsonSchema[] {
    if (depth > 20) return [];
    if (schema.$ref) {
      const target = this.resolve(schema.$ref);
      return target ? this.expand(target, depth + 1) : [];
    }
    const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
    return [schema, ...branches.flatMap((branch) => this.expand(branch, depth + 1))];
  }

  private resolve(ref: string): JsonSchema | undefined {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = this.root;
    for (const raw of ref
      .slice(2)
      .split('/')
      .filter((part) => part !== '')) {
      const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!node || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
    return node as JsonSchema | undefined;
  }
}
