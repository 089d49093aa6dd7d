import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, markdownOf, openConfig, positionOf } from './helper';

/*
 * No openclaw here (openclaw.cli.path names a command that does not exist): hovers, completion and
 * the typo fix of keys outside models come from the schema the extension bundles for OpenClaw 2026.9.6.
 */

describe('keys from the bundled schema (real VS Code, no openclaw)', () => {
  it('hovers a gateway key with its title, description, type and the schema it comes from', async () => {
    const { document } = await openConfig('keys/openclaw.json5');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, 'port:'),
    );
    const markdown = markdownOf(hovers);
    assert.match(markdown, /^\*\*Gateway Port\*\* · `port`/);
    assert.match(markdown, /TCP port used by the gateway listener for API, control UI, and channel-facing ingress paths\./);
    assert.match(markdown, /Type: integer from 1 to 65535/);
    assert.match(markdown, /\*From the bundled schema of OpenClaw 2026\.9\.6\*/);
  });

  it('completes the gateway keys the file lacks, each with its title and description', async () => {
    const { document } = await openConfig('keys/openclaw.json5');
    const blank = document.lineAt(positionOf(document, 'bnid').line + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      blank.range.end,
    );
    const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
    const mode = list.items.find((item) => labelOf(item) === 'mode');
    assert.ok(mode, `mode among ${list.items.map(labelOf).join(', ')}`);
    assert.strictEqual(mode.detail, 'Gateway Mode');
    const documentation = typeof mode.documentation === 'string' ? mode.documentation : mode.documentation?.value;
    assert.match(documentation ?? '', /^Gateway operation mode: "local" runs channels and agent runtime on this host/);
    assert.ok(!list.items.some((item) => labelOf(item) === 'port'), 'not a key the object has');
  });

  it('names the key a typo is close to, and fixes it', async () => {
    const { document } = await openConfig('keys/openclaw.json5');
    const typo = (await diagnosticsOf(document.uri, (found) => found.some((d) => d.message.includes('"bnid"')))).find((d) =>
      d.message.includes('"bnid"'),
    )!;
    assert.match(
      typo.message,
      /^Unrecognized key: "bnid" at gateway: OpenClaw 2026\.9\.6 rejects the file, and the gateway does not start\. Did you mean 'bind'\?$/,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      typo.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === "Change to 'bind'");
    assert.ok(fix?.edit, `the fix among ${actions.map((action) => action.title).join(' | ')}`);
    assert.deepStrictEqual(
      fix.edit.get(document.uri).map((edit) => edit.newText),
      ['bind'],
    );
  });
});
