import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compareReleases } from '../server/src/schemaBundle';
import { CACHE_DIR, ensureNode24 } from '../test/toolCache';

/*
 * Step one of `npm run schemas`: `openclaw config schema` of every stable OpenClaw release from
 * FIRST_RELEASE on, each installed from npm with Node 24 into a scratch folder, run offline with a
 * scratch HOME, and removed again. The printed schemas are kept in the tool cache (outside the
 * repository): only the packed set (packSchemas.ts) is committed.
 */

/** The oldest release the extension bundles a schema of: the first with `openclaw config schema` (2026.3.24 has none). */
export const FIRST_RELEASE = '2026.3.28';
export const RAW_DIR = join(CACHE_DIR, 'openclaw-schemas-raw');

/** Stable releases (no beta; `-1` republishes count) from FIRST_RELEASE on, oldest first. */
export function stableReleases(): string[] {
  const all = JSON.parse(execFileSync('npm', ['view', 'openclaw', 'versions', '--json'], { encoding: 'utf8' })) as string[];
  return all.filter((version) => !/beta|alpha|rc/i.test(version) && compareReleases(version, FIRST_RELEASE) >= 0).sort(compareReleases);
}

function collect(version: string, node: string): void {
  const target = join(RAW_DIR, `${version}.json`);
  const failure = join(RAW_DIR, `${version}.failed`);
  if (existsSync(target) || existsSync(failure)) return;
  const home = mkdtempSync(join(tmpdir(), `openclaw-schema-${version}-`));
  try {
    writeFileSync(join(home, 'package.json'), '{ "private": true }\n');
    const env = { ...process.env, PATH: `${join(node, '..')}:${process.env.PATH}` };
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `openclaw@${version}`], {
      cwd: home,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const scratch = join(home, 'home');
    mkdirSync(scratch);
    const printSchema = () =>
      execFileSync(node, [join(home, 'node_modules', 'openclaw', 'openclaw.mjs'), 'config', 'schema'], {
        cwd: scratch,
        env: {
          ...env,
          HOME: scratch,
          OPENCLAW_CONFIG_PATH: join(scratch, 'openclaw.json'),
          OPENCLAW_STATE_DIR: join(scratch, '.openclaw'),
        },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: 180_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    let schema: string;
    try {
      schema = printSchema();
    } catch {
      // Some releases install their bundled plugins' dependencies in a postinstall script (2026.4.5:
      // "Cannot find module '@buape/carbon'"): run openclaw's own install scripts, then try again.
      execFileSync('npm', ['rebuild', 'openclaw'], { cwd: home, env, stdio: 'ignore' });
      schema = printSchema();
    }
    JSON.parse(schema);
    writeFileSync(`${target}.tmp`, schema);
    renameSync(`${target}.tmp`, target);
    console.log(`${version}: ${schema.length} bytes`);
  } catch (error) {
    const why = whyNoSchema(error as Error & { stderr?: string | Buffer });
    writeFileSync(failure, `${why}\n`);
    console.log(`${version}: no schema (${why})`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The releases collected (their schema printed), and those that could not be, with why. */
export interface Collected {
  releases: string[];
  failed: Record<string, string>;
}

/** Why a release printed no schema, in a line: what its install or `config schema` said. */
function whyNoSchema(error: Error & { stderr?: string | Buffer }): string {
  const said = `${error.message}\n${error.stderr ?? ''}`;
  if (/Could not resolve hostname github\.com|git --no-replace-objects ls-remote/.test(said))
    return 'its install needs a dependency from GitHub, out of reach offline';
  if (/too many arguments for 'config'/.test(said)) return 'it has no `openclaw config schema`';
  const missing = /Cannot find module '([^']+)'/.exec(said);
  if (missing) return `it cannot start without ${missing[1]}, which its postinstall downloads`;
  return said
    .split('\n')
    .find((line) => line.trim() !== '')!
    .slice(0, 200);
}

export function collectSchemas(releases: string[] = stableReleases()): Collected {
  mkdirSync(RAW_DIR, { recursive: true });
  const { node } = ensureNode24((line) => console.log(line));
  for (const version of releases) collect(version, node);
  const collected: Collected = { releases: [], failed: {} };
  for (const version of releases) {
    if (existsSync(join(RAW_DIR, `${version}.json`))) collected.releases.push(version);
    else collected.failed[version] = readFileSync(join(RAW_DIR, `${version}.failed`), 'utf8').split('\n')[0]!;
  }
  return collected;
}

if (require.main === module) collectSchemas();
