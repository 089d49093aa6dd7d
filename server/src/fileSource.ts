import { readFileSync, realpathSync, statSync } from 'fs';
import { URI } from 'vscode-uri';
import { createTextDocument, FileSource, RealPath, TextDocumentLike } from './service/languageService';

/** Larger files are not read: OpenClaw refuses includes over 2 MB, and an editor should not hold more. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;

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
    const document = this.open(uri);
    if (document) return document;
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    const real = this.realPath(uri);
    if (!real || !('path' in real) || this.refusal(real.path)) return undefined;
    try {
      const stat = statSync(parsed.fsPath);
      if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
      const cached = this.cache.get(uri);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.document;
      const read = createTextDocument(uri, readFileSync(parsed.fsPath, 'utf8'), Math.floor(stat.mtimeMs));
      this.cache.set(uri, { mtimeMs: stat.mtimeMs, size: stat.size, document: read });
      return read;
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
    return { path: realpathSync.native(fsPath) };
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
