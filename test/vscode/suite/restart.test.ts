import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as vscode from 'vscode';
import { diagnosticsOf, EXTENSION_ID, markdownOf, openConfig, positionOf, waitFor } from './helper';

/** The processes running this extension's language server (read from /proc: the client keeps its child private). */
function serverProcesses(): number[] {
  const serverModule = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'server', 'out', 'server.js');
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(serverModule);
      } catch {
        return false; // the process ended while we looked
      }
    })
    .map(Number);
}

describe('a language server that dies (real VS Code)', () => {
  it('is restarted by the client, and hover and diagnostics come back', async () => {
    const { document } = await openConfig('restart/openclaw.json');
    const [before] = await waitFor(() => (serverProcesses().length === 1 ? serverProcesses() : undefined), 'one language server process');
    process.kill(before!, 'SIGKILL');

    const [after] = await waitFor(() => {
      const running = serverProcesses();
      return running.length === 1 && running[0] !== before ? running : undefined;
    }, 'a new language server process');
    assert.notStrictEqual(after, before);
    const hover = await waitFor(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        document.uri,
        positionOf(document, '"qwen.qwen3-coder-next"'),
      );
      return hovers.length > 0 ? markdownOf(hovers) : undefined;
    }, 'a hover from the restarted server');
    assert.match(hover, /^\*\*Qwen3 Coder Next\*\*/);
    // An edit gets its diagnostics from the new server.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, positionOf(document, '{', 1), '\n  "x-restart": 1,\n  "x-restart": 2,');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsOf(document.uri, (all) => all.some((d) => d.code === 'duplicate-key'));
    assert.match(diagnostics.find((d) => d.code === 'duplicate-key')!.message, /^Duplicate key 'x-restart': OpenClaw ignores this one/);
  });
});
