/**
 * The one tree shape every feature reads. It follows jsonc-parser's `Node` (type, offset, length,
 * parent, children, value) so it reads familiarly, and adds what JSON5 editing needs: the quote a
 * string or key was written with, and where the separators are. Unlike jsonc-parser's, a property
 * holds its key itself (text, quote, end) and its value in `valueNode`, with no key node and no
 * children array of its own: those were a third of a large file's objects and most of its parse
 * (bench/results.md, "Fourth pass"). keyOf makes a key node when a feature needs one.
 */
export type NodeType = 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';

export type Quote = '"' | "'" | '';

/** A node of the tree, made by createNode. */
export interface JsonNode {
  readonly type: NodeType;
  offset: number;
  /** Set with `end` by endNodeAt, the two kept in step. */
  readonly length: number;
  /** offset + length. */
  readonly end: number;
  parent: JsonNode | undefined;
  /** Object: its properties. Array: its items. */
  children: JsonNode[] | undefined;
  /** Strings, numbers, booleans, null; a property's (and a key node's) key text, always a string. */
  value: string | number | boolean | null | undefined;
  /** Strings, keys and properties (their key's): the quote used; '' for an unquoted (identifier) key. */
  quote: Quote;
  /** Properties: where the key ends (it starts at the property's offset). */
  keyEnd: number;
  /** Properties: the value node, if the property has one. */
  valueNode: JsonNode | undefined;
  /** Properties: the offset of ':' (-1 when missing). */
  colonOffset: number;
  /** Properties and array items: the offset of the ',' that follows (-1 when none). */
  commaOffset: number;
  /** Objects and arrays: whether the closing bracket was found. Strings and properties (their key's): the closing quote. */
  closed: boolean;
  /**
   * Only in a tree merged from `$include`d files: the node of a file this merged node stands for
   * (where its range is, and where edits to it go). Its children may come from several files.
   */
  origin: JsonNode | undefined;
}

/**
 * A new node: no children or value yet, a double quote, no colon or comma, closed. The parser makes
 * one per value and property (keyOf one per key asked for), and a tree lives as long as its document's
 * analysis. A plain object literal: V8 sees that the nodes of this allocation site survive and
 * allocates them in the old generation at once (pretenuring); instances of a class were copied by
 * young-generation collections first, which was most of the garbage collection of a pass on the 1 MB
 * document. (No prototype, for a getter of `end`: setting one is a call into V8's runtime per node,
 * 10% of a small file's pass.)
 */
export function createNode(type: NodeType, offset: number, length: number, parent: JsonNode | undefined): JsonNode {
  return {
    type,
    offset,
    length,
    end: offset + length,
    parent,
    children: undefined,
    value: undefined,
    quote: '"',
    keyEnd: -1,
    valueNode: undefined,
    colonOffset: -1,
    commaOffset: -1,
    closed: true,
    origin: undefined,
  };
}

/** Where a node being parsed ends, once known: its length and end. */
export function endNodeAt(node: JsonNode, end: number): void {
  (node as { length: number }).length = end - node.offset;
  (node as { end: number }).end = end;
}

/** Key nodes made so far, by property: one per property, so that a feature may compare them. */
const keyNodes = new WeakMap<JsonNode, JsonNode>();

/**
 * The key node of a property, for a feature that needs it as a node (its range, the node at a position).
 * Made at the first call: reading a key's text needs none (keyText). A property of a tree merged from
 * `$include`d files has the key node of the file's property it stands for.
 */
export function keyOf(property: JsonNode): JsonNode {
  const real = property.origin ?? property;
  let key = keyNodes.get(real);
  if (!key) {
    key = createNode('string', real.offset, real.keyEnd - real.offset, real);
    key.value = real.value;
    key.quote = real.quote;
    key.closed = real.closed;
    keyNodes.set(real, key);
  }
  return key;
}

/** The text of a property's key. */
export function keyText(property: JsonNode): string {
  return property.value as string;
}

/** Whether `node` is the key node of a property. */
export function isKeyNode(node: JsonNode): boolean {
  return node.parent?.type === 'property' && keyNodes.get(node.parent) === node;
}

/** The value node of a property, if it has one. */
export function valueOf(property: JsonNode): JsonNode | undefined {
  return property.valueNode;
}

/** The value node of `key` in an object; the last one wins, as in JSON5.parse. */
export function propertyValue(object: JsonNode | undefined, key: string): JsonNode | undefined {
  const property = findProperty(object, key);
  return property ? valueOf(property) : undefined;
}

