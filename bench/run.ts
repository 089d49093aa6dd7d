import { execFileSync } from 'child_process';
import { buildSync } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import { cpus, loadavg } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { NEWEST_KNOWN_VERSION } from '../server/src/service/config/openclawVersions';
import { SERVER_EXEC_ARGV } from '../server/src/protocol';
import { measureAdversarial } from './adversarial';
import { measureDiscovery } from './catalog';
import { measureCompare } from './compare';
import { BenchDocument, benchDocuments } from './documents';
import { measurePackageSize, readActivationTime, VSIX_PATH } from './extension';
import { BaselineFigures, IN_PROCESS_PROCESSES, ServiceFigures } from './inProcess';
import { measureProtocol, protocolRunsFor, writeCodeCache } from './protocol';
import { DocumentResult, InProcessResult, renderInProcessReport, renderReport } from './report';
import { measureSchemaLoads, measureSchemaStart, schemasInVsix } from './schemas';
import { combineProcesses } from './stats';

/*
 * `npm run bench`: the figures, side by side with JSON.parse and vscode-json-languageservice, and
 * which targets are met. Not a test: it asserts nothing. The table goes to stdout and to
 * bench/results.md; progress goes to stderr. `npm run bench -- --in-process`: only the in-process
 * figures (the language service called directly) and their targets, to stdout: a minute, not ten.
 */

const RESULTS_PATH = join(__dirname, 'results.md');

const WORKER_BUNDLE = join(__dirname, 'out', 'inProcessWorker.js');

/**
 * Bundles bench/inProcessWorker.ts as the server is bundled (esbuild, node20), so that the in-process figures
 * time the code that ships. Its modules look for the repository from bench/: __dirname is that folder.
 */
function buildInProcessWorker(): void {
  buildSync({
    entryPoints: [join(__dirname, 'inProcessWorker.ts')],
    outfile: WORKER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // vscode-json-languageservice's UMD build requires its modules at run time: its ES modules bundle.
    mainFields: ['module', 'main'],
    define: { __dirname: JSON.stringify(__dirname) },
    logLevel: 'warning',
  });
}

/** A document's in-process figures and its baselines, each process measuring both (bench/inProcessWorker.ts). */
function measureInProcess(document: BenchDocument): InProcessResult {
  progress(`${document.name}: in-process (${IN_PROCESS_PROCESSES} processes)`);
  const results = Array.from({ length: IN_PROCESS_PROCESSES }, () => {
    const output = execFileSync(process.execPath, [...SERVER_EXEC_ARGV, WORKER_BUNDLE, document.name], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    return JSON.parse(output) as { service: ServiceFigures; baseline: BaselineFigures };
  });
  const { service, baseline } = combineProcesses(results);
  return { document, service, baseline };
}

async function inProcessOnly(): Promise<void> {
  buildInProcessWorker();
  const documents = benchDocuments().map(measureInProcess);
  process.stdout.write(`${renderInProcessReport(documents, NEWEST_KNOWN_VERSION, machine())}\n`);
}

function machine(): string {
  return `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const documents: DocumentResult[] = [];
  buildInProcessWorker();
  await writeCodeCache(benchDocuments()[0]!.text);
  for (const document of benchDocuments()) {
    const inProcess = measureInProcess(document);
    progress(`${document.name}: over the protocol`);
    const protocol = await measureProtocol(document, protocolRunsFor(document.text.length));
    documents.push({ ...inProcess, protocol });
  }
  progress('adversarial inputs over the protocol');
  const adversarial = await measureAdversarial();
  progress('catalog discovery against the fake Bedrock');
  const discovery = await measureDiscovery();
  progress('Compare Models against the fake Bedrock');
  const compare = await measureCompare();
  progress('bundled schemas: cold load and compile, first diagnostics with and without them');
  const schemaLoads = measureSchemaLoads();
  const schemaStart = await measureSchemaStart();
  progress('npm run package');
  const packageBytes = measurePackageSize();
  const schemas = { vsix: 'value' in packageBytes ? schemasInVsix(VSIX_PATH) : undefined, loads: schemaLoads, start: schemaStart };

  const report = renderReport({
    documents,
    adversarial,
    discovery,
    compare,
    packageBytes,
    schemas,
    activationMs: readActivationTime(),
    machine: machine(),
    // Other work on the machine shows in the p95s (and the medians): worth knowing when comparing runs.
    load: `${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end`,
    schemaVersion: NEWEST_KNOWN_VERSION,
    durationMs: performance.now() - started,
  });
  process.stdout.write(report);
  writeFileSync(RESULTS_PATH, `${report}${keptNotes()}`);
  progress(`written to ${RESULTS_PATH}`);
}

/** Written by hand below the figures (what profiles showed): kept when the figures are rewritten. */
const NOTES_HEADING = '## Profiles (issue 19)';

function keptNotes(): string {
  const previous = existsSync(RESULTS_PATH) ? readFileSync(RESULTS_PATH, 'utf8') : '';
  const at = previous.indexOf(NOTES_HEADING);
  return at < 0 ? '' : `\n${previous.slice(at)}`;
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

(process.argv.includes('--in-process') ? inProcessOnly() : main()).catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
