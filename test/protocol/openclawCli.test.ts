import * as assert from 'assert';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { scratchFolders } from '../scratch';
import { LspSession } from './lspClient';

/*
 * The user's openclaw runs in a scratch HOME of the server's, under TMPDIR. An editor stops the server
 * whenever it likes, also while openclaw runs: then neither the scratch HOME nor the process may stay.
 */

describe('the server running openclaw, stopped meanwhile', function () {
  this.timeout(30_000);
  const scratch = scratchFolders('openclaw-cli-');

  it('leaves no scratch HOME and no openclaw process behind', async () => {
    const folder = scratch();
    const tmp = join(folder, 'tmp');
    const pidFile = join(folder, 'schema.pid');
    const cli = join(folder, 'openclaw');
    // A stand-in for openclaw: its version at once; `config schema` runs until it is stopped.
    writeFileSync(
      cli,
      `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "OpenClaw 2026.9.6 (test)"; exit 0; fi\necho $$ > "${pidFile}"\nexec sleep 25\n`,
    );
    chmodSync(cli, 0o755);
    mkdirSync(tmp);
    const session = new LspSession({
      settings: { catalog: { live: false }, cli: { path: cli } },
      initializationOptions: { trusted: true },
      env: { ...process.env, TMPDIR: tmp },
    });
    try {
      await session.initialize();
      await session.open('file:///workspace/openclaw.json', '{ models: {} }\n');
      const started = Date.now();
      while (!existsSync(pidFile) && Date.now() - started < 15_000) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(existsSync(pidFile), 'openclaw config schema runs');
      assert.strictEqual(readdirSync(tmp).filter((name) => name.startsWith('openclaw-scratch-')).length, 1, 'in a scratch HOME');
    } finally {
      await session.shutdown();
    }
    assert.deepStrictEqual(readdirSync(tmp), [], 'nothing left in TMPDIR');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        return process.kill(pid, 0);
      } catch {
        return false;
      }
    };
    // Killed as the server exits; reaped a moment later (until then it is a zombie, and kill(pid, 0) still finds it).
    const stopped = Date.now();
    while (alive() && Date.now() - stopped < 5_000) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(!alive(), 'the openclaw process is gone');
  });
});
