import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import {
  COMPARE_MODELS_COMMAND,
  COMPARE_PROGRESS_NOTIFICATION,
  CompareModelsParams,
  CompareModelsResult,
  CompareProgressParams,
  ModelIdFix,
} from '../../../server/src/protocol';
import { applyProgress, ComparisonState, finishRound, fixApplied, HostMessage, sorted, startRound, ViewMessage } from './comparisonState';

/*
 * The Compare Models panel: a webview with a strict Content Security Policy (its one script and its
 * styles by nonce, nothing remote), VS Code's theme colours, and its state kept by the webview so a
 * WebviewPanelSerializer restores it after a reload. The extension runs the comparison (the server's
 * COMPARE_MODELS_COMMAND) and folds its progress into the state.
 */

import { COMPARE_VIEW_TYPE } from './viewType';

export { COMPARE_VIEW_TYPE };
/** Streamed text is posted to the webview at most this often. */
const POST_INTERVAL_MS = 100;

export interface PanelServices {
  client: LanguageClient;
  extensionUri: vscode.Uri;
  /** The Test Model command's fix application (the edit, then a confirmation). */
  applyFix(fix: ModelIdFix): Promise<boolean>;
  /** Progress notifications of a comparison, by its id. */
  progress: ComparisonProgress;
}

/** One handler for the notification (a client keeps one per method), dispatching by compareId. */
export class ComparisonProgress implements vscode.Disposable {
  private readonly listeners = new Map<string, (params: CompareProgressParams) => void>();
  private readonly subscription: vscode.Disposable;

  constructor(client: LanguageClient) {
    this.subscription = client.onNotification(COMPARE_PROGRESS_NOTIFICATION, (params: CompareProgressParams) =>
      this.listeners.get(params.compareId)?.(params),
    );
  }

  listen(compareId: string, listener: (params: CompareProgressParams) => void): vscode.Disposable {
    this.listeners.set(compareId, listener);
    return new vscode.Disposable(() => this.listeners.delete(compareId));
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }
}

/** What the panel's table showed after a render, as text cells (the header first). */
export interface RenderedTable {
  rounds: number;
  running: boolean;
  table: string[][];
}

let comparisons = 0;

export class ComparePanel {
  private state: ComparisonState;
  private cancel: vscode.CancellationTokenSource | undefined;
  private postTimer: NodeJS.Timeout | undefined;
  private lastPost = 0;
  private rendered: RenderedTable | undefined;
  private renderWaiters: ((table: RenderedTable) => void)[] = [];
  private readonly disposables: vscode.Disposable[] = [];

