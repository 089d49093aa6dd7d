import type { CatalogStatus } from '../../server/src/protocol';

/*
 * The AWS status bar item's tooltip, as Markdown: a heading, then one short fact a line. VS Code wraps
 * a long plain tooltip wherever the width ends, even inside a word ("Built-/in", "Bedroc/k"). No vscode
 * import: the status bar wraps it in a MarkdownString, tests read it directly.
 */

export function statusTooltipMarkdown(status: CatalogStatus): string {
  if (status.restricted) return ['$(shield) **Restricted mode**', '', escapeMarkdown(status.restricted)].join('\n');
  const lines = [
    '$(cloud) **Amazon Bedrock**',
    '',
    `- Region: \`${status.region}\``,
    `- Credentials: ${status.profile ? `profile \`${status.profile}\`` : 'the default credential chain'}`,
  ];
  if (status.origin === 'live') {
    lines.push(`- Models: ${status.count} from your account, fetched ${new Date(status.fetchedAt ?? 0).toLocaleTimeString()}`);
  } else {
    lines.push(`- Models: the built-in list${status.problem ? '' : ' (the live one is off or on its way)'}`);
  }
  if (status.schema) lines.push(`- Checked against: ${escapeMarkdown(status.schema)}`);
  if (status.origin !== 'live' && status.problem) lines.push('', `$(warning) ${escapeMarkdown(status.problem)}`);
  lines.push('', '*Click to choose the AWS profile and region.*');
  return lines.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
