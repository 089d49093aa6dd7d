import * as assert from 'assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { URI as Uri } from 'vscode-uri';
import { CodeAction, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-protocol';
import { parseJson5 } from '../../server/src/service/parser/json5Parser';
import { applyEdits, commentsOf, readSample } from '../helpers';
import { LspSession, SERVER_PATH } from './lspClient';

const URI = 'file:///workspace/.openclaw/openclaw.json';

describe('language server over stdio (JSON-RPC)', function () {
  let session: LspSession;
  const sample = readSample();

  before(async function () {
    assert.ok(existsSync(SERVER_PATH), `build the server first (npm run build): ${SERVER_PATH}`);
    session = new LspSession({ settings: { version: '', catalog: { live: false } } });
    const result = (await session.initialize()) as { capabilities: Record<string, unknown> };
    assert.strictEqual(result.capabilities.hoverProvider, true);
    assert.deepStrictEqual(result.capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.openclaw'] });
  });

  after(async () => {
    const code = await session.shutdown();
    assert.strictEqual(code, 0, 'the server exits cleanly after shutdown and exit');
  });

  it('publishes the no-alias warnings for the sample on open', async () => {
    const diagnostics = (await session.open(URI, sample)).filter((d) => d.code === 'no-alias');
    const lines = sample.split('\n');
    assert.deepStrictEqual(
      diagnostics.map((d) => [
        d.severity,
        d.code,
        d.source,
        lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character),
      ]),
      [
        [2, 'no-alias', 'openclaw', '"openai.gpt-oss-120b-1:0"'],
        [2, 'no-alias', 'openclaw', '"qwen.qwen3-32b-v1:0"'],
      ],
    );
  });

  it('answers hover on a model with prices and context from the file', async () => {
    const line = sample.split('\n').findIndex((l) => l.includes('"id": "deepseek.r1-v1:0"'));
    const character = sample.split('\n')[line]!.indexOf('deepseek');
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line, character },
    })) as Hover;
    const contents = hover.contents as MarkupContent;
    assert.strictEqual(contents.kind, 'markdown');
    assert.match(contents.value, /^\*\*DeepSeek R1\*\* · `amazon-bedrock\/deepseek\.r1-v1:0`/);
    assert.match(contents.value, /\| USD \| \$1\.35 \| \$5\.40 \| \$0 \| \$0 \|/);
    assert.match(contents.value, /10k in \+ 1k out: \*\*\$0\.0189\*\*/);
    assert.match(contents.value, /Context \*\*128,000\*\* · max output \*\*8,192\*\* · reasoning \*\*yes\*\* · input \*\*text\*\*/);
    assert.deepStrictEqual(hover.range, {
      start: { line, character: character - 1 },
      end: { line, character: character - 1 + '"deepseek.r1-v1:0"'.length },
    });
  });

  it('"Fix all" yields a document OpenClaw accepts, with aliases for all, that still parses with its comments', async () => {
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      actions.map((a) => [a.title, a.kind]),
      [['Fix all: migrate the allowlist, add aliases, remove models.bedrockDiscovery', 'source.fixAll.openclaw']],
    );
    const edits = actions[0]!.edit!.changes![URI] as TextEdit[];
    const fixed = applyEdits(sample, edits);
    const left = await session.change(URI, 2, fixed);
    assert.deepStrictEqual(
      left.filter((d) => d.severity === 1 || d.code === 'no-alias' || d.code === 'legacy-allowlist'),
      [],
    );
    assert.deepStrictEqual(parseJson5(fixed).errors, []);
    assert.deepStrictEqual(commentsOf(fixed), commentsOf(sample));
    assert.strictEqual(commentsOf(sample).length, 4);
  });

  it('offers the quick fix with its diagnostic at the model id', async () => {
    await session.change(URI, 3, sample);
    const line = sample.split('\n').findIndex((l) => l.includes('"qwen.qwen3-32b-v1:0"'));
    const diagnostic = {
      range: { start: { line, character: 18 }, end: { line, character: 39 } },
      severity: 2,
      code: 'no-alias',
      source: 'openclaw',
      message: 'x',
    };
    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      [
        "Add alias 'Qwen3 32B' for amazon-bedrock/qwen.qwen3-32b-v1:0 (moving the /model allowlist to agents.defaults.modelPolicy.allow first)",
        'Add aliases for all 2 models (moving the /model allowlist to agents.defaults.modelPolicy.allow first)',
      ],
    );
    assert.deepStrictEqual(actions[0]!.diagnostics, [diagnostic]);
  });

  it('keeps serving after a broken document: syntax errors come back as diagnostics', async () => {
    const uri = 'file:///workspace/broken/openclaw.json';
    const diagnostics = await session.open(uri, '{ models: { providers: { "amazon-bedrock": { models: [ { id: "x" name: "X" } ');
    assert.deepStrictEqual(
      diagnostics.filter((d) => d.code === 'syntax').map((d) => d.message),
      [
        "Expected ',' between properties.",
        "Expected ']' to close the array opened here.",
        "Expected '}' to close the object opened here.",
        "Expected '}' to close the object opened here.",
        "Expected '}' to close the object opened here.",
        "Expected '}' to close the object opened here.",
      ],
    );
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 62 },
    })) as Hover;
    assert.match((hover.contents as MarkupContent).value, /`amazon-bedrock\/x`/);
  });

  it('answers a rename onto a model id that is already configured with an error', async () => {
    const uri = 'file:///workspace/rename/openclaw.json';
    const text =
      '{\n  models: { providers: { "amazon-bedrock": { models: [\n    { id: "a", name: "A" },\n    { id: "b", name: "B" },\n  ] } } },\n}\n';
    await session.open(uri, text);
    await assert.rejects(
      session.connection.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 12 }, newName: 'b' }),
      /amazon-bedrock\/b is already configured \(line 4\): renaming onto it would make two entries with the same id/,
    );
  });

  it('reports an open document whose file on disk is UTF-16 (the editor decoded it; OpenClaw will not)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'openclaw-utf16-'));
    try {
      const text = '{\n  models: { mode: "merge" },\n}\n';
      writeFileSync(join(folder, 'openclaw.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const diagnostics = await session.open(Uri.file(join(folder, 'openclaw.json')).toString(), text);
      assert.deepStrictEqual(
        diagnostics.map((d) => [d.code, d.severity, d.range.start, d.message]),
        [
          [
            'encoding',
            1,
            { line: 0, character: 0 },
            'This file is UTF-16 (byte order mark FF FE); OpenClaw reads UTF-8 and refuses it: save it as UTF-8.',
          ],
        ],
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'file:///workspace/closing/openclaw.json';
    await session.open(uri, '{ a: }');
    const cleared = session.nextDiagnostics(uri);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    assert.deepStrictEqual((await cleared).diagnostics, []);
  });

  it('debounces typing: one publication for a burst of changes', async () => {
    const uri = 'file:///workspace/typing/openclaw.json';
    await session.open(uri, '{}');
    const before = session.published.filter((p) => p.uri === uri).length;
    const last = session.nextDiagnostics(uri);
    for (let version = 2; version <= 6; version++) {
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: `{ a: ${version} }` }],
      });
    }
    const published = await last;
    assert.strictEqual(published.version, 6);
    assert.strictEqual(session.published.filter((p) => p.uri === uri).length, before + 1);
  });
});

