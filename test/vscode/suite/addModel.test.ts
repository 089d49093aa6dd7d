import * as assert from 'assert';
import * as vscode from 'vscode';
import { AddModelResult } from '../../../server/src/protocol';
import { diagnosticsOf, openConfig } from './helper';

describe('Add Bedrock Model (real VS Code)', () => {
  it('adds the entry and its alias in one edit, and puts the cursor on the new id', async () => {
    const { document } = await openConfig('add/openclaw.json');
    await diagnosticsOf(document.uri, (all) => all.length > 0);
    const result = await vscode.commands.executeCommand<AddModelResult>(
      'openclaw.addModel',
      document.uri.toString(),
      'amazon.nova-pro-v1:0',
    );
    assert.strictEqual(result.ref, 'amazon-bedrock/amazon.nova-pro-v1:0');
    const text = document.getText();
    assert.ok(text.includes('"id": "amazon.nova-pro-v1:0",\n            "name": "Nova Pro",'), 'the entry');
    assert.ok(text.includes('"amazon-bedrock/amazon.nova-pro-v1:0": {"alias": "Nova Pro"}'), 'the alias');
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), document.uri.toString());
    assert.strictEqual(editor.document.getText(editor.selection), '"amazon.nova-pro-v1:0"');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