/**
 * Objects with more properties than this have their keys indexed at the first lookup: scanning them
 * every time made placing a thousand schema issues in an object of 300,000 keys take 28 seconds.
 */
const INDEXED_FROM = 32;
/** By children array: a node given new children gets a new index; one that grew (while parsed) is indexed again. */
const keyIndexes = new WeakMap<JsonNode[], { length: number; byKey: Map<unknown, JsonNode> }>();

export function findProperty(object: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!object || object.type !== 'object' || !object.children) return undefined;
  const properties = object.children;
  if (properties.length > INDEXED_FROM) {
    let index = keyIndexes.get(properties);
    if (index?.length !== properties.length) {
      // The last of equal keys wins, as in JSON5.parse.
      index = { length: properties.length, byKey: new Map(properties.map((property) => [keyText(property), property])) };
      keyIndexes.set(properties, index);
    }
    return index.byKey.get(key);
  }
  for (let i = object.children.length - 1; i >= 0; i--) {
    const property = object.children[i]!;
    if (keyText(property) === key) return property;
  }
  return undefined;
}

/** Walks down a path of keys (objects) and indexes (arrays). */
export function findNodeAtPath(root: JsonNode | undefined, path: readonly (string | number)[]): JsonNode | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else {
      node = propertyValue(node, segment);
    }
  }
  return node;
}

/**
 * The node a path printed by OpenClaw's validator names: segments joined with dots, keys not escaped
 * (`agents.defaults.models.amazon-bedrock/zai.glm-4.7.alias`), `<root>` for the root. At each object
 * the longest key that fits wins. Returns the deepest node reached.
 */
export function findNodeAtDottedPath(root: JsonNode | undefined, dotted: string): JsonNode | undefined {
  if (!root || dotted === '<root>' || dotted === '') return root;
  let node: JsonNode = root;
  let rest = dotted;
  while (rest !== '') {
    let next: JsonNode | undefined;
    let consumed = 0;
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const key = keyText(property);
        if ((rest === key || rest.startsWith(`${key}.`)) && key.length > consumed && valueOf(property)) {
          next = valueOf(property);
          consumed = key.length;
        }
      }
    } else if (node.type === 'array') {
      const index = /^(\d+)(?:\.|$)/.exec(rest);
      if (index) {
        next = node.children?.[Number(index[1])];
        consumed = index[1]!.length;
      }
    }
    if (!next) return node;
    node = next;
    rest = rest.slice(consumed + 1);
  }
  return node;
}

/** The innermost node whose range holds `offset` (end-inclusive for the node being typed at). */
export function findNodeAtOffset(root: JsonNode | undefined, offset: number): JsonNode | undefined {
  if (!root || offset < root.offset || offset > root.end) return undefined;
  let node = root;
  for (;;) {
    if (node.type === 'property') {
      const value = node.valueNode;
      if (!value || offset < value.offset) return offset > node.keyEnd ? node : keyOf(node);
      if (offset > value.end) return node;
      node = value;
      continue;
    }
    const children = node.children;
    if (!children || children.length === 0) return node;
    // Children are in document order: binary search for the last child starting at or before offset.
    let low = 0;
    let high = children.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (children[mid]!.offset <= offset) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    const child = found >= 0 ? children[found] : undefined;
    if (!child || offset > child.end) return node;
    node = child;
  }
}

/** The path of keys and indexes from the root to `node`. */
export function pathOf(node: JsonNode): (string | number)[] {
  const path: (string | number)[] = [];
  let current: JsonNode = node;
  while (current.parent) {
    const parent: JsonNode = current.parent;
    if (parent.type === 'property') {
      if (keyNodes.get(parent) !== current) path.push(keyText(parent));
    } else if (parent.type === 'array') {
      path.push(parent.children!.indexOf(current));
    }
    current = parent;
  }
  return path.reverse();
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

export function numberValue(node: JsonNode | undefined): number | undefined {
  return node?.type === 'number' ? (node.value as number) : undefined;
}

export function booleanValue(node: JsonNode | undefined): boolean | undefined {
  return node?.type === 'boolean' ? (node.value as boolean) : undefined;
}

/** The strings of an array (its other items skipped); undefined for anything but an array. */
export function stringArrayValue(node: JsonNode | undefined): string[] | undefined {
  if (node?.type !== 'array') return undefined;
  const strings: string[] = [];
  for (const item of node.children!) if (item.type === 'string') strings.push(item.value as string);
  return strings;
}
