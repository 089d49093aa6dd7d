import { AliasEntry, buildConfigModel, ConfigModel, ConfiguredModel, ModelReference } from './configModel';
import { detectFileStyle, FileStyle } from './edits/fileStyle';
import { JsonNode } from './parser/ast';
import { parseJson5, ParseResult } from './parser/json5Parser';
import { ReferenceResolver } from './references';
import { Range, TextDocumentLike } from './types';

/** What a string node in the file means to this extension. */
export type NodeMeaning =
  | { kind: 'model-id'; model: ConfiguredModel }
  | { kind: 'reference'; reference: ModelReference }
  | { kind: 'alias'; entry: AliasEntry };

/** One document parsed once, with everything features share. */
export class Analysis {
  readonly text: string;
  /** The version analysed: an LSP document object is updated in place, so its own version moves on. */
  readonly version: number;
  readonly parse: ParseResult;
  readonly config: ConfigModel;
  readonly resolver: ReferenceResolver;
  private meanings: Map<JsonNode, NodeMeaning> | undefined;
  private fileStyle: FileStyle | undefined;

  constructor(readonly document: TextDocumentLike) {
    this.text = document.getText();
    this.version = document.version;
    this.parse = parseJson5(this.text);
    this.config = buildConfigModel(this.parse);
    this.resolver = new ReferenceResolver(this.config);
  }

  range(offset: number, length: number): Range {
    return { start: this.document.positionAt(offset), end: this.document.positionAt(offset + length) };
  }

  nodeRange(node: JsonNode): Range {
    return this.range(node.offset, node.length);
  }

  /** How the file writes JSON5, for edits that should look hand-written. */
  get style(): FileStyle {
    return (this.fileStyle ??= detectFileStyle(this.text, this.parse.root));
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
