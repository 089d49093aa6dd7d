import { benchDocuments } from './documents';
import { measureBaselines, measureService } from './inProcess';

/*
 * One document's in-process figures, in a process of its own (bench/run.ts starts it from its
 * bundle, bench/out/inProcessWorker.js): the language service as esbuild compiles it for the server,
 * not as tsx transforms it, and a heap that holds that document alone, as a server with one file
 * open does. The previous documents' trees would otherwise be marked by every collection.
 * Prints { service, baseline } as JSON.
 */

async function main(): Promise<void> {
  const name = process.argv[2];
  const document = benchDocuments().find((candidate) => candidate.name === name);
  if (!document) throw new Error(`No benchmark document named ${name}`);
  const service = measureService(document);
  const baseline = await measureBaselines(document.jsonText);
  process.stdout.write(JSON.stringify({ service, baseline }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
