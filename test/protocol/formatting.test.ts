import * as assert from 'assert';
import { existsSync } from 'fs';
import { TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers';
import { LspSession, SERVER_PATH } from './lspClient';

const URI = 'file:///workspace/.openclaw/openclaw.json';
const JSON5_TEXT = "{\n  // Bedrock\n  models: {mode: 'merge', providers: {}},\n    agents: {\n  defaults: {},\n  },\n}\n";
const BROKEN = '{\n  models: { mode: "merge" \n';

describe('formatting over stdio (textDocument/formatting, textDocument/rangeFormatting)', function () {
  let session: LspSession;

  before(async function () {
    assert.ok(existsSync(SERVER_PATH), `build the server first (npm run build): ${SERVER_PATH}`);
    session = new LspSession();
    const result = (await session.initialize()) as { capabilities: Record<string, unknown> };
    assert.strictEqual(result.capabilities.documentFormattingProvider, true);
    assert.strictEqual(result.capabilities.documentRangeFormattingProvider, true);
  });

  after(async () => {
    assert.strictEqual(await session.shutdown(), 0);
  });

  const format = (options: { tabSize: number; insertSpaces: boolean }) =>
    session.connection.sendRequest('textDocument/formatting', { textDocument: { uri: URI }, options }) as Promise<TextEdit[]>;

  it("formats the whole document at the editor's tab size, keeping comments, quotes and trailing commas", async () => {
    await session.open(URI, JSON5_TEXT);
    const edits = await format({ tabSize: 4, insertSpaces: true });
    const expected = ['{', '    // Bedrock', "    models: {mode: 'merge', providers: {}},", '    agents: {', '        defaults: {},'];
    expected.push('    },', '}', '');
    assert.strictEqual(applyEdits(JSON5_TEXT, edits), expected.join('\n'));
  });

  it('formats only the lines of a range', async () => {
    const edits = (await session.connection.sendRequest('textDocument/rangeFormatting', {
      textDocument: { uri: URI },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 4 } },
      options: { tabSize: 2, insertSpaces: true },
    })) as TextEdit[];
    assert.deepStrictEqual(edits, [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 4 } }, newText: '' }]);
  });

  it('answers no edits for a document that does not parse, and says why once per version in a warning', async () => {
    await session.change(URI, 2, BROKEN);
    assert.deepStrictEqual(await format({ tabSize: 2, insertSpaces: true }), []);
    assert.deepStrictEqual(await format({ tabSize: 2, insertSpaces: true }), [], 'asked again (format on save)');
    const warnings = session.notifications.filter((notification) => notification.method === 'window/showMessage');
    assert.deepStrictEqual(warnings, [
      {
        method: 'window/showMessage',
        params: {
          type: 2,
          message:
            "Not formatted: the file has a syntax error at line 1, column 1 (and 1 more): Expected '}' to close the object opened here. " +
            'Formatting changes nothing until it parses.',
        },
      },
    ]);
    const logged = `${URI}: Not formatted: the file has a syntax error at line 1, column 1`;
    assert.ok(
      session.logs.some((line) => line.includes(logged)),
      session.logs.join('\n'),
    );

    await session.change(URI, 3, BROKEN.replace('"merge"', '"merge" }'));
    assert.deepStrictEqual(await format({ tabSize: 2, insertSpaces: true }), []);
    const told = session.notifications.filter((notification) => notification.method === 'window/showMessage');
    assert.strictEqual(told.length, 2, 'a new version is told again');

    const fixed = `${BROKEN}}}\n`;
    await session.change(URI, 4, fixed);
    assert.strictEqual(applyEdits(fixed, await format({ tabSize: 2, insertSpaces: true })), '{\n  models: {\n    mode: "merge"\n  }\n}\n');
  });

  it('answers null for a document that is not open', async () => {
    const params = { textDocument: { uri: 'file:///nowhere/openclaw.json' }, options: { tabSize: 2, insertSpaces: true } };
    const result: unknown = await session.connection.sendRequest('textDocument/formatting', params);
    assert.strictEqual(result, null);
  });
});
