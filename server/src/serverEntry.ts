import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';
import { Script } from 'vm';
import * as zlib from 'zlib';
import { CODE_CACHE_DIR_ARG } from './protocol';

/*
 * The language server's entry point (server/out/server.js). It runs the server's bundle
 * (server/out/languageServer.js) and, given `--code-cache-dir=DIR` (the extension passes its global
 * storage), with a V8 code cache: the bundle's functions as compiled by the last session, so a start
 * skips parsing and compiling most of them again (a fifth of the time to the first diagnostics here).
 *
 * Our own, in a few lines: Node's module.enableCompileCache (22.1+) is missing on Node 20, where the
 * server also runs (engines), and one way for every Node is one way to test.
 * The cache is written when the process exits after a session that had none (or whose cache V8
 * refused), to a file named by the bundle's checksum, Node and flags; it is best effort, and any
 * failure leaves the server running as without it.
 */

const BUNDLE = join(__dirname, 'languageServer.js');
const cacheDir = process.argv.find((arg) => arg.startsWith(CODE_CACHE_DIR_ARG))?.slice(CODE_CACHE_DIR_ARG.length);
// zlib.crc32 is Node 20.15 and later: before it, no cache (a file named by anything but the content could be stale).
if (cacheDir && typeof zlib.crc32 === 'function') runWithCodeCache(cacheDir);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle beside this one, loaded as Node loads any
else require(BUNDLE);

function runWithCodeCache(dir: string): void {
  const source = readFileSync(BUNDLE, 'utf8');
  const stem = `languageServer-${hex(zlib.crc32(source))}`;
  const cacheFile = join(dir, `${stem}-${process.version}-${process.arch}-${hex(zlib.crc32(process.execArgv.join(' ')))}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet: this session writes it.
  }
  // The wrapper Node gives a CommonJS module, on a line of its own so that line numbers stay the bundle's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, {
    filename: BUNDLE,
    lineOffset: -1,
    cachedData,
  });
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => writeCodeCache(dir, stem, cacheFile, script));
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
}

/**
 * Atomically (a temporary file renamed), so that servers exiting together never leave half a file. What else
 * is there goes: older bundles' caches, and temporary files a server killed while writing left behind.
 */
function writeCodeCache(dir: string, stem: string, cacheFile: string, script: Script): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
    for (const name of readdirSync(dir)) {
      const current = name.startsWith(stem) && name.endsWith('.v8cache');
      if (name.startsWith('languageServer-') && !current) unlinkSync(join(dir, name));
    }
  } catch {
    // Best effort: the next start compiles as this one did.
  }
}

function hex(checksum: number): string {
  return checksum.toString(16).padStart(8, '0');
}
