import { AliasEntry, buildConfigModel, ConfigModel, ConfiguredModel, ModelReference } from './configModel';
import { FileStyle } from '../edits/fileStyle';
import { ConfigGraph, LogicalPath } from './includes';
import { JsonNode, pathOf, propertyValue } from '../parser/ast';
import { ParseResult } from '../parser/json5Parser';
import { ReferenceResolver } from './references';
import { SourceFile } from '../parser/sourceFile';
import { Location, Range, TextDocumentLike } from '../types';

/** What a string node in the file means to this extension. */
export type NodeMeaning =
  { kind: 'model-id'; model: ConfiguredModel } | { kind: 'reference'; reference: ModelReference } | { kind: 'alias'; entry: AliasEntry };

/** The configuration as OpenClaw reads it (its files merged), computed once and shared by the views of its files. */
class ConfigState {
  readonly config: ConfigModel;
  readonly resolver: ReferenceResolver;
  private meanings: Map<JsonNode, NodeMeaning> | undefined;
  /** Per-feature results that depend on the whole configuration (diagnostics of every file). */
  readonly memo = new Map<string, unknown>();

  constructor(readonly graph: ConfigGraph) {
    this.config = buildConfigModel(graph.merged);
    this.resolver = new ReferenceResolver(this.config);
  }

  meaningOf(node: JsonNode): NodeMeaning | undefined {
    if (!this.meanings) {
      const meanings = new Map<JsonNode, NodeMeaning>();
      for (const model of this.config.models) meanings.set(model.idNode, { kind: 'model-id', model });
      for (const reference of this.config.references) meanings.set(reference.node, { kind: 'reference', reference });
      for (const entry of this.config.aliases) {
        if (entry.alias) meanings.set(entry.alias.node, { kind: 'alias', entry });
      }
      this.meanings = meanings;
    }
    return this.meanings.get(node);
  }
}

/**
 * One file of a configuration, with the whole configuration behind it. `text`, `parse`, `range`
 * and `style` are this file's; `config` and `root` are the merged configuration's, whose nodes may
 * sit in other files (`fileOf`, `locate`).
 */
export class Analysis {
  private constructor(
    readonly file: SourceFile,
    private readonly state: ConfigState,
  ) {}

  static of(file: SourceFile, graph: ConfigGraph): Analysis {
    return new Analysis(file, new ConfigState(graph));
  }

  /** The same configuration, seen from another of its files. */
  viewFrom(file: SourceFile): Analysis {
    return file === this.file ? this : new Analysis(file, this.state);
  }

  get graph(): ConfigGraph {
    return this.state.graph;
  }
  get config(): ConfigModel {
    return this.state.config;
  }
  get resolver(): ReferenceResolver {
    return this.state.resolver;
  }
  /** The merged configuration's root. */
  get root(): JsonNode | undefined {
    return this.state.graph.merged;
  }
  /** How messages name where things are defined: "this file", or "this configuration" when it spans files. */
  get scope(): string {
    return this.state.graph.files.length > 1 ? 'this configuration' : 'this file';
  }
  /** Whether this file is the configuration itself, not one it includes. */
  get isRoot(): boolean {
    return this.file === this.state.graph.root;
  }
  memo<T>(key: string, compute: () => T): T {
    if (!this.state.memo.has(key)) this.state.memo.set(key, compute());
    return this.state.memo.get(key) as T;
  }

  get document(): TextDocumentLike {
    return this.file.document;
  }
  get text(): string {
    return this.file.text;
  }
  get version(): number {
    return this.file.version;
  }
  get parse(): ParseResult {
    return this.file.parse;
  }
  /** How this file writes JSON5, for edits that should look hand-written. */
  get style(): FileStyle {
    return this.file.style;
  }

  range(offset: number, length: number): Range {
    return this.file.range(offset, length);
  }

  nodeRange(node: JsonNode): Range {
    return this.file.range(node.offset, node.length);
  }

  fileOf(node: JsonNode): SourceFile {
    return this.state.graph.fileOf(node);
  }

  /** Whether a node of the configuration is written in this file. */
  isHere(node: JsonNode): boolean {
    return this.fileOf(node) === this.file;
  }

  locate(node: JsonNode): Location {
    const file = this.fileOf(node);
    return { uri: file.uri, range: file.nodeRange(node) };
  }

  /** A node's path in the merged configuration (models.providers.x...), wherever it is written. */
  logicalPath(node: JsonNode): LogicalPath {
    const own = node.origin ?? node;
    return [...(this.state.graph.mountOf(this.fileOf(own)) ?? []), ...pathOf(own)];
  }

  /**
   * Where properties for a path of the configuration go: the deepest object along it (a file's own
   * node: a merged one stands for the object beside its `$include`), and the keys still to create.
   * Undefined when something on the way is not an object.
   */
  insertionPoint(path: readonly string[]): { file: SourceFile; object: JsonNode; missing: string[] } | undefined {
    let node = this.root;
    if (node?.type !== 'object') return undefined;
    let depth = 0;
    for (; depth < path.length; depth++) {
      const child = propertyValue(node, path[depth]!);
      if (!child) break;
      if (child.type !== 'object') return undefined;
      node = child;
    }
    const object = node.origin ?? node;
    return { file: this.fileOf(object), object, missing: path.slice(depth) };
  }

  meaningOf(node: JsonNode): NodeMeaning | undefined {
    return this.state.meaningOf(node);
  }
}
