import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsOf, openConfig, waitFor, workspaceFile } from './helper';

describe('a configuration split with $include (real VS Code)', () => {
  it("shows the included file's findings, opens it as OpenClaw, and goes to definition across files", async () => {
    const { document: root } = await openConfig('split/openclaw.json');
    const models = workspaceFile('split/models.json5');
    const [noAlias] = await diagnosticsOf(models, (all) => all.some((d) => d.code === 'no-alias'));
    assert.match(noAlias!.message, /^amazon-bedrock\/qwen\.qwen3-32b-v1:0 has no entry in agents\.defaults\.models/);

    const included = await vscode.workspace.openTextDocument(models);
    await vscode.window.showTextDocument(included);
    await waitFor(() => (included.languageId === 'openclaw' ? true : undefined), 'the included file to open as an OpenClaw document');

    const glm = root.getText().indexOf('"GLM" }');
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      root.uri,
      root.positionAt(glm + 2),
    );
    const first = definitions[0]!;
    const target = 'targetUri' in first ? first.targetUri : first.uri;
    assert.strictEqual(target.toString(), models.toString());
  });
});
