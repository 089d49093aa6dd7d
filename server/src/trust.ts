import { URI } from 'vscode-uri';
import { realFolderPath } from './fileSource';
import { isPathInside } from './service/languageService';

/*
 * The trust boundary. A workspace the user has not trusted can hold a configuration written by anyone:
 * until trust is granted the server makes no AWS request (the built-in catalog serves), runs no openclaw
 * command and reads no file outside the workspace's folders (included files, .env). The client says
 * whether the workspace is trusted at start (initializationOptions.trusted) and when the user grants it
 * (TRUST_GRANTED_NOTIFICATION); trust is never taken back within a session (VS Code restarts the server).
 */

/** What an untrusted workspace turns off, as the client shows it. */
export const RESTRICTED =
  'This workspace is not trusted: the extension makes no AWS request, runs no openclaw command and reads no file outside the workspace. Trust the workspace to turn them on.';

export class WorkspaceTrust {
  private trusted = true;
  /** Folders of the workspace (real file system paths): an untrusted one reads files only there, symlinks followed. */
  private folders: string[] = [];

  /** From the initialize request: the client's word (trusted unless it says otherwise) and the workspace's folders. */
  start(trusted: boolean | undefined, folderUris: string[]): void {
    this.trusted = trusted !== false;
    this.folders = folderUris.map((uri) => realFolderPath(URI.parse(uri).fsPath));
  }

  grant(): void {
    this.trusted = true;
  }

  get isTrusted(): boolean {
    return this.trusted;
  }

  /** Why what needs trust is off, for the client to show; undefined when the workspace is trusted. */
  get restriction(): string | undefined {
    return this.trusted ? undefined : RESTRICTED;
  }

  /** Why the file at `path` (a real path) is not read, or undefined when it may be. */
  refusesRead(path: string): string | undefined {
    return this.trusted || this.folders.some((folder) => isPathInside(folder, path))
      ? undefined
      : 'not read: the workspace is not trusted, and the file is outside it';
  }
}
