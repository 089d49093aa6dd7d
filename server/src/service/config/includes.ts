import * as path from 'path';
import { URI } from 'vscode-uri';
import { createNode, findProperty, JsonNode, keyText, pathOf, valueOf } from '../parser/ast';
import { SourceFile } from '../parser/sourceFile';
import { formatCount } from './modelFacts';

/*
 * `$include` as OpenClaw resolves it (src/config/includes.ts, read in 2026.9.6): a path or an array
 * of paths, relative to the file that has it, anywhere an object is. The included value replaces the
 * object; keys beside `$include` are deep-merged over it (objects merge, arrays concatenate with the
 * included items first, a sibling's scalar wins). Paths must stay inside the configuration's
 * directory (or OPENCLAW_INCLUDE_ROOTS), as written and once symlinks are followed; at most 10 levels,
 * 2 MB a file, no cycles. OpenClaw refuses the file at the first problem; we record each problem on
 * its `$include` and go on without that file, so everything else keeps working.
 *
 * OpenClaw re-reads and re-merges a file each time it is included, so a few files including each
 * other several times expand without limit (fan-out^depth). We process a file once per include
 * chain and stop expanding past MAX_EXPANDED_VALUES: OpenClaw has no such limit.
 *
 * The result is one merged tree made of the files' own nodes wherever nothing was merged, and of new
 * nodes (their `origin`: the file node each stands for) where objects or arrays of several files meet.
 */

export const INCLUDE_KEY = '$include';
const MAX_DEPTH = 10;
const MAX_INCLUDE_BYTES = 2_097_152;
const MAX_PATH_LENGTH = 4096;
/** The values the configuration may hold with every include copied in (ours: OpenClaw has no limit). */
const MAX_EXPANDED_VALUES = 500_000;
const LONE_SURROGATE = /\p{Cs}/u;
const BLOCKED_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export type LogicalPath = (string | number)[];

export interface IncludeProblem {
  /** The `$include` value, or the item of its array, that failed. */
  node: JsonNode;
  /** OpenClaw's own message; ours for `limit`. */
  message: string;
  /** The extension's expansion limit, not an OpenClaw error: OpenClaw would read on. */
  limit?: boolean;
}

export interface ConfigGraph {
  root: SourceFile;
  /** The root, then each included file in the order it is first included. */
  files: SourceFile[];
  /** Every uri the resolution read, with what it got (undefined: missing): the graph is stale once one changes. */
  dependencies: ReadonlyMap<string, SourceFile | undefined>;
  merged: JsonNode | undefined;
  problems: IncludeProblem[];
  /** Each `$include` path (a file's string node) whose file was read, with that file's uri: links, definition, hover. */
  includeTargets: ReadonlyMap<JsonNode, string>;
  /** The file a node of the merged tree is written in. */
  fileOf(node: JsonNode): SourceFile;
  /** Where a file's content sits in the merged tree (the root's: []); the first place, when included twice. */
  mountOf(file: SourceFile): LogicalPath | undefined;
}

export interface IncludeOptions {
  /** OPENCLAW_INCLUDE_ROOTS: more directories includes may come from; asked at the first `$include`. */
  includeRoots?(): string[];
  /** Why a file was not read though it may exist, for the message. */
  whyUnread?(uri: string): string | undefined;
  /** Where a file or folder really is, symlinks followed; without it, where its path says. */
  realPath?(uri: string): RealPath | undefined;
}

/** A real path (a file system path), or why there is none: nothing there, or links that cannot be followed (a loop). */
/**
 * Where a path really is; for a file, whether OpenClaw's guarded read takes it (a regular file with
 * one link: a hard link could make a file outside the folder look as if it were inside).
 */
export type RealPath = { path: string; regularFile?: boolean; hardLinks?: number } | { missing: true } | { unresolvable: true };

export function resolveIncludes(
  root: SourceFile,
  load: (uri: string) => SourceFile | undefined,
  options: IncludeOptions = {},
): ConfigGraph {
  const resolver = new IncludeResolver(root, load, options);
  const merged = root.parse.root && (root.mayInclude ? resolver.process(root.parse.root, root, [fsPathOf(root.uri)], 0) : root.parse.root);
  return {
    root,
    files: resolver.files,
    dependencies: resolver.dependencies,
    merged,
    problems: resolver.problems,
    includeTargets: resolver.includeTargets,
    fileOf: (node) => resolver.fileOf(node),
    mountOf: (file) => resolver.mounts.get(file),
  };
}

