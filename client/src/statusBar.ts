import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient } from 'vscode-languageclient/node';
import { CATALOG_CHANGED_NOTIFICATION, CATALOG_STATUS_COMMAND, CatalogStatus } from '../../server/src/protocol';
import { BEDROCK_REGIONS, readProfileNames } from './awsProfiles';

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
    const tooltip = new vscode.MarkdownString(undefined, true);
    if (status.restricted) {
      // Restricted mode: say what is off and why, instead of a profile that is not used.
      this.item.text = `$(shield) OpenClaw · ${status.region} (restricted)`;
      tooltip.appendText(status.restricted);
      this.item.tooltip = tooltip;
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const state = status.origin === 'live' ? '' : status.problem ? ' $(warning)' : ' $(circle-slash)';
    this.item.text = `$(cloud) ${status.profile ?? 'default'} · ${status.region}${state}`;
    tooltip.appendMarkdown(`**Bedrock** in \`${status.region}\` with ${status.profile ? `profile \`${status.profile}\`` : 'the default credential chain'}\n\n`);
    if (status.origin === 'live') {
      tooltip.appendMarkdown(`Live model list: ${status.count} models and profiles, fetched ${new Date(status.fetchedAt ?? 0).toLocaleTimeString()}.`);
    } else {
      tooltip.appendText(status.problem ? `Built-in model list: ${status.problem}` : 'Built-in model list (the live one is off or on its way).');
    }
    if (status.schema) tooltip.appendMarkdown('\n\n').appendText(`The file is checked against ${status.schema}.`);
    tooltip.appendMarkdown('\n\nClick to choose the AWS profile and region.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor = status.problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }
}

/** Pick an AWS profile (from ~/.aws/config and credentials), then a region; both go to user settings. */
export async function chooseAwsProfileAndRegion(): Promise<void> {
  const settings = vscode.workspace.getConfiguration('openclaw');
  const current = settings.get<string>('aws.profile', '');
  const chain = { label: 'Default credential chain', description: 'AWS_PROFILE, environment keys, SSO, instance role', profile: '' };
  const profiles = readProfileNames().map((name) => ({ label: name, description: name === current ? 'in use' : undefined, profile: name }));
  const profile = await vscode.window.showQuickPick([chain, ...profiles], { title: 'AWS profile for Bedrock (1/2)', placeHolder: 'Profiles of ~/.aws/config and ~/.aws/credentials' });
  if (!profile) return;
  await settings.update('aws.profile', profile.profile, vscode.ConfigurationTarget.Global);

  const currentRegion = settings.get<string>('aws.region', '');
  const fromFile = { label: 'From the file', description: "the amazon-bedrock baseUrl, then AWS_REGION, then us-east-1", region: '' };
  const regions = BEDROCK_REGIONS.map((region) => ({ label: region, description: region === currentRegion ? 'in use' : undefined, region }));
  const region = await vscode.window.showQuickPick([fromFile, ...regions], { title: 'AWS region for Bedrock (2/2)' });
  if (region) await settings.update('aws.region', region.region, vscode.ConfigurationTarget.Global);
}
