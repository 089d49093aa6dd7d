import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  ErrorAction,
  ErrorHandler,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  CATALOG_PROBLEM_NOTIFICATION,
  CatalogProblemParams,
  CLIENT_TEST_COMMAND,
  CODE_CACHE_DIR_ARG,
  CONFIGURATION_FILES_NOTIFICATION,
  ConfigurationFilesParams,
  REFRESH_CATALOG_COMMAND,
  RefreshCatalogResult,
  SERVER_EXEC_ARGV,
  ServerInitializationOptions,
  TRUST_GRANTED_NOTIFICATION,
} from '../../server/src/protocol';
import { addBedrockModel } from './addModel';
import { openConfiguration } from './openConfiguration';
import { AwsStatusBar, chooseAwsProfileAndRegion } from './statusBar';
import { startCompareModels } from './compare/compareModels';
import { ModelTester } from './testModel';

/*
 * The language client: starts the language server over IPC, points it at OpenClaw config files, and
 * keeps it running. Every language feature lives in the server. Its own bundle (client/out/languageClient.js),
 * loaded by extension.ts once activate() has returned: vscode-languageclient is most of the client's code.
 */

const LANGUAGE_ID = 'openclaw';
/** More crashes than this within the window and the client stops restarting the server. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Files that open configurations `$include` (uris, as the server reported them). */
let includedFiles = new Set<string>();

/** What extension.ts runs the extension's commands with once the client is there. */
export interface ClientSession {
  // The arguments as the command was run with (from a lens, a hover link, another extension): each command checks its own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command checks the arguments it was given
  commands: Record<string, (...args: any[]) => unknown>;
  /** Restores a Compare Models panel after a reload. */
  revivePanel(panel: vscode.WebviewPanel, state: unknown): void;
  stop(): Promise<void>;
}

/** Creates and starts the language client, and what goes with it (status bar, test runner, listeners). */
export function startLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): ClientSession {
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    // The server keeps the V8 code cache of its bundle there, for a faster next start (serverEntry.ts).
    run: {
      module: serverModule,
      transport: TransportKind.ipc,
      args: [`${CODE_CACHE_DIR_ARG}${context.globalStorageUri.fsPath}`],
      options: { execArgv: SERVER_EXEC_ARGV },
    },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6009'] },
    },
  };
  const initializationOptions: ServerInitializationOptions = {
    // Plain copies: configuration objects carry functions. VS Code's proxy settings go along, as the
    // server (a process of its own) does not get VS Code's proxy support.
    settings: { ...JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('openclaw'))), http: httpSettings() },
    cacheDir: context.globalStorageUri.fsPath,
    catalogNotifications: true,
    handlesTestCommand: true,
    trusted: vscode.workspace.isTrusted,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    outputChannel: output,
    errorHandler: restartingErrorHandler(output),
    initializationOptions,
    middleware: {
      // Hovers link to "Test this model": let that one command run from them, and draw $(icons).
      provideHover: async (document, position, token, next) => {
        const hover = await next(document, position, token);
        for (const content of hover?.contents ?? []) {
          if (content instanceof vscode.MarkdownString) {
            content.isTrusted = { enabledCommands: [CLIENT_TEST_COMMAND] };
            content.supportThemeIcons = true;
          }
        }
        return hover;
      },
    },
  };
  const languageClient = new LanguageClient('openclaw', 'OpenClaw Language Server', serverOptions, clientOptions);

  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adoptConfiguredFile));
  vscode.workspace.textDocuments.forEach(adoptConfiguredFile);

  const tester = new ModelTester(languageClient, chooseAwsProfileAndRegion);
  const compare = startCompareModels(context, languageClient, (fix) => tester.applyFix(fix));
  context.subscriptions.push(
    tester,
    compare,
    new AwsStatusBar(languageClient),
    languageClient.onNotification(
      CATALOG_PROBLEM_NOTIFICATION,
      (params: CatalogProblemParams) => void showCatalogProblem(languageClient, params.message),
    ),
    languageClient.onNotification(CONFIGURATION_FILES_NOTIFICATION, (params: ConfigurationFilesParams) => {
      includedFiles = new Set(params.uris);
      vscode.workspace.textDocuments.forEach(adoptConfiguredFile);
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.sendNotification(TRUST_GRANTED_NOTIFICATION)),
  );
  // Activation does not wait for the server: requests made before it runs wait for it in the client.
  languageClient
    .start()
    .catch((error: unknown) =>
      output.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`),
    );
  return {
    commands: {
      'openclaw.restartServer': async () => {
        output.info('Restarting the language server on request.');
        await languageClient.restart();
      },
      'openclaw.refreshCatalog': () => refreshCatalog(languageClient),
      'openclaw.chooseAwsProfile': chooseAwsProfileAndRegion,
      [CLIENT_TEST_COMMAND]: (uri?: string, reference?: string, prompt?: string) => tester.run(uri, reference, prompt),
      'openclaw.addModel': (uri?: string, id?: string) => addBedrockModel(languageClient, uri, id),
      'openclaw.openConfiguration': () => openConfiguration(languageClient),
      'openclaw.compareModels': (uri?: string, references?: string[], prompt?: string) => compare.run(uri, references, prompt),
    },
    revivePanel: (panel, state) => compare.revive(panel, state),
    stop: () => languageClient.stop(),
  };
}

function httpSettings(): { proxy?: string; proxyStrictSSL?: boolean; noProxy?: string[] } {
  const http = vscode.workspace.getConfiguration('http');
  return { proxy: http.get<string>('proxy'), proxyStrictSSL: http.get<boolean>('proxyStrictSSL'), noProxy: http.get<string[]>('noProxy') };
}

/** OpenClaw: Refresh Bedrock Models — fetch the live catalog now and say what came of it. */
async function refreshCatalog(languageClient: LanguageClient): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const args = document?.languageId === LANGUAGE_ID ? [document.uri.toString()] : [];
  const result: RefreshCatalogResult = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Fetching the Bedrock model list…' },
    () => languageClient.sendRequest(ExecuteCommandRequest.type, { command: REFRESH_CATALOG_COMMAND, arguments: args }),
  );
  if (result.problem) {
    const served = result.origin === 'live' ? 'The list fetched earlier stays in use.' : 'The built-in list serves meanwhile.';
    await showCatalogProblem(languageClient, `Bedrock models for ${result.region}: ${result.problem} ${served}`);
  } else {
    void vscode.window.showInformationMessage(
      `Bedrock models for ${result.region}: ${result.count} models and inference profiles, live from your account.`,
    );
  }
}

async function showCatalogProblem(languageClient: LanguageClient, message: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, 'Open Settings', 'Retry');
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'openclaw.aws');
  if (choice === 'Retry') await refreshCatalog(languageClient);
}

/**
 * Files the user lists in `openclaw.files`, and files a configuration includes, become OpenClaw
 * documents (highlighting and features).
 */
function adoptConfiguredFile(document: vscode.TextDocument): void {
  if (document.languageId === LANGUAGE_ID || document.uri.scheme === 'output') return;
  const patterns = vscode.workspace.getConfiguration('openclaw').get<string[]>('files', []);
  if (includedFiles.has(document.uri.toString()) || patterns.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) {
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