export function fsPathOf(uri: string): string {
  return URI.parse(uri).fsPath;
}

class IncludeResolver {
  readonly files: SourceFile[] = [];
  readonly mounts = new Map<SourceFile, LogicalPath>();
  readonly dependencies = new Map<string, SourceFile | undefined>();
  readonly problems: IncludeProblem[] = [];
  readonly includeTargets = new Map<JsonNode, string>();
  private readonly byRoot = new Map<JsonNode, SourceFile>();
  /** The folders includes may come from: made at the first `$include` (a file without one, nearly every file, needs none). */
  private roots: { dirs: string[]; realDirs: string[] } | undefined;
  /** What including a file gives, by include chain (ending with the file): a file included again is not processed again. */
  private readonly expansions = new Map<string, JsonNode>();
  /** The values includes copied in so far (at least the size of the merged configuration they make). */
  private expandedValues = 0;
  private readonly sizes = new Map<JsonNode, number>();
  /** The `$include`s past the limit, each reported once. */
  private readonly overLimit = new Set<JsonNode>();
  private readonly realPaths = new Map<string, RealPath | undefined>();

  constructor(
    private readonly root: SourceFile,
    private readonly load: (uri: string) => SourceFile | undefined,
    private readonly options: IncludeOptions,
  ) {
    this.dependencies.set(root.uri, root);
    this.addFile(root, []);
  }

  /** The configuration's folder and OPENCLAW_INCLUDE_ROOTS; `realDirs`: the same, symlinks followed (as written when that fails, as OpenClaw does). */
  private get rootDirs(): { dirs: string[]; realDirs: string[] } {
    if (!this.roots) {
      const dirs = [path.dirname(fsPathOf(this.root.uri)), ...(this.options.includeRoots?.() ?? [])];
      const realDirs = dirs.map((dir) => {
        const real = this.realPathOf(dir);
        return real && 'path' in real ? real.path : dir;
      });
      this.roots = { dirs, realDirs };
    }
    return this.roots;
  }

  fileOf(node: JsonNode): SourceFile {
    let top = node.origin ?? node;
    while (top.parent) top = top.parent;
    return this.byRoot.get(top) ?? this.root;
  }

  /** The node as the merged tree has it; `chain`: the files being included, for cycles. */
  process(node: JsonNode, file: SourceFile, chain: string[], depth: number): JsonNode {
    if (node.type === 'array') {
      const items = mapChanged(node.children ?? [], (item) => this.process(item, file, chain, depth));
      return items ? merged(node, items) : node;
    }
    if (node.type !== 'object') return node;
    const properties = node.children ?? [];
    if (!properties.some((property) => keyText(property) === INCLUDE_KEY)) {
      const processed = mapChanged(properties, (property) => this.processProperty(property, file, chain, depth));
      return processed ? merged(node, processed) : node;
    }
    // OpenClaw reads the last `$include` of an object, like any key.
    const includeValue = valueOf(findProperty(node, INCLUDE_KEY)!);
    const siblings = properties.filter((property) => keyText(property) !== INCLUDE_KEY);
    const included = includeValue && this.resolveValue(includeValue, file, node, chain, depth);
    const rest = merged(
      node,
      siblings.map((property) => this.processProperty(property, file, chain, depth)),
    );
    if (siblings.length === 0) return included ?? rest;
    if (included && included.type !== 'object') {
      this.problems.push({ node: includeValue!, message: 'Sibling keys require included content to be an object' });
      return rest;
    }
    return included ? mergeNodes(included, rest) : rest;
  }

  private processProperty(property: JsonNode, file: SourceFile, chain: string[], depth: number): JsonNode {
    const value = valueOf(property);
    const processed = value && this.process(value, file, chain, depth);
    return processed === value ? property : mergedProperty(property, processed!);
  }

  private resolveValue(value: JsonNode, file: SourceFile, holder: JsonNode, chain: string[], depth: number): JsonNode | undefined {
    if (value.type === 'string') return this.loadFile(value.value as string, value, file, holder, chain, depth);
    if (value.type !== 'array') {
      this.problems.push({
        node: value,
        message: `Invalid $include value: expected string or array of strings, got ${typeOfValue(value)}`,
      });
      return undefined;
    }
    let result: JsonNode | undefined;
    for (const item of value.children ?? []) {
      if (item.type !== 'string') {
        this.problems.push({ node: item, message: `Invalid $include array item: expected string, got ${typeOfValue(item)}` });
        continue;
      }
      const loaded = this.loadFile(item.value as string, item, file, holder, chain, depth);
      if (loaded) result = result ? mergeNodes(result, loaded) : loaded;
    }
    return result;
  }

