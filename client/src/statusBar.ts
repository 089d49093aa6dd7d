import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { CATALOG_CHANGED_NOTIFICATION, CATALOG_STATUS_COMMAND, CatalogStatus } from '../../server/src/protocol';
import { pickAwsProfileAndRegion, readProfileNames } from './awsProfiles';
import { statusTooltipMarkdown } from './statusTooltip';

/** The AWS profile and region an OpenClaw file's Bedrock calls use, and the state of its model list. */
export class AwsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('openclaw.aws', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'OpenClaw: AWS profile and region';
    this.item.command = 'openclaw.chooseAwsProfile';
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('openclaw') && void this.update()),
      client.onNotification(CATALOG_CHANGED_NOTIFICATION, () => void this.update()),
    ];
    void this.update();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }

  async update(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (document?.languageId !== 'openclaw') {
      this.item.hide();
      return;
    }
    const status = (await this.client.sendRequest(ExecuteCommandRequest.type, {
      command: CATALOG_STATUS_COMMAND,
      arguments: [{ uri: document.uri.toString() }],
    })) as CatalogStatus;
    this.item.tooltip = new vscode.MarkdownString(statusTooltipMarkdown(status), true);
    if (status.restricted) {
      // Restricted mode: say what is off and why, instead of a profile that is not used.
      this.item.text = `$(shield) OpenClaw · ${status.region} (restricted)`;
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const state = status.origin === 'live' ? '' : status.problem ? ' $(warning)' : ' $(circle-slash)';
    this.item.text = `$(cloud) ${status.profile ?? 'default'} · ${status.region}${state}`;
    this.item.backgroundColor = status.problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}

/** Pick an AWS profile, then a region; both go to user settings, and only once both are picked. */
export async function chooseAwsProfileAndRegion(): Promise<boolean> {
  const settings = vscode.workspace.getConfiguration('openclaw');
  const current = { profile: settings.get<string>('aws.profile', ''), region: settings.get<string>('aws.region', '') };
  const chosen = await pickAwsProfileAndRegion(current, readProfileNames(), (items, options) =>
    vscode.window.showQuickPick(items, options),
  );
  if (!chosen) return false;
  await settings.update('aws.profile', chosen.profile, vscode.ConfigurationTarget.Global);
  await settings.update('aws.region', chosen.region, vscode.ConfigurationTarget.Global);
  return true;
}
