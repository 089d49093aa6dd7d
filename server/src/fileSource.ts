import { realpathSync, statSync } from 'fs';
import { URI } from 'vscode-uri';
import { MAX_FILE_BYTES, readConfigFile } from './configFileReader';
import { createTextDocument, FileSource, RealPath, TextDocumentLike } from './service/languageService';

/**
 * Files for the language service: the editor's open documents first (they hold unsaved edits),
 * else the file on disk, read again only when its size or modification time changed.
 */
export class DiskFileSource implements FileSource {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; document: TextDocumentLike }>();

  /**
   * `open`: the editor's document at a uri. `refusal`: why a path must not be read (an untrusted
   * workspace reads nothing outside it); undefined when it may be. It is asked with the real path
   * (symlinks followed), before anything is read.
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
    if (parsed.scheme !== 'file') return undefined;
    const real = this.realPath(uri);
    if (!real || !('path' in real) || this.refusal(real.path)) return undefined;
    try {
      // The path checked is the path read: a link re-pointed meanwhile is not followed again.
      const stat = statSync(real.path);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      const cached = this.cache.get(uri);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.document;
      const read = readConfigFile(real.path);
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
    if (parsed.scheme !== 'file') return undefined;
    const real = this.realPath(uri);
    return this.refusal(real && 'path' in real ? real.path : parsed.fsPath);
  }

  realPath(uri: string): RealPath | undefined {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    return realPathOf(parsed.fsPath);
  }

  /** A file changed on disk (a watcher said so): read it again next time. */
  changed(uri: string): void {
    this.cache.delete(uri);
  }
}

/**
 * A path with its symlinks followed, or why that fails: ENOENT and ENOTDIR mean nothing is there, as
 * OpenClaw takes them. The system's realpath: it follows `..` after a link as opening the path does
 * (Node's own realpathSync drops `dir/..` from the text first, and would name another file).
 */
export function realPathOf(fsPath: string): RealPath {
  try {
    const path = realpathSync.native(fsPath);
    const stat = statSync(path);
    return { path, regularFile: stat.isFile(), hardLinks: stat.nlink };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : { unresolvable: true };
  }
}

/** A folder's real path; the path as given when it has none (as OpenClaw takes its configuration's folder). */
export function realFolderPath(fsPath: string): string {
  const real = realPathOf(fsPath);
  return 'path' in real ? real.path : fsPath;
}
