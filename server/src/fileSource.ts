import { statSync } from 'fs';
import { URI } from 'vscode-uri';
import { MAX_FILE_BYTES, readConfigFile } from './configFileReader';
import { createTextDocument, FileSource, TextDocumentLike } from './service/languageService';

/**
 * Files for the language service: the editor's open documents first (they hold unsaved edits),
 * else the file on disk, read again only when its size or modification time changed.
 */
export class DiskFileSource implements FileSource {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; document: TextDocumentLike }>();

  /**
   * `open`: the editor's document at a uri. `refusal`: why a path must not be read (an untrusted
   * workspace reads nothing outside it); undefined when it may be.
   */
  constructor(
    private readonly open: (uri: string) => TextDocumentLike | undefined,
    private readonly refusal: (path: string) => string | undefined = () => undefined,
  ) {}

  get(uri: string): TextDocumentLike | undefined {
    return this.open(uri) ?? this.onDisk(uri);
  }

  /**
   * The file as on disk, also for an open document: what OpenClaw reads. Read again only when its size
   * or modification time changed (on open and after a save, for an open document).
   */
  onDisk(uri: string): TextDocumentLike | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file' || this.refusal(parsed.fsPath)) return undefined;
    try {
      const stat = statSync(parsed.fsPath);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      const cached = this.cache.get(uri);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.document;
      const read = readConfigFile(parsed.fsPath);
      if (!read.ok) {
        this.cache.delete(uri);
        return undefined;
      }
      const document = createTextDocument(uri, read.text, Math.floor(read.mtimeMs), read.encoding);
      this.cache.set(uri, { mtimeMs: read.mtimeMs, size: read.size, document });
      return document;
    } catch {
      this.cache.delete(uri);
      return undefined;
    }
  }

  whyUnread(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? this.refusal(parsed.fsPath) : undefined;
  }

  /** A file changed on disk (a watcher said so): read it again next time. */
  changed(uri: string): void {
    this.cache.delete(uri);
  }
}
