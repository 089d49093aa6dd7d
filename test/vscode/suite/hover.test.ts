import * as assert from 'assert';
import * as vscode from 'vscode';
import { markdownOf, openConfig, positionOf } from './helper';

describe('hover (real VS Code)', () => {
  it('on a model id: prices, the example request, context, catalog facts, and a link to test it', async () => {
    const { document } = await openConfig('openclaw.json');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, '"qwen.qwen3-coder-next"'),
    );
    const markdown = markdownOf(hovers);
    assert.match(markdown, /^\*\*Qwen3 Coder Next\*\* · `amazon-bedrock\/qwen\.qwen3-coder-next`/);
    assert.match(markdown, /\| USD \| \$0\.50 \| \$1\.20 \| \$0 \| \$0 \|/);
    assert.match(markdown, /10k in \+ 1k out: \*\*\$0\.0062\*\*/);
    assert.match(markdown, /Context \*\*262,144\*\* · max output \*\*8,192\*\*/);
    assert.match(markdown, /Bedrock \((live|built-in) catalog, us-east-1\): \*\*Qwen\*\*/);
    assert.match(markdown, /\[\$\(play\) Test this model\]\(command:openclaw\.testModel\?/);
  });

  it('on an alias used as a fallback: the model it selects', async () => {
    const { document } = await openConfig('openclaw.json');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      positionOf(document, '"DeepSeek V3.2", "amazon'),
    );
    assert.match(markdownOf(hovers), /^\*\*DeepSeek V3\\\.2\*\* · `amazon-bedrock\/deepseek\.v3\.2`/);
  });
});
