import * as assert from 'assert';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CODE_CACHE_DIR_ARG } from '../../server/src/protocol';
import { readSample } from '../helpers';
import { scratchFolders } from '../scratch';
import { LspSession } from './lspClient';

/*
 * The server's V8 code cache (serverEntry.ts), as the extension runs it: `--code-cache-dir` names a
 * folder; a session without a usable cache leaves one when it exits, the next start takes it. The
 * server must behave the same with a cache, without one, with a damaged one and with a folder it
 * cannot write.
 */

const URI = 'file:///workspace/.openclaw/openclaw.json';

describe('the code cache of the server bundle (--code-cache-dir)', function () {
  this.timeout(60_000);
  const scratch = scratchFolders('openclaw-code-cache-');
  const sample = readSample();

  /** One session: the sample's diagnostics (message and line), and the server's exit code. */
  async function session(cacheDir: string): Promise<{ diagnostics: string[]; exitCode: number | null }> {
    const server = new LspSession({ serverArgs: [`${CODE_CACHE_DIR_ARG}${cacheDir}`] });
    try {
      await server.initialize();
      const diagnostics = (await server.open(URI, sample)).map((d) => `${d.range.start.line}: ${d.message}`);
      return { diagnostics, exitCode: await server.shutdown() };
    } catch (error) {
      await server.shutdown();
      throw error;
    }
  }

  const cacheFiles = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.v8cache'));

  it('is written by the first session and taken, unchanged, by the next; diagnostics are the same', async () => {
    const dir = join(scratch(), 'nested', 'cache');
    const first = await session(dir);
    assert.strictEqual(first.exitCode, 0);
    assert.ok(first.diagnostics.length > 0);
    const [file] = cacheFiles(dir);
    assert.ok(file, 'no cache written');
    assert.match(file, /^languageServer-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-[0-9a-f]{8}\.v8cache$/);
    const written = readFileSync(join(dir, file));
    const writtenAt = statSync(join(dir, file)).mtimeMs;
    assert.ok(written.length > 100_000, `a cache of ${written.length} bytes holds little of a 400 KB bundle`);

    const second = await session(dir);
    assert.deepStrictEqual(second, first);
    // V8 took the cache: nothing was written again.
    assert.deepStrictEqual(cacheFiles(dir), [file]);
    assert.strictEqual(statSync(join(dir, file)).mtimeMs, writtenAt, 'the cache was rewritten: V8 refused it');
    assert.ok(readFileSync(join(dir, file)).equals(written));
  });

  it('a damaged cache is refused by V8 and replaced; an older bundle’s cache and a half-written one are removed', async () => {
    const dir = scratch();
    const expected = await session(dir);
    const [file] = cacheFiles(dir);
    writeFileSync(join(dir, 'languageServer-00000000-v20.0.0-x64-00000000.v8cache'), 'an older bundle');
    writeFileSync(join(dir, `${file}.12345.tmp`), 'a server killed while it wrote');
    writeFileSync(join(dir, 'catalog.json'), 'not the server’s');
    writeFileSync(join(dir, file!), Buffer.alloc(200_000, 7));

    assert.deepStrictEqual(await session(dir), expected);
    assert.deepStrictEqual(readdirSync(dir).sort(), ['catalog.json', file]);
    const replaced = readFileSync(join(dir, file!));
    assert.ok(!replaced.equals(Buffer.alloc(200_000, 7)), 'the damaged cache is still there');
    // The replacement is one V8 takes.
    assert.deepStrictEqual(await session(dir), expected);
    assert.ok(readFileSync(join(dir, file!)).equals(replaced));
  });

  it('a folder that cannot be made: the server runs as without a cache', async () => {
    const file = join(scratch(), 'a-file');
    writeFileSync(file, '');
    const without = await session(join(scratch(), 'unused'));
    const { diagnostics, exitCode } = await session(join(file, 'cache'));
    assert.strictEqual(exitCode, 0);
    assert.deepStrictEqual(diagnostics, without.diagnostics);
  });
});
