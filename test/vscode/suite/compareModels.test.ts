import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CompareCommandResult } from '../../../client/src/compare/compareModels';
import { openConfig } from './helper';

describe('Compare Models (real VS Code, fake Bedrock)', () => {
  it('compares three models in a panel: the command answers with the table the webview rendered', async () => {
    const { document } = await openConfig('openclaw.json');
    const result = await vscode.commands.executeCommand<CompareCommandResult>(
      'openclaw.compareModels',
      document.uri.toString(),
      ['Qwen3 Coder', 'DeepSeek V3.2', 'GLM 4.7'],
      'Compare yourselves.',
    );
    assert.ok(result, 'the comparison ran');
    assert.deepStrictEqual(
      result.models.map((model) => [model.label, model.outcome, model.text]),
      [
        ['Qwen3 Coder', 'complete', 'Hello from the fake Bedrock.'],
        ['DeepSeek V3.2', 'complete', 'Hello from the fake Bedrock.'],
        ['GLM 4.7', 'complete', 'Hello from the fake Bedrock.'],
      ],
    );
    // The panel: a webview tab, and its table as rendered there.
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
    assert.ok(
      tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('openclaw.compare')),
      tabs.map((tab) => tab.label).join(', '),
    );
    const table = result.panel?.table;
    assert.ok(table, 'the webview reported its table');
    assert.deepStrictEqual(table[0], [
      'Model',
      'First token',
      'Total time',
      'Input tokens',
      'Output tokens',
      'Tokens/s',
      'Cost',
      'Outcome',
    ]);
    assert.deepStrictEqual(
      table.slice(1).map((row) => row[0]),
      ['Qwen3 Coderamazon-bedrock/qwen.qwen3-coder-next', 'DeepSeek V3.2amazon-bedrock/deepseek.v3.2', 'GLM 4.7amazon-bedrock/zai.glm-4.7'],
    );
    for (const row of table.slice(1)) {
      assert.match(row.slice(1).join(' | '), /^\d+ ms \| \d+ ms \| \d+ \| \d+ \| \d+ \| \$0\.\d+ \| complete$/, row.join(' | '));
    }
    assert.match(result.markdown, /^\*\*Prompt:\*\* Compare yourselves\.\n/);
  });
});
