import { parse as parseDotenv } from 'dotenv';

/*
 * `${VAR}` in any string of openclaw.json is replaced from the environment when OpenClaw loads it
 * (names [A-Z_][A-Z0-9_]*; `$${VAR}` is a literal `${VAR}`). OpenClaw's environment is its process's
 * plus `.env` in its state folder (~/.openclaw/.env, beside the configuration). What the language
 * server can know is its own environment and that file; it says which, and never shows a value.
 */

const REFERENCE = /(\$?)\$\{([A-Z_][A-Z0-9_]*)\}/g;

/** The variables a string refers to, in order, without escaped ones. */
export function envReferences(value: string): string[] {
  // A set: a string of 100,000 distinct names was quadratic with a list.
  const names = new Set<string>();
  for (const match of value.matchAll(REFERENCE)) {
    if (match[1] === '') names.add(match[2]!);
  }
  return [...names];
}

export type EnvSource = 'environment' | 'dotenv';

/** Where variables are set: the server's environment, and the configuration's `.env` file. */
export class Environment {
  private readonly dotenv: Record<string, string>;

  constructor(
    private readonly process: Readonly<Record<string, string | undefined>>,
    dotenvText: string | undefined,
    /** The `.env` file's path, for messages. */
    readonly dotenvPath: string,
  ) {
    this.dotenv = dotenvText === undefined ? {} : parseDotenv(dotenvText);
  }

  /** Where a variable is set (an empty value counts as unset, as OpenClaw counts it); undefined: unset. */
  sourceOf(name: string): EnvSource | undefined {
    if (this.process[name]) return 'environment';
    if (this.dotenv[name]) return 'dotenv';
    return undefined;
  }

  describe(name: string): string {
    switch (this.sourceOf(name)) {
      case 'environment':
        return `set in the environment the language server sees`;
      case 'dotenv':
        return `set in ${this.dotenvPath}`;
      default:
        return `not set in the environment the language server sees, nor in ${this.dotenvPath}`;
    }
  }
}
