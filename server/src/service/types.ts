/*
 * The language service's public types. They have the shape of the LSP types (so the adapter passes
 * them through unchanged) without depending on any LSP or VS Code package.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const Severity = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

export type DiagnosticCode =
  | 'syntax'
  | 'not-an-object'
  | 'duplicate-key'
  | 'no-alias'
  | 'unknown-model'
  | 'unresolved-reference'
  | 'duplicate-alias'
  | 'duplicate-model-id'
  | 'schema'
  | 'legacy-key'
  | 'policy-ref'
  | 'legacy-allowlist'
  | 'openclaw-validate'
  | 'needs-inference-profile'
  | 'not-in-region'
  | 'legacy-model'
  | 'image-input'
  | 'include'
  | 'include-limit'
  | 'env-var'
  | 'non-aws-endpoint'
  | 'encoding'
  | 'missing-facts'
  | 'too-many-problems';

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  source: 'openclaw';
  /** For what OpenClaw's validator also reports: the path it would print (models.providers.x.models.0.id). */
  data?: { path: string };
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Location {
  uri: string;
  range: Range;
}

/** Edits by document uri: a configuration may span files (`$include`). */
export interface WorkspaceEdit {
  changes: Record<string, TextEdit[]>;
}

export const CodeActionKind = {
  QuickFix: 'quickfix',
  SourceFixAll: 'source.fixAll',
  /** Our own fix-all, so editors can run it alone on save. */
  SourceFixAllOpenClaw: 'source.fixAll.openclaw',
} as const;

export interface CodeAction {
  title: string;
  kind: string;
  edit: WorkspaceEdit;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
}

export interface Hover {
  /** Markdown. */
  contents: string;
  range: Range;
  /** provider/id of the configured model the hover describes, if any. */
  modelRef?: string;
}

/** LSP's CompletionItemKind values that the service uses. */
export const CompletionItemKind = { Module: 9, Property: 10, Value: 12, Snippet: 15, Reference: 18, Constant: 21 } as const;
export type CompletionItemKind = (typeof CompletionItemKind)[keyof typeof CompletionItemKind];

export const InsertTextFormat = { PlainText: 1, Snippet: 2 } as const;
export type InsertTextFormat = (typeof InsertTextFormat)[keyof typeof InsertTextFormat];

export interface CompletionItem {
  label: string;
  /** Shown beside the label in every row (the label keeps its room): a model's name, "already configured". */
  labelDetails?: { detail?: string; description?: string };
  kind: CompletionItemKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText?: string;
  filterText?: string;
  textEdit: TextEdit;
  insertTextFormat?: InsertTextFormat;
  additionalTextEdits?: TextEdit[];
  /** Shown struck through: a LEGACY model. */
  deprecated?: boolean;
}

export interface CompletionList {
  items: CompletionItem[];
  /** Not every match is in `items`: the editor should ask again as the user types. */
  isIncomplete: boolean;
}

/** What the service needs of a text document; vscode-languageserver-textdocument's TextDocument fits. */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  /** What the bytes the text was decoded from said: undefined when they were not seen (an editor's document). */
  readonly encoding?: FileEncoding;
}

/**
 * What decoding a file's bytes found that its text cannot show: OpenClaw reads every file as UTF-8
 * (Node's readFileSync 'utf-8'). Found by the FileSource or the CLI, which read bytes; the service
 * only turns it into diagnostics.
 */
export interface FileEncoding {
  /** The file is UTF-16: OpenClaw refuses it. The text is the file decoded as UTF-16 all the same. */
  utf16?: { endianness: 'LE' | 'BE'; byteOrderMark: boolean };
  /** Invalid UTF-8 byte sequences (the first ones), each where the U+FFFD that OpenClaw reads in its place is in the text. */
  invalidUtf8?: { offset: number; bytes: number[] }[];
  /** How many invalid sequences the file has in all (more than `invalidUtf8` lists when there are many). */
  invalidUtf8Count?: number;
  /**
   * An editor's document whose text is not what OpenClaw decodes from the file on disk (unsaved changes,
   * or the editor decoded another encoding): the disk's invalid UTF-8, which offsets into this text cannot place.
   */
  invalidUtf8OnDisk?: { count: number; line: number; bytes: number[] };
}

/** Settings the service reads; every field has a default. */
export interface ServiceSettings {
  /** The version of the `openclaw` command found on this machine; it decides when known. */
  installedVersion?: string;
  /** OpenClaw version to check against when the file has no meta.lastTouchedVersion. */
  openclawVersion?: string;
  /** Where openclawVersion comes from, for messages: the editor's setting (the default) or the CLI's flag. */
  openclawVersionFrom?: 'setting' | 'command-line';
  /** The `openclaw.aws.region` setting: the catalog's region before anything the file says. */
  awsRegion?: string;
  /** The environment the region falls back to (AWS_REGION, AWS_DEFAULT_REGION). */
  env?: Readonly<Record<string, string | undefined>>;
  /** At most this many diagnostics per file, the last saying how many more there are (default 1,000). */
  maxDiagnosticsPerFile?: number;
}

/** How the editor indents (LSP's FormattingOptions; its other fields are not used). */
export interface FormattingOptions {
  tabSize: number;
  insertSpaces: boolean;
}

/** LSP's SymbolKind values that the service uses. */
export const SymbolKind = {
  Module: 2,
  Class: 5,
  Variable: 13,
  Constant: 14,
  String: 15,
  Number: 16,
  Boolean: 17,
  Array: 18,
} as const;
export type SymbolKind = (typeof SymbolKind)[keyof typeof SymbolKind];

/** A hierarchical symbol (Outline, breadcrumbs, sticky scroll). `selectionRange` lies inside `range`. */
export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

/** A symbol of any open configuration, for Go to Symbol in Workspace. */
export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  location: Location;
  containerName?: string;
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

/** Smart select: a range and the next larger one around it. */
export interface SelectionRange {
  range: Range;
  parent?: SelectionRange;
}

export const DocumentHighlightKind = { Read: 2, Write: 3 } as const;
export type DocumentHighlightKind = (typeof DocumentHighlightKind)[keyof typeof DocumentHighlightKind];

export interface DocumentHighlight {
  range: Range;
  kind: DocumentHighlightKind;
}

/** A link in the text: a `$include` path to the file it names. */
export interface DocumentLink {
  range: Range;
  target: string;
  tooltip?: string;
}

export interface InlayHint {
  position: Position;
  label: string;
  tooltip?: string;
  paddingLeft?: boolean;
}