  private loadFile(
    includePath: string,
    at: JsonNode,
    from: SourceFile,
    holder: JsonNode,
    chain: string[],
    depth: number,
  ): JsonNode | undefined {
    const fail = (message: string) => void this.problems.push({ node: at, message });
    if (includePath.includes('\0')) return fail('Include path must not contain null bytes');
    if (includePath.length >= MAX_PATH_LENGTH) return fail(`Include path exceeds maximum length (${MAX_PATH_LENGTH} characters)`);
    const base = path.dirname(fsPathOf(from.uri));
    const resolved = path.normalize(path.isAbsolute(includePath) ? includePath : path.resolve(base, includePath));
    if (resolved.length >= MAX_PATH_LENGTH) return fail(`Resolved include path exceeds maximum length (${MAX_PATH_LENGTH} characters)`);
    const { dirs, realDirs } = this.rootDirs;
    if (!dirs.some((dir) => isPathInside(dir, resolved)))
      return fail(`Include path escapes config directory: ${includePath} (root: ${dirs[0]})`);
    // Checked before anything is read: a symlink must not take an include out of the folder.
    const real = this.realPathOf(resolved);
    if (real && 'path' in real && !realDirs.some((dir) => isPathInside(dir, real.path))) {
      return fail(`Include path resolves outside config directory (symlink): ${includePath} (root: ${dirs[0]})`);
    }
    if (real && 'unresolvable' in real) return fail(`Failed to resolve include file realpath: ${includePath} (resolved: ${resolved})`);
    const securityChecks = `Include file failed security checks (regular file, max ${MAX_INCLUDE_BYTES} bytes, no hardlinks): ${includePath}`;
    if (real && 'path' in real && (real.regularFile === false || (real.hardLinks ?? 1) > 1)) return fail(securityChecks);
    const uri = uriOf(resolved);
    // A file met again in a cycle or past the depth limit is still a file to open: it was read already, or is not read now.
    const linkIfRead = () => {
      if (uri && this.dependencies.get(uri)) this.includeTargets.set(at, uri);
    };
    if (chain.includes(resolved)) {
      linkIfRead();
      return fail(`Circular include detected: ${[...chain, resolved].join(' -> ')}`);
    }
    if (depth >= MAX_DEPTH) {
      linkIfRead();
      return fail(`Maximum include depth (${MAX_DEPTH}) exceeded at: ${includePath}`);
    }
    if (uri && !this.dependencies.has(uri)) this.dependencies.set(uri, this.load(uri));
    const file = uri ? this.dependencies.get(uri) : undefined;
    if (!file) {
      const why = uri && this.options.whyUnread?.(uri);
      return fail(`Failed to read include file: ${includePath} (resolved: ${resolved})${why ? `: ${why}` : ''}`);
    }
    this.includeTargets.set(at, uri!);
    if (Buffer.byteLength(file.text, 'utf8') > MAX_INCLUDE_BYTES) return fail(securityChecks);
    // A file that does not parse (or is UTF-16) fails the whole configuration; what could be read still counts here.
    if (file.parse.errors.length > 0 || !file.parse.root || file.refusedEncoding)
      fail(`Failed to parse include file: ${includePath} (resolved: ${resolved})`);
    this.addFile(file, [...(this.mounts.get(from) ?? []), ...pathOf(holder.origin ?? holder)]);
    if (!file.parse.root) return undefined;
    return this.expand(file, file.parse.root, includePath, at, [...chain, resolved], depth + 1);
  }

  /**
   * The file's content as included here, processed once per chain. Against the limit each include
   * counts what it copies in: its file's own values the first time, the whole processed content again.
   */
  private expand(
    file: SourceFile,
    content: JsonNode,
    includePath: string,
    at: JsonNode,
    chain: string[],
    depth: number,
  ): JsonNode | undefined {
    const key = chain.join('\0');
    const known = this.expansions.get(key);
    const values = this.sizeOf(known ?? content);
    if (this.expandedValues + values > MAX_EXPANDED_VALUES) {
      if (!this.overLimit.has(at)) {
        const limit = formatCount(MAX_EXPANDED_VALUES);
        const message =
          `${includePath} is not checked: with it the configuration would hold more than ${limit} values once every $include is copied in ` +
          '(a file included again is copied again). OpenClaw sets no such limit; the extension stops here to stay responsive';
        this.problems.push({ node: at, message, limit: true });
        this.overLimit.add(at);
      }
      return undefined;
    }
    this.expandedValues += values;
    if (known) return known;
    const value = file.mayInclude ? this.process(content, file, chain, depth) : content;
    this.expansions.set(key, value);
    return value;
  }

