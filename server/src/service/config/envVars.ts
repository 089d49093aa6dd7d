import { parse as parseDotenv } from 'dotenv';
import { dirname, join, resolve } from 'path';

/*
 * `${VAR}` in any string of openclaw.json is replaced from the environment when OpenClaw loads it
 * (names [A-Z_][A-Z0-9_]*; `$${VAR}` is a literal `${VAR}`). OpenClaw 2026.9.6 adds to its process's
 * environment, never over it (read in its code, src/infra/dotenv*.ts, and checked with `config validate`):
 * - `.env` in the working folder it starts in, without AWS_*, OPENCLAW_*, *_BASE_URL, provider keys...;
 * - `$OPENCLAW_STATE_DIR/.env`; without OPENCLAW_STATE_DIR, `~/.openclaw/.env` and also the `.env` in the
 *   folder of `$OPENCLAW_CONFIG_PATH` (the configuration's own folder), and `~/.config/openclaw/gateway.env`.
 * The language server knows its own environment and can read those files, but not the folder the gateway
 * starts in: it says so. It never shows a value.
 */

const REFERENCE = /(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** The variables a string refers to, in order, without escaped ones. */
export function envReferences(value: string): string[] {
  // Nearly every string has none: no regex iterator for those.
  if (!value.includes('${')) return [];
  // A set: a string of 100,000 distinct names was quadratic with a list.
  const names = new Set<string>();
  for (const match of value.matchAll(REFERENCE)) {
    if (match[1] === '') names.add(match[2]!);
  }
  return [...names];
}

/** The env files OpenClaw reads besides its working folder's `.env`, for a configuration file, given the server's environment. */
export function dotenvPaths(env: Readonly<Record<string, string | undefined>>, home: string, configPath: string | undefined): string[] {
  const stateDir = env.OPENCLAW_STATE_DIR?.trim();
  if (stateDir) return [join(resolve(stateDir.replace(/^~(?=$|[\\/])/, home)), '.env')];
  const paths = [join(home, '.openclaw', '.env')];
  if (configPath) paths.push(join(dirname(configPath), '.env'));
  paths.push(join(home, '.config', 'openclaw', 'gateway.env'));
  return [...new Set(paths)];
}

export interface DotenvFile {
  path: string;
  /** Its text; undefined when there is none (or it may not be read). */
  text: string | undefined;
}

/** Where variables are set: the server's environment, and the env files OpenClaw reads that the server can see. */
export class Environment {
  private readonly files: { path: string; values: Record<string, string> }[];

  constructor(
    private readonly process: Readonly<Record<string, string | undefined>>,
    files: DotenvFile[],
    /** The home folder, shown as `~` in messages. */
    private readonly home?: string,
  ) {
    this.files = files.map(({ path, text }) => ({ path, values: text === undefined ? {} : parseDotenv(text) }));
  }

  /** Where a variable is set (an empty value counts as unset, as OpenClaw counts it): 'environment', a file's path, or undefined. */
  sourceOf(name: string): string | undefined {
    if (this.process[name]) return 'environment';
    return this.files.find((file) => file.values[name])?.path;
  }

  describe(name: string): string {
    const source = this.sourceOf(name);
    if (source === 'environment') return 'set in the environment the language server sees';
    if (source !== undefined) return `set in ${this.shown(source)}`;
    const files = this.files.map((file) => this.shown(file.path));
    const listed = files.length < 2 ? files.join('') : `${files.slice(0, -1).join(', ')} or ${files[files.length - 1]}`;
    const where = files.length === 0 ? '' : `, nor in ${listed}`;
    // The gateway's working folder is the one place OpenClaw reads that the editor cannot know.
    const cwd = name.startsWith('AWS_')
      ? 'OpenClaw 2026.9 ignores AWS_* keys in the .env of the folder it starts in'
      : 'unless the .env of the folder the gateway starts in sets it, which the editor cannot see';
    return `not set in the environment the language server sees${where} (${cwd})`;
  }

  private shown(path: string): string {
    const home = this.home?.replace(/[\\/]+$/, '');
    return home && (path.startsWith(`${home}/`) || path.startsWith(`${home}\\`)) ? `~${path.slice(home.length)}` : path;
  }
}
