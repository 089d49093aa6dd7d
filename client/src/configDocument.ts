import * as vscode from 'vscode';

/** The OpenClaw document a command works on: the one named, else the active one, else any open one. */
export async function configDocument(uri: string | undefined): Promise<vscode.TextDocument | undefined> {
  if (uri) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'openclaw') return active;
  return vscode.workspace.textDocuments.find((document) => document.languageId === 'openclaw');
}
