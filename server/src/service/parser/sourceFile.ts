import { detectFileStyle, FileStyle } from '../edits/fileStyle';
import { parseJson5, ParseResult } from './json5Parser';
import { FileEncoding, Range, TextDocumentLike } from '../types';

/** \u and \x escapes, which can spell any character in JSON5 strings and identifiers. */
const ESCAPE = /\\[ux]/;

/** One file's text, parsed once: the configuration itself or a file it `$include`s. */
export class SourceFile {
  readonly text: string;
  /** The version parsed: an LSP document object is updated in place, so its own version moves on. */
  readonly version: number;
  readonly parse: ParseResult;
  private fileStyle: FileStyle | undefined;
  private includeHint: boolean | undefined;
  private envHint: boolean | undefined;
  private dollarHint: boolean | undefined;
  private escapeHint: boolean | undefined;

  /** `encoding`: what the file's bytes say (the document's own, or the disk's for an editor's document). */
  constructor(
    readonly document: TextDocumentLike,
    readonly encoding: FileEncoding | undefined = document.encoding,
  ) {
    this.text = document.getText();
    this.version = document.version;
    this.parse = parseJson5(this.text);
  }

  get uri(): string {
    return this.document.uri;
  }

  range(offset: number, length: number): Range {
    return { start: this.document.positionAt(offset), end: this.document.positionAt(offset + length) };
  }

  nodeRange(node: { offset: number; length: number }): Range {
    return this.range(node.offset, node.length);
  }

  /** How the file writes JSON5, for edits that should look hand-written. */
  get style(): FileStyle {
    return (this.fileStyle ??= detectFileStyle(this.text, this.parse.root));
  }

  /** Whether a `$include` key can be in this file (escapes could spell it too, so they count). */
  get mayInclude(): boolean {
    return (this.includeHint ??= (this.hasDollar && this.text.includes('$include')) || this.hasEscape);
  }

  /** Whether a string of this file can hold `${`, literally or through escapes. */
  get mayReferenceEnv(): boolean {
    return (this.envHint ??= (this.hasDollar && this.text.includes('${')) || this.hasEscape);
  }

  /* Each a search of the whole text, once: both hints need them, and most files have neither. */
  private get hasDollar(): boolean {
    return (this.dollarHint ??= this.text.includes('$'));
  }

  private get hasEscape(): boolean {
    // A search for one character first: most files have no backslash at all.
    return (this.escapeHint ??= this.text.includes('\\') && ESCAPE.test(this.text));
  }

  /** OpenClaw refuses the file for its encoding (UTF-16) before reading anything in it. */
  get refusedEncoding(): boolean {
    return this.encoding?.utf16 !== undefined;
  }

  /** Whether this still reads the same as `document` now does. */
  matches(document: TextDocumentLike): boolean {
    return (this.document === document && this.version === document.version) || this.text === document.getText();
  }
}
