import { homedir } from 'os';
import { isAbsolute, join, resolve } from 'path';

/*
 * Where OpenClaw reads its configuration, as it decides: $OPENCLAW_CONFIG_PATH, else
 * $OPENCLAW_STATE_DIR/openclaw.json, else ~/.openclaw/openclaw.json. No vscode import: the client's
 * command uses it, tests read it directly.
 */

export function configurationPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const expand = (path: string) =>
    path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : isAbsolute(path) ? path : resolve(path);
  if (env.OPENCLAW_CONFIG_PATH?.trim()) return expand(env.OPENCLAW_CONFIG_PATH.trim());
  if (env.OPENCLAW_STATE_DIR?.trim()) return join(expand(env.OPENCLAW_STATE_DIR.trim()), 'openclaw.json');
  return join(home, '.openclaw', 'openclaw.json');
}
