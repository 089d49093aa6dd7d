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
  const result = (await client.sendRequest(ExecuteCommandRequest.type, { command: ADD_MODEL_COMMAND, arguments: [params] })) as AddModelResult;
  if (result.problem || !result.edit || !result.selection) {
    void vscode.window.showErrorMessage(`Could not add ${chosen}: ${result.problem ?? 'no edit came back.'}`);
    return result;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not add ${chosen}: the edit was not applied (is the file read-only?).`);
    return { problem: 'not applied' };
  }
  const target = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.selection.uri));
  const range = client.protocol2CodeConverter.asRange(result.selection.range);
  const editor = await vscode.window.showTextDocument(target, { selection: range });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  void vscode.window.setStatusBarMessage(`Added ${result.ref}${result.alias ? ` (alias "${result.alias}")` : ''}`, 5000);
  return result;
}

async function pickModel(client: LanguageClient, document: vscode.TextDocument): Promise<string | undefined> {
  const listing = (await client.sendRequest(ExecuteCommandRequest.type, { command: MODEL_CHOICES_COMMAND, arguments: [{ uri: document.uri.toString() }] })) as ModelChoicesResult | null;
  if (!listing || listing.choices.length === 0) {
    void vscode.window.showInformationMessage('Every model of the Bedrock catalog is configured already.');
    return undefined;
  }
  const source = listing.origin === 'live' ? 'live from your account' : 'built-in list (no live catalog)';
  const picked = await vscode.window.showQuickPick(
    listing.choices.map((choice) => ({ label: choice.name, description: choice.entryId, detail: choice.detail, id: choice.id })),
    {
      title: `Add a Bedrock model (${listing.region}, ${source})`,
      placeHolder: `${listing.choices.length} models not configured yet: type to filter by name, id or maker`,
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.id;
}
