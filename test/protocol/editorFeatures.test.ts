import * as assert from 'assert';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import {
  DocumentHighlight,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
  SelectionRange,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { scratchFolders } from '../scratch';
import { LspSession, SERVER_PATH } from './lspClient';

/*
 * The editor features a JSON file gets, and more, through the built server over stdio: document and
 * workspace symbols, folding, smart select, document highlight, `$include` links (not to a file an
 * untrusted workspace may not read), definition and hover, and inlay hints (off by the setting).
 */

const ROOT = `{
  // #region models
  models: { $include: "./models.json5" },
  // #endregion
  agents: {
    defaults: {
      model: { primary: "GLM", fallbacks: ["amazon-bedrock/qwen.qwen3-32b-v1:0"] },
      models: { "amazon-bedrock/zai.glm-4.7": { alias: "GLM" } },
    },
  },
}
`;

const MODELS = `{
  "providers": {
    "amazon-bedrock": {
      "models": [
        { "id": "zai.glm-4.7", "name": "GLM 4.7", "cost": { "input": 0.6, "output": 2.2 } },
        { "id": "qwen.qwen3-32b-v1:0", "name": "Qwen3 32B" }
      ]
    }
  }
}
`;

function positionOf(text: string, needle: string, shift = 1): { line: number; character: number } {
  const before = text.slice(0, text.indexOf(needle) + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

describe('editor features over stdio (symbols, folding, selection, highlight, links, inlay hints)', function () {
  const scratch = scratchFolders('openclaw-editor-');
  let session: LspSession | undefined;
  let rootUri: string;
  let modelsUri: string;

  /** A configuration on disk: the root in `config/`, the workspace folder `workspace` (default: config/). */
  async function start(
    options: { trusted?: boolean; workspaceInside?: boolean; settings?: Record<string, unknown> } = {},
  ): Promise<LspSession> {
    assert.ok(existsSync(SERVER_PATH), `build the server first (npm run build): ${SERVER_PATH}`);
    const folder = scratch();
    const config = join(folder, 'config');
    mkdirSync(join(config, 'workspace'), { recursive: true });
    writeFileSync(join(config, 'openclaw.json'), ROOT);
    writeFileSync(join(config, 'models.json5'), MODELS);
    rootUri = URI.file(join(config, 'openclaw.json')).toString();
    modelsUri = URI.file(join(config, 'models.json5')).toString();
    const workspace = options.workspaceInside === false ? join(config, 'workspace') : config;
    session = new LspSession({
      settings: { version: '2026.9.6', catalog: { live: false }, ...options.settings },
      workspaceFolders: [URI.file(workspace).toString()],
      initializationOptions: { trusted: options.trusted ?? true },
    });
    const result = (await session.initialize()) as { capabilities: Record<string, unknown> };
    for (const capability of [
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'selectionRangeProvider',
      'documentHighlightProvider',
      'documentLinkProvider',
      'inlayHintProvider',
    ]) {
      assert.ok(result.capabilities[capability], `${capability} is declared`);
    }
    await session.open(rootUri, ROOT);
    return session;
  }

  afterEach(async () => {
    if (session) assert.strictEqual(await session.shutdown(), 0);
    session = undefined;
  });

  const request = <T>(method: string, params: Record<string, unknown>) =>
    session!.connection.sendRequest(method, { textDocument: { uri: rootUri }, ...params }) as Promise<T>;

  it('textDocument/documentSymbol: a hierarchy named by key, the alias-map entry by its alias; workspace/symbol across the files', async () => {
    await start();
    const symbols = await request<DocumentSymbol[]>('textDocument/documentSymbol', {});
    assert.deepStrictEqual(
      symbols.map((symbol) => symbol.name),
      ['models', 'agents'],
    );
    const aliases = symbols[1]!.children![0]!.children!.find((symbol) => symbol.name === 'models')!.children!;
    assert.deepStrictEqual(
      aliases.map((symbol) => [symbol.name, symbol.detail, symbol.kind]),
      [['GLM', 'amazon-bedrock/zai.glm-4.7', 14]],
    );
    assert.deepStrictEqual(symbols[0]!.selectionRange, { start: positionOf(ROOT, 'models:', 0), end: positionOf(ROOT, 'models:', 6) });

    const found = (await session!.connection.sendRequest('workspace/symbol', { query: 'glm' })) as SymbolInformation[];
    assert.deepStrictEqual(
      found.map((symbol) => [symbol.name, symbol.kind, symbol.containerName, symbol.location.uri, symbol.location.range.start.line]),
      [
        ['GLM 4.7', 5, 'amazon-bedrock/zai.glm-4.7', modelsUri, 4],
        ['GLM', 14, 'amazon-bedrock/zai.glm-4.7', rootUri, 7],
      ],
    );
  });

  it('textDocument/foldingRange and textDocument/selectionRange', async () => {
    await start();
    const folding = await request<FoldingRange[]>('textDocument/foldingRange', {});
    assert.deepStrictEqual(folding, [
      { startLine: 0, endLine: 9 },
      { startLine: 1, endLine: 3, kind: 'region' },
      { startLine: 4, endLine: 8 },
      { startLine: 5, endLine: 7 },
    ]);
    const [selection] = await request<SelectionRange[]>('textDocument/selectionRange', { positions: [positionOf(ROOT, '"GLM", fall', 2)] });
    assert.deepStrictEqual(selection!.range, { start: positionOf(ROOT, '"GLM", fall'), end: positionOf(ROOT, '"GLM", fall', 4) });
    assert.deepStrictEqual(selection!.parent!.range, {
      start: positionOf(ROOT, '"GLM", fall', 0),
      end: positionOf(ROOT, '"GLM", fall', 5),
    });
  });

  it('textDocument/documentHighlight: the alias value Write, its use Read', async () => {
    await start();
    const highlights = await request<DocumentHighlight[]>('textDocument/documentHighlight', {
      position: positionOf(ROOT, '"GLM", fall', 2),
    });
    assert.deepStrictEqual(highlights, [
      { range: { start: positionOf(ROOT, '"GLM", fall', 0), end: positionOf(ROOT, '"GLM", fall', 5) }, kind: 2 },
      { range: { start: positionOf(ROOT, '"GLM" }', 0), end: positionOf(ROOT, '"GLM" }', 5) }, kind: 3 },
    ]);
  });

  it('$include: a link, definition on the path (one location), a hover; definition on an alias jumps to the model alone', async () => {
    await start();
    const links = await request<DocumentLink[]>('textDocument/documentLink', {});
    assert.deepStrictEqual(links, [
      {
        range: { start: positionOf(ROOT, './models.json5', 0), end: positionOf(ROOT, './models.json5', 14) },
        target: modelsUri,
        tooltip: `Open ${URI.parse(modelsUri).fsPath}`,
      },
    ]);
    const start0 = { line: 0, character: 0 };
    assert.deepStrictEqual(await request<Location[]>('textDocument/definition', { position: positionOf(ROOT, './models', 3) }), [
      { uri: modelsUri, range: { start: start0, end: start0 } },
    ]);
    const hover = await request<Hover>('textDocument/hover', { position: positionOf(ROOT, './models', 3) });
    assert.strictEqual(
      (hover.contents as MarkupContent).value,
      `**$include** \`./models.json5\` → \`${URI.parse(modelsUri).fsPath}\`\n\nBrings \`providers\` into \`models\` · 2 models · 0 aliases`,
    );
    const alias = await request<Location[]>('textDocument/definition', { position: positionOf(ROOT, '"GLM", fall', 2) });
    assert.deepStrictEqual(
      alias.map((location) => [location.uri, location.range.start.line]),
      [[modelsUri, 4]],
    );
  });

  it('$include in an untrusted workspace: no link to a file outside it (trusted: the link is there)', async () => {
    await start({ trusted: false, workspaceInside: false });
    assert.deepStrictEqual(await request<DocumentLink[]>('textDocument/documentLink', {}), []);
    assert.deepStrictEqual(await request<Location[]>('textDocument/definition', { position: positionOf(ROOT, './models', 3) }), []);
    assert.strictEqual(await session!.shutdown(), 0);
    await start({ trusted: true, workspaceInside: false });
    assert.strictEqual((await request<DocumentLink[]>('textDocument/documentLink', {})).length, 1);
  });

  it("textDocument/inlayHint: prices and context after references, the chain's span after fallbacks; none with the setting off", async () => {
    await start();
    const range = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };
    const hints = await request<InlayHint[]>('textDocument/inlayHint', { range });
    assert.deepStrictEqual(
      hints.map((hint) => [hint.position.line, hint.label]),
      [
        [6, '$0.6/$2.2 · 200k'],
        [6, 'list $0.15/$0.6 · 200k'],
        [6, '10k in + 1k out: $0.0021–$0.0082 (list)'],
        [7, '$0.6/$2.2 · 200k'],
      ],
    );
    assert.strictEqual(await session!.shutdown(), 0);
    await start({ settings: { inlayHints: { enabled: false } } });
    assert.deepStrictEqual(await request<InlayHint[]>('textDocument/inlayHint', { range }), []);
  });
});
