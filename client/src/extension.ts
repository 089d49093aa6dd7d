import * as vscode from 'vscode';
import { COMPARE_VIEW_TYPE } from './compare/viewType';
import type { ClientSession } from './languageClient';

/*
 * The extension's entry point, kept small: activate() registers the commands and returns; the language
 * client (client/out/languageClient.js, its own bundle: vscode-languageclient is most of the client's
 * code) is loaded and started right after. VS Code counts loading this bundle and activate() as
 * activation; a command run meanwhile waits for the client.
 */

/** The commands package.json contributes, which the client's session runs. */
const COMMANDS = [
  'openclaw.restartServer',
  'openclaw.refreshCatalog',
  'openclaw.chooseAwsProfile',
  'openclaw.testModel',
  'openclaw.addModel',
  'openclaw.openConfiguration',
  'openclaw.compareModels',
];

let session: Promise<ClientSession> | undefined;

/** Set by the bundle's first line (scripts/build.mjs). */
declare const extensionLoadStarted: number | undefined;

/** What the extension exports: how long it took to activate (read by the VS Code tests, for the benchmark). */
export interface OpenClawExtensionApi {
  /** Loading the bundle plus activate(), as VS Code counts activation (not the wait between them). */
  activationMs: number;
  /** Loading (evaluating) the bundle, from its first line to the end of this module. */
  loadMs: number;
  /** activate() alone. */
  activateCallMs: number;
}

export function activate(context: vscode.ExtensionContext): OpenClawExtensionApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('OpenClaw', { log: true });
  context.subscriptions.push(output);
  const starting = new Promise<ClientSession>((resolve, reject) =>
    setImmediate(() => {
      try {
        // A separate bundle beside this one (scripts/build.mjs), loaded once activate() has returned.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when activate() has returned, not with it
        resolve((require('./languageClient') as typeof import('./languageClient')).startLanguageClient(context, output));
      } catch (error) {
        output.error(`The language client did not start: ${error instanceof Error ? error.message : String(error)}`);
        reject(error);
      }
    }),
  );
  session = starting;
  for (const command of COMMANDS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => (await starting).commands[command]!(...args)),
    );
  }
  // A Compare Models panel open before a reload comes back once the client is there.
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await starting).revivePanel(panel, state),
    }),
  );
  const activateCallMs = performance.now() - started;
  const loadMs = typeof extensionLoadStarted === 'number' ? moduleLoaded - extensionLoadStarted : 0;
  return { activationMs: loadMs + activateCallMs, loadMs, activateCallMs };
}

export async function deactivate(): Promise<void> {
  const stopping = session;
  session = undefined;
  await (await stopping)?.stop();
}

// The last statement of the module: the bundle has loaded.
const moduleLoaded = performance.now();
