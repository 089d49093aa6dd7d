import { execFileSync } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CACHE_DIR, ensureNode24, npm } from '../toolCache';

/*
 * The real OpenClaw, from npm, into the test cache: the oracle the extension is measured against.
 * It needs Node 24. Its install scripts are skipped (--ignore-scripts: its preinstall refuses the
 * Node 20 that runs npm here, and npm runs a direct dependency's scripts): 2026.9.6 starts without
 * them, and `config validate` / `config schema` need nothing they build.
 */

export const ORACLE_VERSION = '2026.9.6';

/** Installs openclaw@ORACLE_VERSION once; returns an executable `openclaw` that runs it on Node 24. */
export function ensureOpenClaw(log: (line: string) => void): string {
  const { node } = ensureNode24(log);
  const home = join(CACHE_DIR, `openclaw-${ORACLE_VERSION}`);
  const entry = join(home, 'node_modules', 'openclaw', 'openclaw.mjs');
  const command = join(home, 'openclaw');
  const ready = join(home, '.ready');
  if (existsSync(ready) && existsSync(command)) return command;

  log(`Installing openclaw@${ORACLE_VERSION} into ${home} (a minute or two, once)…`);
  npm(['install', '--no-audit', '--no-fund', '--ignore-scripts', `openclaw@${ORACLE_VERSION}`], home, process.env);
  writeFileSync(command, `#!/bin/sh\nexec "${node}" "${entry}" "$@"\n`);
  chmodSync(command, 0o755);
  const scratchHome = mkdtempSync(join(tmpdir(), 'openclaw-install-check-'));
  const version = execFileSync(command, ['--version'], { encoding: 'utf8', env: { ...process.env, HOME: scratchHome } });
  rmSync(scratchHome, { recursive: true, force: true });
  if (!version.includes(ORACLE_VERSION)) throw new Error(`${command} --version printed ${JSON.stringify(version)}, not ${ORACLE_VERSION}`);
  writeFileSync(ready, `${new Date().toISOString()}\n`);
  return command;
}
