import * as assert from 'assert';
import * as vscode from 'vscode';
import { openConfig, positionOf, waitFor } from './helper';

/** Items with label details (a model's name beside its id) have a label object. */
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

describe('completion (real VS Code, catalog from the fake Bedrock)', () => {
  it("completes model ids from the account's live catalog, keeping the file's quotes", async () => {
    const { document } = await openConfig('json5/openclaw.json5');
    const position = positionOf(document, "id: ''", 5);
    const applicationProfile = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/k3x9q2w7v1ab';
    const list = await waitFor(async () => {
      const result = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      return result.items.some((item) => labelOf(item) === applicationProfile) ? result : undefined;
    }, 'the live catalog (an application inference profile only the fake has)');
    const nova = list.items.find((item) => labelOf(item) === 'amazon.nova-pro-v1:0')!;
    assert.deepStrictEqual(nova.label, { label: 'amazon.nova-pro-v1:0', description: 'Nova Pro' });
    assert.strictEqual(nova.detail, 'Nova Pro · text+image · on demand');
    assert.strictEqual(nova.insertText, "'amazon.nova-pro-v1:0'");
    assert.ok(!list.items.some((item) => labelOf(item) === 'amazon.titan-embed-text-v2:0'), 'no embedding models');
  });

  it('completes references: configured models, aliases, then catalog models', async () => {
    const { document } = await openConfig('json5/openclaw.json5');
    const position = positionOf(document, "model: 'amazon-bedrock/", 8);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      position,
    );
    const labels = list.items.map(labelOf);
    for (const label of ['amazon-bedrock/us.anthropic.claude-sonnet-4-6', 'Sonnet', 'amazon-bedrock/amazon.nova-pro-v1:0'])
      assert.ok(labels.includes(label), label);
  });
});
