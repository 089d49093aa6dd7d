import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/*
 * Mocha root hooks (.mocharc.json requires this file): the run gets a temporary folder of its own,
 * TMPDIR for this process and every process and worker it starts, and the run fails when a test left
 * anything in it.
 */

let runFolder: string | undefined;
let previous: string | undefined;

export const mochaHooks = {
  beforeAll(): void {
    previous = process.env.TMPDIR;
    runFolder = mkdtempSync(join(tmpdir(), 'openclaw-test-run-'));
    process.env.TMPDIR = runFolder;
  },
  afterAll(): void {
    if (!runFolder) return;
    // Compile caches of the tools that run (tsx's tsx-<uid>; Node's node-compile-cache, which openclaw
    // turns on): caches, not something a test left.
    const left = readdirSync(runFolder).filter((name) => !/^(tsx-\d+|node-compile-cache)$/.test(name));
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(runFolder, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`The tests left ${left.length} item(s) in the temporary folder: ${left.join(', ')}`);
  },
};