  /** How many values (objects, arrays, properties, keys, scalars) a tree holds, a subtree met again counted again. */
  private sizeOf(node: JsonNode): number {
    let size = this.sizes.get(node);
    if (size === undefined) {
      size = 1;
      // A property counts its key too.
      if (node.type === 'property') size += 1 + (node.valueNode ? this.sizeOf(node.valueNode) : 0);
      for (const child of node.children ?? []) size += this.sizeOf(child);
      this.sizes.set(node, size);
    }
    return size;
  }

  /** The real path of a file system path, asked once per resolution. */
  private realPathOf(fsPath: string): RealPath | undefined {
    if (!this.options.realPath) return undefined;
    if (!this.realPaths.has(fsPath)) {
      const uri = uriOf(fsPath);
      this.realPaths.set(fsPath, uri ? this.options.realPath(uri) : { missing: true });
    }
    return this.realPaths.get(fsPath);
  }

  private addFile(file: SourceFile, mount: LogicalPath): void {
    if (this.mounts.has(file)) return;
    this.files.push(file);
    this.mounts.set(file, mount);
    if (file.parse.root) this.byRoot.set(file.parse.root, file);
  }
}

/** The items mapped, or undefined when none changed (no array is made for the common case). */
function mapChanged(items: JsonNode[], map: (item: JsonNode) => JsonNode): JsonNode[] | undefined {
  let changed: JsonNode[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = map(items[i]!);
    if (!changed && item !== items[i]) changed = items.slice(0, i);
    changed?.push(item);
  }
  return changed;
}

/** OpenClaw's deep merge: objects merge key by key, arrays concatenate, otherwise the override wins. */
function mergeNodes(base: JsonNode, override: JsonNode): JsonNode {
  if (base.type === 'array' && override.type === 'array') return merged(override, [...(base.children ?? []), ...(override.children ?? [])]);
  if (base.type !== 'object' || override.type !== 'object') return override;
  const properties = new Map<string, JsonNode>();
  for (const property of base.children ?? []) properties.set(keyText(property), property);
  for (const property of override.children ?? []) {
    const key = keyText(property);
    const value = valueOf(property);
    if (BLOCKED_KEYS.has(key) || !value) continue;
    const current = properties.get(key);
    const currentValue = current && valueOf(current);
    if (
      currentValue &&
      ((value.type === 'object' && currentValue.type === 'object') || (value.type === 'array' && currentValue.type === 'array'))
    ) {
      properties.set(key, mergedProperty(property, mergeNodes(currentValue, value)));
    } else {
      properties.set(key, property);
    }
  }
  return merged(override, [...properties.values()]);
}

/** A node of the merged tree standing for `origin` (a file's node), with other children. */
function merged(origin: JsonNode, children: JsonNode[] | undefined): JsonNode {
  const real = origin.origin ?? origin;
  const node = createNode(real.type, real.offset, real.length, real.parent);
  node.children = children;
  node.closed = real.closed;
  node.commaOffset = real.commaOffset;
  node.origin = real;
  return node;
}

/** A property of the merged tree: the file's key (keyOf gives the file's key node), another value. */
function mergedProperty(property: JsonNode, value: JsonNode): JsonNode {
  const real = property.origin ?? property;
  const node = merged(real, undefined);
  node.value = real.value;
  node.quote = real.quote;
  node.keyEnd = real.keyEnd;
  node.colonOffset = real.colonOffset;
  node.valueNode = value;
  return node;
}

/** A file system path's uri; none for a path with a lone surrogate, which no file on disk can have. */
function uriOf(fsPath: string): string | undefined {
  return LONE_SURROGATE.test(fsPath) ? undefined : URI.file(fsPath).toString();
}

/** Whether a path is the folder `root` or inside it. */
export function isPathInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/** JavaScript's typeof of the value, as OpenClaw's messages say it. */
function typeOfValue(node: JsonNode): string {
  return node.type === 'string' || node.type === 'number' || node.type === 'boolean' ? node.type : 'object';
}
