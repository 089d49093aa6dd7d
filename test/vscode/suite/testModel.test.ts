import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import * as vscode from 'vscode';
import type { TestModelResult } from '../../../server/src/protocol';
import { openConfig, waitFor } from './helper';

/** Output channels are kept as files under the logs folder; the launchers say where user data is. */
function outputChannelText(name: string): string | undefined {
  const userData = process.env.OPENCLAW_VSCODE_USER_DATA;
  assert.ok(userData, 'the launcher sets OPENCLAW_VSCODE_USER_DATA');
  const stack = [join(userData, 'logs')];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) stack.push(path);
      else if (entry.includes(name)) return readFileSync(path, 'utf8');
    }
  }
  return undefined;
}

describe('Test Model (real VS Code, fake Bedrock)', () => {
  it('code lenses: one "Test" per model entry, running the test command', async () => {
    const { document } = await openConfig('openclaw.json');
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
      return found.length > 0 ? found : undefined;
    }, 'code lenses');
    assert.strictEqual(lenses.length, 16);
    assert.deepStrictEqual(
      [lenses[0]!.command?.title, lenses[0]!.command?.command, lenses[0]!.command?.arguments],
      ['$(play) Test', 'openclaw.testModel', [document.uri.toString(), 'amazon-bedrock/qwen.qwen3-coder-next']],
    );
  });

  it('sends a prompt, streams the answer into the output, and reports timings, tokens and cost', async () => {
    const { document } = await openConfig('openclaw.json');
    const result = await vscode.commands.executeCommand<TestModelResult>(
      'openclaw.testModel',
      document.uri.toString(),
      'Claude Sonnet 4.6',
      'Say hello.',
    );
    assert.strictEqual(result.outcome, 'complete', JSON.stringify(result.problem));
    assert.strictEqual(result.text, 'Hello from the fake Bedrock.');
    assert.match(result.report, /^first token \d+ ms · \d+ ms total · \d+ in \/ \d+ out tokens · \d+ tok\/s · \$0\.\d+ \(file prices\)$/);
    // The output holds the figures one per line, aligned: "  Cost        $0.0019 (file prices)".
    const costLine = result.facts.find((fact) => fact.label === 'Cost');
    assert.ok(costLine, JSON.stringify(result.facts));
    const output = await waitFor(() => {
      const text = outputChannelText('Model Tests');
      return text && /^ {2}Cost +\$0\.\d+ \(file prices\)$/m.test(text) ? text : undefined;
    }, 'the output channel to hold the figures');
    for (const fact of result.facts)
      assert.match(output, new RegExp(`^  ${fact.label} +${fact.value.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')}$`, 'm'));
    assert.ok(output.includes('━━ Claude Sonnet 4.6 ━━'), output);
    assert.ok(output.includes('Prompt: Say hello.\n\nAnswer:\nHello from the fake Bedrock.\n'), output);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.ok(
      lenses.some((lens) => lens.command?.title.startsWith('$(play) Test · last: ')),
      'the lens shows the last result',
    );
  });
});
