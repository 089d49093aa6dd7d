import * as path from 'path';
import { URI } from 'vscode-uri';
import { Analysis } from './analysis';
import { createTextDocument } from '../parser/document';
import { fsPathOf, IncludeOptions, RealPath, resolveIncludes } from './includes';
import { SourceFile } from '../parser/sourceFile';
import { FileEncoding, TextDocumentLike } from '../types';

/** Where the service reads files it was not handed: those a configuration `$include`s. */
export interface FileSource {
  /** The document at a uri (the open one, else what is on disk); undefined when there is none. */
  get(uri: string): TextDocumentLike | undefined;
  /** Why a file was not read though it may exist (the workspace is not trusted), for messages. */
  whyUnread?(uri: string): string | undefined;
  /** The file as on disk even when it is open (what OpenClaw reads), with its `encoding`; cheap when unchanged. */
  onDisk?(uri: string): TextDocumentLike | undefined;
  /**
   * Where a file or folder really is, symlinks followed, for OpenClaw's rule that an include stays
   * in the configuration's folder on disk. Without it (files in memory) paths are what they say.
   */
  realPath?(uri: string): RealPath | undefined;
}

/** The names OpenClaw reads its configuration from; any other file is part of one only when one includes it. */
const CONFIG_NAMES = ['openclaw.json', 'openclaw.json5', 'clawdbot.json'];

/**
 * The configurations behind documents: each file parsed once per text, each configuration (a root
 * file and what it includes) resolved once per state of its files. A document that a configuration
 * in its folder or above includes is seen as part of that configuration.
 */
export class ConfigWorkspace {
  private readonly files = new Map<string, SourceFile>();
  private readonly roots = new Map<string, Analysis>();
  /** Included file → the configuration that includes it, as last resolved. */
  private readonly includedBy = new Map<string, string>();
  private readonly ownRoots = new Map<string, boolean>();

  constructor(
    private readonly source: FileSource | undefined,
    /** OPENCLAW_INCLUDE_ROOTS as the settings have it now: read only for a configuration that includes files. */
    private readonly includeRoots: () => string[],
  ) {}

  analyze(document: TextDocumentLike): Analysis {
    const file = this.fileFor(document);
    for (const rootUri of this.candidateRoots(file)) {
      const root = rootUri === file.uri ? file : this.load(rootUri);
      if (!root) continue;
      const analysis = this.analyzeRoot(root);
      if (analysis.graph.files.includes(file)) return analysis.viewFrom(file);
    }
    return this.analyzeRoot(file);
  }

  /** The configuration again with some files' texts replaced, seen from `document`; nothing is cached. */
  reanalyze(document: TextDocumentLike, texts: ReadonlyMap<string, string>): Analysis {
    const overridden = new Map([...texts].map(([uri, text]) => [uri, new SourceFile(createTextDocument(uri, text))]));
    const load = (uri: string) => overridden.get(uri) ?? this.load(uri);
    const current = this.analyze(document);
    const root = load(current.graph.root.uri)!;
    const analysis = Analysis.of(root, resolveIncludes(root, load, this.includeOptions()));
    const file = analysis.graph.files.find((candidate) => candidate.uri === document.uri) ?? root;
    return analysis.viewFrom(file);
  }

  private includeOptions(): IncludeOptions {
    return {
      includeRoots: this.includeRoots,
      whyUnread: (uri) => this.source?.whyUnread?.(uri),
      realPath: (uri) => this.source?.realPath?.(uri),
    };
  }

  forget(uri: string): void {
    this.files.delete(uri);
    this.roots.delete(uri);
    this.ownRoots.delete(uri);
  }

  private fileFor(document: TextDocumentLike): SourceFile {
    const encoding = document.encoding ?? this.encodingOnDisk(document);
    const cached = this.files.get(document.uri);
    if (cached?.matches(document) && sameEncoding(cached.encoding, encoding)) return cached;
    const file = new SourceFile(document, encoding);
    this.files.set(document.uri, file);
    return file;
  }

  /**
   * For an editor's document (it decoded the bytes itself): what the bytes on disk say. UTF-16 is true of
   * the file whatever the editor shows; invalid UTF-8 is placed in the text only when it is the text
   * OpenClaw decodes, else told of the whole file.
   */
  private encodingOnDisk(document: TextDocumentLike): FileEncoding | undefined {
    const disk = this.source?.onDisk?.(document.uri);
    const encoding = disk?.encoding;
    if (!disk || disk === document || !encoding || (!encoding.utf16 && !encoding.invalidUtf8Count)) return undefined;
    if (encoding.utf16 || disk.getText() === document.getText()) return encoding;
    const first = encoding.invalidUtf8![0]!;
    return { invalidUtf8OnDisk: { count: encoding.invalidUtf8Count!, line: disk.positionAt(first.offset).line, bytes: first.bytes } };
  }

  private load(uri: string): SourceFile | undefined {
    const document = this.source?.get(uri);
    return document && this.fileFor(document);
  }

  private analyzeRoot(root: SourceFile): Analysis {
    const cached = this.roots.get(root.uri);
    if (cached && cached.graph.root === root && this.unchanged(cached)) return cached;
    const analysis = Analysis.of(
      root,
      resolveIncludes(root, (uri) => this.load(uri), this.includeOptions()),
    );
    this.roots.set(root.uri, analysis);
    for (const file of analysis.graph.files) if (file !== root) this.includedBy.set(file.uri, root.uri);
    return analysis;
  }

  private unchanged(analysis: Analysis): boolean {
    for (const [uri, file] of analysis.graph.dependencies) {
      if (file !== analysis.graph.root && this.load(uri) !== file) return false;
    }
    return true;
  }

  /** Whether a document is a configuration of its own: named as OpenClaw names one, or not a file. Asked on every pass, kept. */
  private isOwnRoot(uri: string): boolean {
    let own = this.ownRoots.get(uri);
    if (own === undefined) {
      own = CONFIG_NAMES.includes(path.basename(fsPathOf(uri))) || URI.parse(uri).scheme !== 'file';
      this.ownRoots.set(uri, own);
    }
    return own;
  }

  /** Configurations a file may belong to: itself when named like one, the one known to include it, then those in its folder and above. */
  private *candidateRoots(file: SourceFile): Iterable<string> {
    if (this.isOwnRoot(file.uri)) {
      yield file.uri;
      return;
    }
    const fsPath = fsPathOf(file.uri);
    const known = this.includedBy.get(file.uri);
    if (known) yield known;
    for (let dir = path.dirname(fsPath), depth = 0; depth < 32; dir = path.dirname(dir), depth++) {
      for (const name of CONFIG_NAMES) {
        const uri = URI.file(path.join(dir, name)).toString();
        if (uri !== known && this.source?.get(uri)) yield uri;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
}

function sameEncoding(a: FileEncoding | undefined, b: FileEncoding | undefined): boolean {
  return a === b || JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
}
