import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { CompareModelsResult, MAX_COMPARE_MODELS, ModelIdFix, TEST_TARGETS_COMMAND, TestTargetItem } from '../../../server/src/protocol';
import { configDocument } from '../configDocument';
import { ComparePanel, ComparisonProgress, PanelServices, RenderedTable } from './comparePanel';
import { ComparisonState, newComparison } from './comparisonState';

/*
 * OpenClaw: Compare Models... — pick several configured models (the default agent's chain is
 * pre-selected), write one prompt (the last one used), and watch them answer side by side in a panel.
 */

const DEFAULT_PROMPT = 'In one or two sentences: which model are you, and what are you best at?';
const LAST_PROMPT_KEY = 'openclaw.compare.lastPrompt';

/** What the command answers (for keybindings, other extensions and the tests): the server's result and the panel's table. */
export interface CompareCommandResult extends CompareModelsResult {
  /** The figures table as the panel rendered it: the header, then one row of cells per model. */
  panel?: RenderedTable;
}

/** Compare Models once the language client is there: the command, and a panel restored after a reload (extension.ts registers both). */
export interface CompareModels extends vscode.Disposable {
  run(uri?: string, references?: string[], prompt?: string): Promise<CompareCommandResult | undefined>;
  revive(panel: vscode.WebviewPanel, state: unknown): void;
}

export function startCompareModels(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  applyFix: (fix: ModelIdFix) => Promise<boolean>,
): CompareModels {
  const progress = new ComparisonProgress(client);
  const services: PanelServices = { client, extensionUri: context.extensionUri, applyFix, progress };
  return {
    run: (uri, references, prompt) => compareModels(context, services, uri, references, prompt),
    revive(panel, state) {
      if (isComparisonState(state)) ComparePanel.revive(panel, services, state);
      else panel.dispose();
    },
    dispose: () => progress.dispose(),
  };
}

/** From the palette (no arguments), or with the document, the references and the prompt given (then no pick, no input box). */
async function compareModels(
  context: vscode.ExtensionContext,
  services: PanelServices,
  uri?: string,
  givenReferences?: string[],
  givenPrompt?: string,
): Promise<CompareCommandResult | undefined> {
  const document = await configDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Open an OpenClaw configuration (openclaw.json) to compare its models.');
    return undefined;
  }
  const targets = (await services.client.sendRequest(ExecuteCommandRequest.type, {
    command: TEST_TARGETS_COMMAND,
    arguments: [{ uri: document.uri.toString() }],
  })) as TestTargetItem[];
  const picked = givenReferences ? columnsFor(givenReferences, targets) : await pickModels(targets);
  if (!picked || picked.length === 0) return undefined;
  const lastPrompt =
    context.globalState.get<string>(LAST_PROMPT_KEY) ||
    vscode.workspace.getConfiguration('openclaw').get<string>('test.prompt', '') ||
    DEFAULT_PROMPT;
  const prompt =
    givenPrompt ??
    (await vscode.window.showInputBox({
      title: `Compare ${picked.length} models`,
      prompt: 'The prompt every model gets',
      value: lastPrompt,
      ignoreFocusOut: true,
    }));
  if (prompt === undefined || prompt.trim() === '') return undefined;
  await context.globalState.update(LAST_PROMPT_KEY, prompt);

  const panel = ComparePanel.open(services, newComparison(document.uri.toString(), prompt, picked));
  const result = await panel.run();
  if (!result) return undefined;
  return { ...result, panel: await panel.renderedTable() };
}

interface Column {
  reference: string;
  ref: string;
  label: string;
}

function labelOf(target: TestTargetItem): string {
  return target.aliases[0] ?? target.name ?? target.ref;
}

/** Columns for references given as arguments: a configured model's own label, else the reference as written. */
function columnsFor(references: string[], targets: TestTargetItem[]): Column[] {
  const columns = references.map((reference) => {
    const target = targets.find((item) => item.ref === reference || item.aliases.includes(reference));
    return { reference, ref: target?.ref ?? reference, label: target ? labelOf(target) : reference };
  });
  return columns.filter((column, index) => columns.findIndex((other) => other.ref === column.ref) === index);
}

async function pickModels(targets: TestTargetItem[]): Promise<Column[] | undefined> {
  if (targets.length === 0) {
    void vscode.window.showWarningMessage('This file configures no Bedrock model to compare (models.providers.amazon-bedrock.models).');
    return undefined;
  }
  const place = (position: number) => (position === 0 ? 'primary' : `fallback ${position}`);
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => ({
      label: `${target.problem ? '$(warning) ' : ''}${labelOf(target)}`,
      description: [target.ref, target.chainPosition !== undefined ? `· ${place(target.chainPosition)}` : undefined]
        .filter(Boolean)
        .join(' '),
      detail: target.problem ?? target.description,
      picked: target.chainPosition !== undefined,
      target,
    })),
    {
      title: 'Compare which models? (the default agent’s chain is selected)',
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  if (!picked) return undefined;
  if (picked.length > MAX_COMPARE_MODELS) {
    void vscode.window.showWarningMessage(`Compare at most ${MAX_COMPARE_MODELS} models at once; ${picked.length} were picked.`);
    return undefined;
  }
  return picked.map(({ target }) => ({ reference: target.ref, ref: target.ref, label: labelOf(target) }));
}

function isComparisonState(value: unknown): value is ComparisonState {
  const state = value as Partial<ComparisonState> | undefined;
  return state?.version === 1 && typeof state.uri === 'string' && Array.isArray(state.columns) && Array.isArray(state.rows);
}
