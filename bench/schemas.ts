import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { SchemaBundle } from '../server/src/schemaBundle';
import { SchemaValidator } from '../server/src/service/schema/schemaValidator';
import { LspSession } from '../test/protocol/lspClient';
import { SERVER_ARGS } from './protocol';
import { summarize, Timing } from './stats';

/*
 * What bundling OpenClaw's schemas costs: their bytes in the .vsix, reading and compiling one release's
 * schema in a fresh process (the newest and the oldest bundled), and how much later the first
 * diagnostics arrive over the protocol because of it, against the extension's own schema (a version
 * older than the bundle) on the same file.
 */

const REPO_ROOT = join(__dirname, '..');
const SCHEMAS_IN_VSIX = 'extension/server/schemas/';
/** A release older than every bundled one: the extension's own schema serves it. */
const BEFORE_THE_BUNDLE = '2026.3.24';
const LOAD_RUNS = 7;
const START_RUNS = 7;

export interface SchemaLoadFigures {
  release: string;
  /** SchemaBundle.load: streams read and decompressed, subtrees put together, parsed. */
  load: Timing;
  /** new SchemaValidator: embedded refs made absolute, printed-schema quirks corrected. */
  compile: Timing;
}

export interface SchemaStartFigures {
  /** Spawn → initialize → didOpen → first publishDiagnostics, checked with the bundled schema of the newest release. */
  withBundle: Timing;
  /** The same with the extension's own schema (openclaw.version before the bundle). */
  withOwnSchema: Timing;
}

export interface SchemaFigures {
  /** Bytes of server/schemas/* in the .vsix (as stored, and uncompressed), when it was built. */
  vsix: { stored: number; files: number } | undefined;
  loads: SchemaLoadFigures[];
  start: SchemaStartFigures;
}

/** Load and compile, each run in a fresh Node process (cold: nothing cached, nothing compiled by V8 yet). */
export function measureSchemaLoads(): SchemaLoadFigures[] {
  const bundle = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;
  const releases = bundle.releases();
  return [releases.at(-1)!, releases[0]!].map((release) => {
    const samples = Array.from({ length: LOAD_RUNS }, () => {
      const output = execFileSync(process.execPath, ['-r', 'tsx/cjs', __filename, '--load', release], { cwd: REPO_ROOT, encoding: 'utf8' });
      return JSON.parse(output) as { load: number; compile: number };
    });
    return { release, load: summarize(samples.map((sample) => sample.load)), compile: summarize(samples.map((sample) => sample.compile)) };
  });
}

/** First diagnostics on the reference configuration, bundled schema and own schema alternating. */
export async function measureSchemaStart(): Promise<SchemaStartFigures> {
  const text = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'reference.json'), 'utf8');
  const firstDiagnostics = async (settings: Record<string, unknown>) => {
    const started = performance.now();
    const session = new LspSession({ settings: { catalog: { live: false }, ...settings }, serverArgs: SERVER_ARGS });
    try {
      await session.initialize();
      await session.open('file:///bench/schemas/openclaw.json', text);
      return performance.now() - started;
    } finally {
      await session.shutdown();
    }
  };
  const withBundle: number[] = [];
  const withOwnSchema: number[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    withBundle.push(await firstDiagnostics({}));
    withOwnSchema.push(await firstDiagnostics({ version: BEFORE_THE_BUNDLE }));
  }
  return { withBundle: summarize(withBundle), withOwnSchema: summarize(withOwnSchema) };
}

/** The schemas' entries in a .vsix (a zip): read from its central directory. */
export function schemasInVsix(vsixPath: string): { stored: number; files: number } {
  const zip = readFileSync(vsixPath);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${vsixPath} is not a zip file`);
  let offset = zip.readUInt32LE(end + 16);
  const entries = zip.readUInt16LE(end + 10);
  let stored = 0;
  let files = 0;
  for (let entry = 0; entry < entries; entry++) {
    const compressed = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (name.startsWith(SCHEMAS_IN_VSIX)) {
      stored += compressed;
      files++;
    }
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { stored, files };
}

// In a child process: one cold load and compile, printed as JSON.
if (require.main === module && process.argv[2] === '--load') {
  const release = process.argv[3]!;
  const bundle = SchemaBundle.beside(join(REPO_ROOT, 'server', 'src'))!;
  const started = performance.now();
  const schema = bundle.load(release);
  const loaded = performance.now();
  new SchemaValidator(schema, release);
  process.stdout.write(JSON.stringify({ load: loaded - started, compile: performance.now() - loaded }));
}
