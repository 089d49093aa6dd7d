import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, openConfig } from './helper';

const comments = (text: string) => text.split('\n').filter((line) => line.trim().startsWith('//'));

describe('code actions (real VS Code)', () => {
  it('offers an alias per model and for all as quick fixes, every one-answer fix as source.fixAll, and applying a fix clears its warnings', async () => {
    const { document } = await openConfig('actions/openclaw.json');
    const before = document.getText();
    const noAlias = (all: vscode.Diagnostic[]) => all.filter((d) => d.code === 'no-alias');
    const [first] = noAlias(await diagnosticsOf(document.uri, (all) => noAlias(all).length === 2));
    const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      first!.range,
    );
    assert.deepStrictEqual(
      quickFixes.map((action) => [action.title, action.kind?.value]),
      [
        // The sample's alias map still is the /model allowlist on 2026.9.6: the fixes move it to modelPolicy.allow first.
        [
          "Add alias 'GPT OSS 120B' for amazon-bedrock/openai.gpt-oss-120b-1:0 (moving the /model allowlist to agents.defaults.modelPolicy.allow first)",
          'quickfix',
        ],
        ['Add aliases for all 2 models (moving the /model allowlist to agents.defaults.modelPolicy.allow first)', 'quickfix'],
      ],
    );
    const fixAll = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      first!.range,
      vscode.CodeActionKind.SourceFixAll.value,
    );
    assert.deepStrictEqual(
      fixAll.map((action) => [action.title, action.kind?.value]),
      [['Fix all: migrate the allowlist, add aliases, remove models.bedrockDiscovery', 'source.fixAll.openclaw']],
    );

    assert.ok(await vscode.workspace.applyEdit(quickFixes[1]!.edit!));
    const after = document.getText();
    assert.ok(
      after.includes(
        '"amazon-bedrock/openai.gpt-oss-120b-1:0": {"alias": "GPT OSS 120B"},\n        "amazon-bedrock/qwen.qwen3-32b-v1:0": {"alias": "Qwen3 32B"}\n      }',
      ),
    );
    assert.deepStrictEqual(comments(after), comments(before), 'comments are kept');
    assert.deepStrictEqual(noAlias(await diagnosticsOf(document.uri, (all) => noAlias(all).length === 0)), []);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