describe('language server settings', () => {
  it('reads openclaw.version through workspace/configuration', async () => {
    const offline = { catalog: { live: false } };
    const session = new LspSession({ settings: { version: '2026.7.2', ...offline }, initialSettings: offline });
    try {
      // The pulled settings differ from the initial ones: when they arrive, open documents are checked again.
      await session.initialize();
      const noAlias = (all: typeof first) => all.find((d) => d.code === 'no-alias');
      const first = await session.open(URI, readSample());
      const settled = String(noAlias(first)?.message).includes('2026.7.2') ? first : (await session.nextDiagnostics(URI)).diagnostics;
      assert.match(
        String(noAlias(settled)!.message),
        /On OpenClaw 2026\.7\.2 \(openclaw\.version setting\) a non-empty alias map is also the allowlist/,
      );
    } finally {
      await session.shutdown();
    }
  });
});

describe('the schemas bundled with the server', () => {
  it('check the whole file from the first diagnostics on, as the version chosen, saying which release wrote the file', async () => {
    const session = new LspSession({ settings: { version: '2026.7.1', catalog: { live: false } } });
    try {
      await session.initialize();
      const text =
        '{\n  meta: { lastTouchedVersion: "2026.9.6" },\n  gateway: { port: "18789" },\n  agents: { defaults: { modelPolicy: { allow: [] } } },\n}\n';
      const errors = (await session.open(URI, text)).filter((d) => d.severity === 1);
      assert.deepStrictEqual(
        errors.map((d) => [d.range.start.line, (d.data as { path?: string } | undefined)?.path]),
        [
          [2, 'gateway.port'],
          [3, 'agents.defaults'],
        ],
      );
      assert.match(
        String(errors[1]!.message),
        /OpenClaw 2026\.9\.6 wrote this file \(meta\.lastTouchedVersion\) and accepts this key, new in OpenClaw 2026\.8\.1; OpenClaw 2026\.7\.1/,
      );
    } finally {
      await session.shutdown();
    }
  });
});
