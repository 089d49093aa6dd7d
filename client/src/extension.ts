import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

/*
 * The extension: starts the language server over IPC, points it at OpenClaw config files, and keeps
 * it running. Every language feature lives in the server.
 */

const LANGUAGE_ID = 'openclaw';
/** More crashes than this within the window and the client stops restarting the server. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('OpenClaw', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    errorHandler: restartingErrorHandler(output),
    initializationOptions: { settings: vscode.workspace.getConfiguration('openclaw') },
  };
  client = new LanguageClient('openclaw', 'OpenClaw Language Server', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('openclaw.restartServer', async () => {
      output.info('Restarting the language server on request.');
      await client?.restart();
    }),
    vscode.workspace.onDidOpenTextDocument(adoptConfiguredFile),
  );
  vscode.workspace.textDocuments.forEach(adoptConfiguredFile);

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Files the user lists in `openclaw.files` become OpenClaw documents (highlighting and features). */
function adoptConfiguredFile(document: vscode.TextDocument): void {
  if (document.languageId === LANGUAGE_ID || document.uri.scheme === 'output') return;
  const patterns = vscode.workspace.getConfiguration('openclaw').get<string[]>('files', []);
  if (patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) {
    void vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  }
}

/** Restarts a crashed server, unless it keeps crashing; then says so and where to look. */
function restartingErrorHandler(output: vscode.LogOutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: (): CloseHandlerResult => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0]! > RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const message = `The OpenClaw language server stopped ${crashes.length} times in 3 minutes and will not be restarted. See the "OpenClaw" output for details; run "OpenClaw: Restart Language Server" to try again.`;
        return { action: CloseAction.DoNotRestart, message };
      }
      output.warn(`The language server stopped; restarting it (${crashes.length} of ${MAX_RESTARTS} within 3 minutes).`);
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
