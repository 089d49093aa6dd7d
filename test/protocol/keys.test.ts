import * as assert from 'assert';
import { existsSync } from 'fs';
import { join } from 'path';
import { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { CATALOG_STATUS_COMMAND, CatalogStatus } from '../../server/src/protocol';
import { REPO_ROOT } from '../helpers';
import { LspSession, SERVER_PATH } from './lspClient';

/*
 * The built server explains keys anywhere in the file from the schemas it ships, with no openclaw
 * to ask: `openclaw.cli.path` names a command that does not exist.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';
const TEXT = `// JSON5, as the docs write it
{
  gateway: {
    port: 18789,
    bnid: 'loopback',

  },
}
`;
const lineOf = (needle: string) => TEXT.split('\n').findIndex((line) => line.includes(needle));

describe('keys over the protocol, without openclaw installed', function () {
  let session: LspSession;

  before(async () => {
    assert.ok(existsSync(SERVER_PATH), `build the server first (npm run build): ${SERVER_PATH}`);
    session = new LspSession({ settings: { cli: { path: join(REPO_ROOT, 'no-such-folder', 'openclaw') }, catalog: { live: false } } });
    await session.initialize();
  });

  after(async () => {
    assert.strictEqual(await session.shutdown(), 0);
  });

  it('hovers, completes and fixes keys outside models from the bundled schema, and says which schema that is', async () => {
    const diagnostics = await session.open(URI, TEXT);
    const typo = diagnostics.find((d) => d.code === 'schema') as Diagnostic;
    assert.match(
      String(typo.message),
      /^Unrecognized key: "bnid" at gateway: OpenClaw 2026\.9\.6 rejects the file, and the gateway does not start\. Did you mean 'bind'\?$/,
    );

    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: lineOf('port:'), character: 5 },
    })) as Hover;
    const card = (hover.contents as MarkupContent).value;
    assert.match(card, /^\*\*Gateway Port\*\* · `port`\n\nTCP port used by the gateway listener/);
    assert.match(card, /\n\nType: integer from 1 to 65535\n\n\*From the bundled schema of OpenClaw 2026\.9\.6\*$/);

    const list = (await session.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: lineOf('bnid') + 1, character: 4 },
    })) as CompletionList;
    const mode = list.items.find((item) => item.label === 'mode')!;
    assert.strictEqual(mode.detail, 'Gateway Mode');
    assert.match((mode.documentation as MarkupContent).value, /^Gateway operation mode: "local" runs channels/);

    const actions = (await session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: typo.range,
      context: { diagnostics: [typo], only: ['quickfix'] },
    })) as CodeAction[];
    const fix = actions.find((action) => action.title === "Change to 'bind'")!;
    assert.deepStrictEqual(fix.edit!.changes![URI], [{ range: typo.range, newText: 'bind' }]);

    const status = (await session.connection.sendRequest('workspace/executeCommand', {
      command: CATALOG_STATUS_COMMAND,
      arguments: [{ uri: URI }],
    })) as CatalogStatus;
    assert.strictEqual(status.schema, 'the bundled schema of OpenClaw 2026.9.6');
  });
});
