import { ChildProcess, execFile } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import type { JsonSchema } from './service/schema/jsonSchema';

/*
 * The `openclaw` command the user has installed: its version, its JSON Schema (`openclaw config
 * schema`, cached per version), and its own verdict on a file (`openclaw config validate --json`,
 * always on a scratch copy: it may write next to the file it checks). Only ever run in a trusted
 * workspace; the server checks that before calling here.
 */

export interface OpenClawCli {
  command: string;
  version: string;
}

export interface CliIssue {
  path: string;
  message: string;
}

export interface CliVerdict {
  valid: boolean;
  issues: CliIssue[];
}

const VERSION_TIMEOUT_MS = 15_000;
const SCHEMA_TIMEOUT_MS = 60_000;
const VALIDATE_TIMEOUT_MS = 60_000;

export async function detectOpenClaw(command: string): Promise<OpenClawCli | undefined> {
  try {
    const { stdout } = await withScratchHome((home) => run(command, ['--version'], VERSION_TIMEOUT_MS, scratchEnvironment(home)));
    const version = /(\d{4}\.\d+\.\d+(?:-[\w.]+)?)/.exec(stdout)?.[1];
    return version ? { command, version } : undefined;
  } catch {
    return undefined; // not installed, or not runnable: the extension works without it
  }
}

/** The schema of an installed OpenClaw, from the cache folder when this version was asked before. */
export async function openClawSchema(cli: OpenClawCli, cacheDir: string | undefined): Promise<JsonSchema> {
  const cached = cacheDir && join(cacheDir, `openclaw-schema-${cli.version}.json`);
  if (cached) {
    try {
      return JSON.parse(readFileSync(cached, 'utf8')) as JsonSchema;
    } catch {
      // not cached yet
    }
  }
  const { stdout } = await withScratchHome((home) => run(cli.command, ['config', 'schema'], SCHEMA_TIMEOUT_MS, scratchEnvironment(home)));
  const schema = JSON.parse(stdout) as JsonSchema;
  if (cached) {
    mkdirSync(cacheDir!, { recursive: true });
    writeFileSync(cached, stdout);
  }
  return schema;
}

/** A file of the configuration to check: its path relative to the configuration's folder (the root first). */
export interface ConfigurationFile {
  path: string;
  text: string;
}

/**
 * OpenClaw's own verdict on a configuration, checked as scratch copies laid out like the originals
 * (the root file first, then the files it includes, at the same relative paths).
 */
export function validateWithOpenClaw(cli: OpenClawCli, files: ConfigurationFile[]): Promise<CliVerdict> {
  return withScratchHome(async (home) => {
    const folder = join(home, 'config');
    for (const file of files) {
      const path = join(folder, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    const env = { ...scratchEnvironment(home), OPENCLAW_CONFIG_PATH: join(folder, files[0]!.path) };
    const { stdout } = await run(cli.command, ['config', 'validate', '--json'], VALIDATE_TIMEOUT_MS, env, true);
    const answer = JSON.parse(stdout) as { valid?: boolean; issues?: CliIssue[] };
    return { valid: answer.valid === true, issues: answer.issues ?? [] };
  });
}

/** Scratch HOMEs in use and the openclaw processes running, for a server that exits meanwhile. */
const liveHomes = new Set<string>();
const liveRuns = new Set<ChildProcess>();
let cleanUpOnExit = false;

/** A scratch HOME, removed afterwards, so nothing OpenClaw writes (state, backups) lands in the user's. */
async function withScratchHome<T>(body: (home: string) => Promise<T>): Promise<T> {
  if (!cleanUpOnExit) {
    cleanUpOnExit = true;
    // An editor stops the server whenever it likes: a run in flight then leaves neither its process nor its HOME behind.
    process.once('exit', () => {
      for (const child of liveRuns) child.kill();
      for (const home of liveHomes) rmSync(home, { recursive: true, force: true });
    });
  }
  const home = mkdtempSync(join(tmpdir(), 'openclaw-scratch-'));
  liveHomes.add(home);
  try {
    return await body(home);
  } finally {
    liveHomes.delete(home);
    rmSync(home, { recursive: true, force: true });
  }
}

function scratchEnvironment(home: string): NodeJS.ProcessEnv {
  return { ...process.env, HOME: home, OPENCLAW_STATE_DIR: join(home, '.openclaw') };
}

function run(
  command: string,
  args: string[],
  timeout: number,
  env: NodeJS.ProcessEnv,
  exitCodeIsVerdict = false,
): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout, env, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      liveRuns.delete(child);
      // `config validate` exits 1 for an invalid file, with its answer on stdout.
      if (error && !(exitCodeIsVerdict && stdout.trim().startsWith('{'))) reject(error);
      else resolve({ stdout });
    });
    liveRuns.add(child);
  });
}
