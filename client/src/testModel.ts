import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import {
  ModelIdFix,
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
    const prompt =
      givenPrompt ??
      (await vscode.window.showInputBox({
        title: `Test ${target}`,
        prompt: 'The prompt to send',
        value: configured,
        ignoreFocusOut: true,
      }));
    if (prompt === undefined) return undefined;

    const runId = `run-${++this.runs}`;
    this.output.appendLine(`━━ ${target} ━━ ${new Date().toLocaleTimeString()}`);
    this.output.appendLine(`Prompt: ${prompt}`);
    this.output.show(true);
    const params: TestModelParams = { uri: document.uri.toString(), reference: target, prompt, runId };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing ${target}…`, cancellable: true },
      (_progress, token) =>
        this.client.sendRequest(
          ExecuteCommandRequest.type,
          { command: TEST_MODEL_COMMAND, arguments: [params] },
          token,
        ) as Promise<TestModelResult>,
    );
    this.sections.delete(runId);
    this.report(result);
    // The result is the command's answer now; what the user does with the notification comes later.
    void this.offerNextStep(result);
    return result;
  }

  /** A configured model to test; one the file already flags as failing says so, and its fix is offered first. */
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
        label: `${target.problem ? '$(warning) ' : ''}${target.aliases[0] ?? target.name ?? target.ref}`,
        description: target.ref,
        detail: target.problem ? `${target.problem}${target.fix ? ` Picking it offers ${target.fix.newId}.` : ''}` : target.description,
        target,
      })),
      { title: 'Test which model?', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked?.target.problem) return picked?.target.ref;
    const { problem, fix, ref } = picked.target;
    const switchTo = fix && `Use ${fix.newId}, then test`;
    const choice = await vscode.window.showWarningMessage(
      `${ref}: ${problem}`,
      { modal: true },
      ...(switchTo ? [switchTo] : []),
      'Test it as it is',
    );
    if (choice === 'Test it as it is') return ref;
    if (!switchTo || choice !== switchTo || !(await this.applyFix(fix!))) return undefined;
    return `${ref.slice(0, ref.indexOf('/') + 1)}${fix!.newId}`;
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
      for (const [part, dropped] of [
        ['answer', cut.text],
        ['reasoning', cut.reasoning],
      ] as const) {
        if (dropped === 0) continue;
        this.output.appendLine(
          `[cut] The ${part} above stops at ${cut.limit.toLocaleString()} characters: ${dropped.toLocaleString()} more arrived and were not kept.`,
        );
      }
    }
    if (result.outcome !== 'complete') this.output.appendLine(`[${result.outcome}]${result.problem ? ` ${result.problem.message}` : ''}`);
    // One fact per line, aligned: a long line would wrap in the middle of a figure.
    const facts = result.region ? [{ label: 'Region', value: result.region }, ...result.facts] : result.facts;
    const width = Math.max(0, ...facts.map((fact) => fact.label.length));
    for (const fact of facts) this.output.appendLine(`  ${fact.label.padEnd(width)}  ${fact.value}`);
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

  /** Switches the model to the fix's id everywhere the file names it (Compare Models applies fixes with it too). */
  async applyFix(fix: ModelIdFix): Promise<boolean> {
    const edit = await this.client.protocol2CodeConverter.asWorkspaceEdit(fix.edit);
    if (!edit || !(await vscode.workspace.applyEdit(edit))) return false;
    void vscode.window.showInformationMessage(`Now using ${fix.newId} in the model entry and every reference to it.`);
    return true;
  }
}