  /** A new panel beside the editor. */
  static open(services: PanelServices, state: ComparisonState): ComparePanel {
    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      'Compare Models',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(services.extensionUri),
    );
    return new ComparePanel(panel, services, state);
  }

  /** A panel VS Code restores after a reload, with the state its webview kept. */
  static revive(panel: vscode.WebviewPanel, services: PanelServices, state: ComparisonState): ComparePanel {
    panel.webview.options = webviewOptions(services.extensionUri);
    // A comparison that was running when the window reloaded did not finish.
    const restored = state.running
      ? finishRound(
          state,
          state.columns.map((column) => column.runs.length),
          undefined,
          'The window reloaded while the comparison ran: Run again to repeat it.',
        )
      : state;
    return new ComparePanel(panel, services, restored);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly services: PanelServices,
    state: ComparisonState,
  ) {
    this.state = state;
    panel.webview.html = html(panel.webview, services.extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: ViewMessage) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Sends the prompt to every column's model; the server's answer when it came (undefined: it failed). */
  async run(): Promise<CompareModelsResult | undefined> {
    if (this.state.running) return undefined;
    const runsBefore = this.state.columns.map((column) => column.runs.length);
    this.update(startRound(this.state));
    const compareId = `panel-${process.pid}-${++comparisons}`;
    const cancel = (this.cancel = new vscode.CancellationTokenSource());
    const listening = this.services.progress.listen(compareId, (params) =>
      this.update(applyProgress(this.state, params), params.kind === 'text' || params.kind === 'reasoning'),
    );
    const params: CompareModelsParams = {
      uri: this.state.uri,
      references: this.state.columns.map((column) => column.reference),
      prompt: this.state.prompt,
      compareId,
    };
    try {
      const result = (await this.services.client.sendRequest(
        ExecuteCommandRequest.type,
        { command: COMPARE_MODELS_COMMAND, arguments: [params] },
        cancel.token,
      )) as CompareModelsResult;
      this.update(finishRound(this.state, runsBefore, result));
      return result;
    } catch (error) {
      const problem = cancel.token.isCancellationRequested
        ? 'Cancelled.'
        : `The comparison failed: ${error instanceof Error ? error.message : String(error)}`;
      this.update(finishRound(this.state, runsBefore, undefined, problem));
      return undefined;
    } finally {
      listening.dispose();
      cancel.dispose();
      this.cancel = undefined;
    }
  }

  /** The table as the webview rendered it once it shows the latest state (or the last one it rendered, after `timeoutMs`). */
  renderedTable(timeoutMs = 10_000): Promise<RenderedTable | undefined> {
    if (this.isCurrent(this.rendered)) return Promise.resolve(this.rendered);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.rendered), timeoutMs);
      this.renderWaiters.push((table) => {
        clearTimeout(timer);
        resolve(table);
      });
    });
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  private isCurrent(table: RenderedTable | undefined): table is RenderedTable {
    return table !== undefined && table.rounds === this.state.rounds && table.running === this.state.running;
  }

  private async receive(message: ViewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post();
        break;
      case 'sort':
        this.update(sorted(this.state, message.key, message.direction));
        break;
      case 'copyMarkdown':
        await vscode.env.clipboard.writeText(this.state.markdown);
        void vscode.window.setStatusBarMessage('$(check) The comparison is on the clipboard, as a Markdown table.', 5000);
        break;
      case 'saveAs':
        await this.saveAs();
        break;
      case 'runAgain':
        await this.run();
        break;
      case 'cancel':
        this.cancel?.cancel();
        break;
      case 'applyFix': {
        const column = this.state.columns[message.column];
        if (!column?.fix || this.state.running) break;
        const { fix } = column;
        if (await this.services.applyFix(fix))
          this.update(fixApplied(this.state, message.column, `${column.ref.slice(0, column.ref.indexOf('/') + 1)}${fix.newId}`));
        break;
      }
      case 'rendered':
        this.rendered = { rounds: message.rounds, running: message.running, table: message.table };
        if (this.isCurrent(this.rendered)) for (const waiter of this.renderWaiters.splice(0)) waiter(this.rendered);
        break;
    }
  }

  private async saveAs(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Save the comparison',
      filters: { Markdown: ['md'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, 'model-comparison.md') } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(this.state.markdown, 'utf8'));
    void vscode.window.setStatusBarMessage(`$(check) Saved the comparison to ${vscode.workspace.asRelativePath(target)}.`, 5000);
  }

  /** New state; streamed text is posted at most every POST_INTERVAL_MS, anything else at once. */
  private update(state: ComparisonState, streamed = false): void {
    this.state = state;
    const wait = this.lastPost + POST_INTERVAL_MS - Date.now();
    if (streamed && wait > 0) {
      this.postTimer ??= setTimeout(() => this.post(), wait);
      return;
    }
    this.post();
  }

  private post(): void {
    clearTimeout(this.postTimer);
    this.postTimer = undefined;
    this.lastPost = Date.now();
    void this.panel.webview.postMessage({ type: 'state', state: this.state } satisfies HostMessage);
  }

  private dispose(): void {
    this.cancel?.cancel();
    clearTimeout(this.postTimer);
    for (const waiter of this.renderWaiters.splice(0)) waiter(this.rendered!);
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  // The script alone comes from the extension: nothing else may load.
  return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'client', 'out')] };
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'client', 'out', 'compareView.js'));
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`].join(
    '; ',
  );
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Compare Models</title>
<style nonce="${nonce}">${STYLES}</style>
</head>
<body>
<h1>Compare Models</h1>
<p id="status" role="status" aria-live="polite" aria-atomic="true"></p>
<main id="root"></main>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}

/** VS Code's theme variables only: the panel follows the theme, light, dark or high contrast. */
const STYLES = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
h1 { font-size: 1.4em; font-weight: 600; margin: 12px 0 4px; }
h2.section { font-size: 1.1em; margin: 20px 0 8px; }
h3 { font-size: 1em; margin: 0 0 4px; }
#status { min-height: 1.4em; color: var(--vscode-descriptionForeground); margin: 0 0 8px; }
.toolbar { display: flex; gap: 8px; margin-bottom: 8px; }
button { font: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; cursor: pointer; }
button:hover:not(:disabled) { background: var(--vscode-button-hoverBackground); }
button:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, pre:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 1px; }
button.sort { color: inherit; background: none; border: none; padding: 0; font-weight: 600; text-align: inherit; }
button.sort:hover { text-decoration: underline; background: none; }
.prompt { white-space: pre-wrap; }
.meta, caption { color: var(--vscode-descriptionForeground); }
caption { caption-side: bottom; text-align: left; padding-top: 4px; font-size: 0.9em; }
table { border-collapse: collapse; width: 100%; }
.table-wrap { overflow-x: auto; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); text-align: left; vertical-align: top; }
th[scope="row"] span { display: block; }
th[scope="row"] code { font-family: var(--vscode-editor-font-family); font-size: 0.85em; color: var(--vscode-descriptionForeground); font-weight: normal; }
td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 12px; }
.answer { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding: 8px; background: var(--vscode-sideBar-background, transparent); }
.answer .state { margin: 0 0 6px; color: var(--vscode-descriptionForeground); }
.answer.failed .state, .answer.broken .state, .problem { color: var(--vscode-errorForeground); }
pre { white-space: pre-wrap; word-break: break-word; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); margin: 0 0 6px; max-height: 40vh; overflow: auto; }
.note { color: var(--vscode-descriptionForeground); }
`;
