import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { NEW_CONFIGURATION_COMMAND, NewConfigurationResult } from '../../server/src/protocol';
import { configurationPath } from './configLocation';

/*
 * OpenClaw: Open Configuration — the file OpenClaw reads, wherever it is (most users' lives outside
 * any workspace); when it is missing, an offer to create it from a minimal Bedrock template that the
 * language server writes as OpenClaw writes its file.
 */

export async function openConfiguration(client: LanguageClient): Promise<vscode.TextEditor | undefined> {
  const path = configurationPath();
  if (!existsSync(path)) {
    const create = 'Create It';
    const choice = await vscode.window.showInformationMessage(
      `OpenClaw has no configuration at ${path} yet. Create it from a minimal Amazon Bedrock template (one model, its alias, the default agent's model)?`,
      { modal: true },
      create,
    );
    if (choice !== create) return undefined;
    const template = (await client.sendRequest(ExecuteCommandRequest.type, {
      command: NEW_CONFIGURATION_COMMAND,
      arguments: [],
    })) as NewConfigurationResult;
    mkdirSync(dirname(path), { recursive: true });
    // 'wx': never over a file that appeared meanwhile.
    writeFileSync(path, template.text, { flag: 'wx' });
    void vscode.window.showInformationMessage(`Created ${path} for Bedrock in ${template.region} (OpenClaw ${template.version}).`);
  }
  return vscode.window.showTextDocument(vscode.Uri.file(path));
}
