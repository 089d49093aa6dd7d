import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, openConfig, positionOf, waitFor, workspaceFile } from './helper';

/*
 * What VS Code gives x.json, and more, asked through VS Code's own commands as the Outline,
 * breadcrumbs, links, inlay hints, folding, smart select, highlights and Format Document ask.
 */

/** The path of names from the top to the innermost symbol holding `position`: what the breadcrumbs show. */
function breadcrumbs(symbols: vscode.DocumentSymbol[], position: vscode.Position): string[] {
  const path: string[] = [];
  for (let level = symbols; ;) {
    const holder = level.find((symbol) => symbol.range.contains(position));
    if (!holder) return path;
    path.push(holder.name);
    level = holder.children;
  }
}

describe('editor features (real VS Code)', () => {
  it('the Outline and breadcrumbs: a tree, models by name with id and prices', async () => {
    const { document } = await openConfig('openclaw.json');
    const symbols = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return found && found.length > 0 ? found : undefined;
    }, 'document symbols');
    assert.deepStrictEqual(
      symbols.map((symbol) => symbol.name),
      ['models', 'agents'],
    );
    const at = positionOf(document, '"id": "deepseek.v3.2"', 8);
    assert.deepStrictEqual(breadcrumbs(symbols, at), ['models', 'providers', 'amazon-bedrock', 'models', 'DeepSeek V3.2', 'id']);
    const model = symbols[0]!.children.find((s) => s.name === 'providers')!.children[0]!.children.find((s) => s.name === 'models')!
      .children[1]!;
    assert.strictEqual(model.detail, 'deepseek.v3.2 · $0.62/$1.85');
    assert.strictEqual(model.kind, vscode.SymbolKind.Class);
    const alias = breadcrumbs(symbols, positionOf(document, '"alias": "Kimi K2.5"', 3));
    assert.deepStrictEqual(alias, ['agents', 'defaults', 'models', 'Kimi K2.5', 'alias']);
  });

  it('workspace symbols: models and aliases by name', async () => {
    await openConfig('openclaw.json');
    const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Kimi K2');
    const names = symbols.map((symbol) => `${symbol.name} (${symbol.containerName})`);
    assert.ok(names.includes('Kimi K2.5 (amazon-bedrock/moonshotai.kimi-k2.5)'), names.join(', '));
  });

  it('$include: a link to the file, Go to Definition on the path (one place), and Go to Definition on an alias jumps to the model alone', async () => {
    const { document } = await openConfig('split/openclaw.json');
    const models = workspaceFile('split/models.json5');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    assert.deepStrictEqual(
      links.map((link) => [link.target?.toString(), document.getText(link.range)]),
      [[models.toString(), './models.json5']],
    );
    const onPath = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      positionOf(document, './models', 3),
    );
    assert.strictEqual(onPath.length, 1);
    const onAlias = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      positionOf(document, '"GLM" }', 2),
    );
    assert.strictEqual(onAlias.length, 1, 'one location: the editor jumps instead of opening a peek');
    const target = 'targetUri' in onAlias[0]! ? onAlias[0].targetUri : onAlias[0]!.uri;
    assert.strictEqual(target.toString(), models.toString());
  });

  it('inlay hints: prices and context after references, and what the fallback chain costs', async () => {
    const { document } = await openConfig('openclaw.json');
    const range = new vscode.Range(positionOf(document, '"agents"', 0), document.lineAt(document.lineCount - 1).range.end);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, range);
    const labels = hints.map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')));
    assert.strictEqual(labels[0], '$0.5/$1.2 · 262k', labels.join(' | '));
    assert.ok(labels.includes('10k in + 1k out: $0.0062–$0.0082'), labels.join(' | '));
    assert.ok(labels.includes('$3/$15 · 200k'), labels.join(' | '));
  });

  it('folding, smart select and document highlights', async () => {
    const { document } = await openConfig('openclaw.json');
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const models = positionOf(document, '"models": {', 0).line;
    assert.ok(
      folds.some(
        (fold) =>
          fold.start === models &&
          document
            .lineAt(fold.end + 1)
            .text.trim()
            .startsWith('}'),
      ),
      JSON.stringify(folds.slice(0, 4)),
    );

    const at = positionOf(document, '"DeepSeek V3.2", "amazon', 3);
    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>(
      'vscode.executeSelectionRangeProvider',
      document.uri,
      [at],
    );
    assert.strictEqual(document.getText(selection!.range), 'DeepSeek V3.2');
    assert.strictEqual(document.getText(selection!.parent!.range), '"DeepSeek V3.2"');

    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>(
      'vscode.executeDocumentHighlights',
      document.uri,
      at,
    );
    assert.deepStrictEqual(
      highlights.map((highlight) => [document.getText(highlight.range), highlight.kind]),
      [
        ['"DeepSeek V3.2"', vscode.DocumentHighlightKind.Read],
        ['"DeepSeek V3.2"', vscode.DocumentHighlightKind.Write],
      ],
    );
  });

  it('Format Document on the JSON5 file keeps its comments and style', async () => {
    const { document } = await openConfig('json5/openclaw.json5');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', document.uri, {
      tabSize: 4,
      insertSpaces: true,
    });
    assert.ok(edits.length > 0, 'tab size 4 re-indents');
    const offsets = edits
      .map((edit) => ({ start: document.offsetAt(edit.range.start), end: document.offsetAt(edit.range.end), text: edit.newText }))
      .sort((a, b) => b.start - a.start);
    let text = document.getText();
    for (const edit of offsets) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    assert.ok(text.startsWith('// JSON5 style'), text.slice(0, 80));
    assert.ok(text.includes("\n    models: {\n        providers: {\n            'amazon-bedrock': {"), text.slice(0, 300));
  });

  it('the language has its own icon, light and dark, packaged with the extension', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const languages = extension.packageJSON.contributes.languages as { id: string; icon?: { light: string; dark: string } }[];
    const icon = languages.find((language) => language.id === 'openclaw')?.icon;
    assert.deepStrictEqual(icon, { light: './icons/openclaw-light.svg', dark: './icons/openclaw-dark.svg' });
    for (const path of [icon!.light, icon!.dark]) {
      const svg = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension.extensionUri, path)));
      assert.match(svg, /^<svg [^>]*viewBox="0 0 16 16"/);
    }
  });
});
