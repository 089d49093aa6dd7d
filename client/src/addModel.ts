import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { ADD_MODEL_COMMAND, AddModelParams, AddModelResult, MODEL_CHOICES_COMMAND, ModelChoicesResult } from '../../server/src/protocol';
import { configDocument } from './configDocument';

/*
 * OpenClaw: Add Bedrock Model... — pick a model from the region's catalog; its entry and alias go
 * into the configuration in one edit (the language server plans it: ADD_MODEL_COMMAND), and the
 * cursor lands on the new entry.
 */

/** From the palette (no arguments), or with a document and a catalog id (then no quick pick). */
export async function addBedrockModel(client: LanguageClient, uri?: string, id?: string): Promise<AddModelResult | undefined> {
  const document = await configDocument(uri);
  if (!document) {
    void vscode.window.showWarningMessage('Open an OpenClaw configuration (openclaw.json) to add a Bedrock model to it.');
    return undefined;
  }
  const chosen = id ?? (await pickModel(client, document));
  if (!chosen) return undefined;
  const params: AddModelParams = { uri: document.uri.toString(), id: chosen };
  const result = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: ADD_MODEL_COMMAND,
    arguments: [params],
  })) as AddModelResult;
  if (result.problem || !result.edit || !result.selection) {
    void vscode.window.showErrorMessage(`Could not add ${chosen}: ${result.problem ?? 'no edit came back.'}`);
    return result;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  const before = await textsOf(Object.keys(result.edit.changes));
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not add ${chosen}: the edit was not applied (is the file read-only?).`);
    return { problem: 'not applied' };
  }
  const after = await textsOf(Object.keys(result.edit.changes));
  const target = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.selection.uri));
  const range = client.protocol2CodeConverter.asRange(result.selection.range);
  const editor = await vscode.window.showTextDocument(target, { selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  void confirm(result, document.uri.toString(), before, after);
  return result;
}

/** Says what was added, with the next step (a test prompt) and a way back. */
async function confirm(result: AddModelResult, uri: string, before: Map<string, string>, after: Map<string, string>): Promise<void> {
  const test = 'Test It';
  const undo = 'Undo';
  const alias = result.alias ? ` with the alias "${result.alias}"` : '';
  const choice = await vscode.window.showInformationMessage(`Added ${result.ref}${alias}.`, test, undo);
  if (choice === test) await vscode.commands.executeCommand('openclaw.testModel', uri, result.ref);
  if (choice === undo) await undoAdd(result.ref!, before, after);
}

/** The documents' texts as they are now, by uri. */
async function textsOf(uris: string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const uri of uris) texts.set(uri, (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText());
  return texts;
}

/** Puts back the texts from before the addition, unless a file has been edited since (then it says so, and changes nothing). */
async function undoAdd(ref: string, before: Map<string, string>, after: Map<string, string>): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const [uri, text] of before) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    if (document.getText() !== after.get(uri)) {
      void vscode.window.showWarningMessage(
        `${ref} was not removed: ${vscode.workspace.asRelativePath(document.uri)} changed since it was added. Use Edit > Undo there.`,
      );
      return;
    }
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  }
  if (await vscode.workspace.applyEdit(edit)) void vscode.window.setStatusBarMessage(`Removed ${ref} again.`, 5000);
}

async function pickModel(client: LanguageClient, document: vscode.TextDocument): Promise<string | undefined> {
  const listing = (await client.sendRequest(ExecuteCommandRequest.type, {
    command: MODEL_CHOICES_COMMAND,
    arguments: [{ uri: document.uri.toString() }],
  })) as ModelChoicesResult | null;
  if (!listing || listing.choices.length === 0) {
    void vscode.window.showInformationMessage('Every model of the Bedrock catalog is configured already.');
    return undefined;
  }
  const source = listing.origin === 'live' ? 'live from your account' : 'built-in list (no live catalog)';
  const picked = await vscode.window.showQuickPick(
    listing.choices.map((choice) => ({ label: choice.name, description: choice.id, detail: choice.detail, id: choice.id })),
    {
      title: `Add a Bedrock model (${listing.region}, ${source})`,
      placeHolder: `${listing.choices.length} models not configured yet: type to filter by name, id or maker`,
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.id;
}
