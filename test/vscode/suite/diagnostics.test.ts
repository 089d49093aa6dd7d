import * as assert from 'assert';
import { writeFileSync } from 'fs';
import { join } from 'path';
import * as vscode from 'vscode';
import type { OpenClawExtensionApi } from '../../../client/src/extension';
import { diagnosticsOf, EXTENSION_ID, openConfig } from './helper';

describe('diagnostics (real VS Code)', () => {
  it('opens the sample as an OpenClaw document, activates the extension, and shows what OpenClaw 2026.9.6 would say', async () => {
    const editor = await openConfig('openclaw.json');
    assert.strictEqual(editor.document.languageId, 'openclaw');
    assert.strictEqual(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    const diagnostics = await diagnosticsOf(editor.document.uri, (all) => all.some((d) => d.code === 'no-alias'));
    const shown = diagnostics.map((d) => [d.severity, d.code, d.source, editor.document.getText(d.range)]);
    assert.deepStrictEqual(
      shown.filter(([, code]) => code === 'no-alias' || code === 'legacy-key'),
      [
        // VS Code lists errors first.
        [vscode.DiagnosticSeverity.Error, 'legacy-key', 'openclaw', '"bedrockDiscovery"'],
        [vscode.DiagnosticSeverity.Warning, 'no-alias', 'openclaw', '"openai.gpt-oss-120b-1:0"'],
        [vscode.DiagnosticSeverity.Warning, 'no-alias', 'openclaw', '"qwen.qwen3-32b-v1:0"'],
      ],
    );
    assert.match(
      diagnostics.find((d) => d.code === 'no-alias')!.message,
      /^amazon-bedrock\/openai\.gpt-oss-120b-1:0 has no entry in agents\.defaults\.models/,
    );
    assert.ok(
      shown.some(
        ([severity, code, , text]) =>
          severity === vscode.DiagnosticSeverity.Warning && code === 'needs-inference-profile' && text === '"anthropic.claude-opus-4-6-v1"',
      ),
    );
  });

  it('activates without waiting for the language server, and says how long it took (for npm run bench)', async () => {
    await openConfig('openclaw.json');
    const api = await vscode.extensions.getExtension<OpenClawExtensionApi>(EXTENSION_ID)!.activate();
    assert.ok(api.activateCallMs > 0 && api.loadMs > 0 && api.activationMs === api.loadMs + api.activateCallMs, JSON.stringify(api));
    // The suites are bundled into test-output/vscode/suite: the figure goes beside them.
    writeFileSync(
      join(__dirname, '..', 'activation.json'),
      `${JSON.stringify({ ...api, vscode: vscode.version, measuredAt: new Date().toISOString() }, null, 2)}\n`,
    );
  });
});
