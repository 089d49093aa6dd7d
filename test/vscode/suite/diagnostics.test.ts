import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, EXTENSION_ID, openConfig } from './helper';

describe('diagnostics (real VS Code)', () => {
  it('opens the sample as an OpenClaw document, activates the extension, and shows the two models without aliases', async () => {
    const editor = await openConfig('openclaw.json');
    assert.strictEqual(editor.document.languageId, 'openclaw');
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    const diagnostics = await diagnosticsOf(editor.document.uri, (all) => all.length > 0);
    assert.deepStrictEqual(
      diagnostics.map((d) => [d.severity, d.code, d.source, editor.document.getText(d.range)]),
      [
        [vscode.DiagnosticSeverity.Warning, 'no-alias', 'openclaw', '"openai.gpt-oss-120b-1:0"'],
        [vscode.DiagnosticSeverity.Warning, 'no-alias', 'openclaw', '"qwen.qwen3-32b-v1:0"'],
      ],
    );
    assert.match(diagnostics[0]!.message, /^amazon-bedrock\/openai\.gpt-oss-120b-1:0 has no alias in agents\.defaults\.models/);
  });
});
