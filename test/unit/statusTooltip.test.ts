import * as assert from 'assert';
import { statusTooltipMarkdown } from '../../client/src/statusTooltip';

describe('the AWS status bar tooltip', () => {
  it('is short Markdown lines: a heading, one fact a line, the problem apart, what a click does', () => {
    const markdown = statusTooltipMarkdown({
      region: 'us-east-1',
      profile: 'dev-team',
      origin: 'built-in',
      count: 40,
      problem: 'No AWS credentials from profile "dev-team". Set "openclaw.aws.profile".',
      schema: 'the bundled schema of OpenClaw 2026.9.6',
    });
    assert.deepStrictEqual(markdown.split('\n'), [
      '$(cloud) **Amazon Bedrock**',
      '',
      '- Region: `us-east-1`',
      '- Credentials: profile `dev-team`',
      '- Models: the built-in list',
      '- Checked against: the bundled schema of OpenClaw 2026\\.9\\.6',
      '',
      '$(warning) No AWS credentials from profile "dev\\-team"\\. Set "openclaw\\.aws\\.profile"\\.',
      '',
      '*Click to choose the AWS profile and region.*',
    ]);
    for (const line of markdown.split('\n').slice(0, 6)) assert.ok(line.length <= 60, `a short line: ${line}`);
  });

  it('in restricted mode, says what is off instead of a profile that is not used', () => {
    const markdown = statusTooltipMarkdown({
      region: 'us-east-1',
      origin: 'built-in',
      count: 40,
      restricted: 'This workspace is not trusted: the extension makes no AWS request.',
    });
    assert.strictEqual(markdown, '$(shield) **Restricted mode**\n\nThis workspace is not trusted: the extension makes no AWS request\\.');
  });
});
