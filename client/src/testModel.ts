import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import {
  TEST_MODEL_COMMAND,
  TEST_OUTPUT_NOTIFICATION,
  TEST_TARGETS_COMMAND,
  TestModelParams,
  TestModelResult,
  TestOutputParams,
  TestTargetItem,
} from '../../server/src/protocol';
import { configDocument } from './configDocument';

/*
 * OpenClaw: Test Model... — pick a configured model, write a prompt, watch the answer stream into
 * the "OpenClaw: Model Tests" output, with a notification that can cancel it. The call itself runs
 * in the language server (TEST_MODEL_COMMAND), so other editors have it too.
 */

const DEFAULT_PROMPT = 'In one or two sentences: which model are you, and what are you best at?';

export class ModelTester implements vscode.Disposable {
  private readonly output = vscode.window.createOutputChannel('OpenClaw: Model Tests');
  private readonly sections = new Map<string, TestOutputParams['kind']>();
  private readonly subscription: vscode.Disposable;
  private runs = 0;

  constructor(
    private readonly client: LanguageClient,
    private readonly onCredentialsProblem: () => Thenable<unknown>,
  ) {
    this.subscription = client.onNotification(TEST_OUTPUT_NOTIFICATION, (params: TestOutputParams) => this.stream(params));
  }

  dispose(): void {
    this.subscription.dispose();
    this.output.dispose();
  }

  /**
   * From the palette (no arguments), a code lens or a hover link (document URI and provider/id), or
   * a keybinding or another extension that gives the prompt too (then no input box).
   */
  async run(uri?: string, reference?: string, givenPrompt?: string): Promise<TestModelResult | undefined> {
    const document = await configDocument(uri);
    if (!document) {
      void vscode.window.showWarningMessage('Open an OpenClaw configuration (openclaw.json) to test one of its models.');
      return undefined;
    }
    const target = reference ?? (await this.pickModel(document));
    if (!target) return undefined;
    const configured = vscode.workspace.getConfiguration('openclaw').get<string>('test.prompt', '') || DEFAULT_PROMPT;
    const prompt = givenPrompt ?? (await vscode.window.showInputBox({ title: `Test ${target}`, prompt: 'The prompt to send', value: configured, ignoreFocusOut: true }));
    if (prompt === undefined) return undefined;

    const runId = `run-${++this.runs}`;
    this.output.appendLine(`━━ ${target} ━━ ${new Date().toLocaleTimeString()}`);
    this.output.appendLine(`Prompt: ${prompt}`);
    this.output.show(true);
    const params: TestModelParams = { uri: document.uri.toString(), reference: target, prompt, runId };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing ${target}…`, cancellable: true },
      (_progress, token) => this.client.sendRequest(ExecuteCommandRequest.type, { command: TEST_MODEL_COMMAND, arguments: [params] }, token) as Promise<TestModelResult>,
    );
    this.sections.delete(runId);
    this.report(result);
    // The result is the command's answer now; what the user does with the notification comes later.
    void this.offerNextStep(result);
    return result;
  }

  private async pickModel(document: vscode.TextDocument): Promise<string | undefined> {
    const targets = (await this.client.sendRequest(ExecuteCommandRequest.type, {
      command: TEST_TARGETS_COMMAND,
      arguments: [{ uri: document.uri.toString() }],
    })) as TestTargetItem[];
    if (targets.length === 0) {
      void vscode.window.showWarningMessage('This file configures no Bedrock model to test (models.providers.amazon-bedrock.models).');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      targets.map((target) => ({
        label: target.aliases[0] ?? target.name ?? target.ref,
        description: target.ref,
        detail: target.description,
        ref: target.ref,
      })),
      { title: 'Test which model?', matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.ref;
  }

  private stream(params: TestOutputParams): void {
    if (this.sections.get(params.runId) !== params.kind) {
      this.sections.set(params.runId, params.kind);
      this.output.append(params.kind === 'reasoning' ? '\nReasoning:\n' : '\nAnswer:\n');
    }
    this.output.append(params.delta);
  }

  private report(result: TestModelResult): void {
    this.output.appendLine('');
    const cut = result.truncated;
    if (cut) {
      for (const [part, dropped] of [['answer', cut.text], ['reasoning', cut.reasoning]] as const) {
        if (dropped === 0) continue;
        this.output.appendLine(`[cut] The ${part} above stops at ${cut.limit.toLocaleString()} characters: ${dropped.toLocaleString()} more arrived and were not kept.`);
      }
    }
    if (result.outcome !== 'complete') this.output.appendLine(`[${result.outcome}]${result.problem ? ` ${result.problem.message}` : ''}`);
    if (result.report) this.output.appendLine(`${result.region}: ${result.report}`);
    this.output.appendLine('');
  }

  private async offerNextStep(result: TestModelResult): Promise<void> {
    if (result.outcome === 'complete' || result.outcome === 'cancelled') {
      if (result.outcome === 'complete') void vscode.window.setStatusBarMessage(`$(check) ${result.ref}: ${result.report}`, 10_000);
      return;
    }
    const message = result.problem?.message ?? `The test of ${result.ref} ended: ${result.outcome}.`;
    if (result.fix) {
      const use = `Use ${result.fix.newId}`;
      const choice = await vscode.window.showErrorMessage(message, use, 'Show Output');
      if (choice === use) await this.applyFix(result.fix);
      else if (choice === 'Show Output') this.output.show();
      return;
    }
    const actions = result.problem?.kind === 'credentials' ? ['Choose AWS Profile', 'Show Output'] : ['Show Output'];
    const choice = await vscode.window.showErrorMessage(message, ...actions);
    if (choice === 'Choose AWS Profile') await this.onCredentialsProblem();
    else if (choice === 'Show Output') this.output.show();
  }

  private async applyFix(fix: NonNullable<TestModelResult['fix']>): Promise<void> {
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(fix.edit);
    if (edit && (await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showInformationMessage(`Now using ${fix.newId} in the model entry and every reference to it.`);
    }
  }
}
