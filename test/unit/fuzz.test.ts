import * as assert from 'assert';
import { mkdirSync, rmSync, writeFileSync } from 'fs';
import { availableParallelism } from 'os';
import { join } from 'path';
import { Worker } from 'worker_threads';
import {
  DOCUMENT_BOUND_MS,
  describeFailure,
  fuzzScratchRoot,
  HANG_MS,
  PROPERTIES,
  PropertyResult,
  PropertySpec,
  readWatch,
  runProperty,
  seedFor,
  WATCH_BYTES,
  WorkerJob,
  WorkerReply,
} from '../fuzz/harness';
import { REPO_ROOT } from '../helpers';

/*
 * Fuzzing: tens of thousands of random and mutated documents through every feature of the language
 * service (and the parser on its own). For every document: no exception, the whole round of features
 * under DOCUMENT_BOUND_MS, every range inside the document it names, every edit applies (no overlaps)
 * and keeps a cleanly parsing file parsing cleanly. The generators, the round and the checks are in
 * test/fuzz/harness.ts.
 *
 * Each property runs in a worker thread, two at a time on this kind of machine; a watchdog stops a
 * worker whose current document runs longer than HANG_MS (a hang in synchronous code would otherwise
 * stall mocha forever) and reports that document. A property reports every distinct failure it met,
 * each shrunk by fast-check (replaying the failing run) and then reduced around the failing call.
 *
 *   FUZZ_SEED=<int>     another seed (default fixed: runs are deterministic)
 *   FUZZ_RUNS=<number>  a multiplier of each property's number of cases (default 1; 0.1 for a smoke run, 10 for a long one)
 *   FUZZ_WORKERS=<n>    properties run in parallel; 0 runs them in this thread (no watchdog)
 *
 * Full reports of failures go to test-output/fuzz/.
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20260906;
const SCALE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;
const WORKERS =
  process.env.FUZZ_WORKERS !== undefined ? Number(process.env.FUZZ_WORKERS) : Math.max(1, Math.min(2, availableParallelism()));

type Outcome =
  | { kind: 'done'; result: PropertyResult }
  | { kind: 'error'; message: string; stack?: string }
  | { kind: 'hang'; ms: number; input: string };

/**
 * Runs the properties on `size` worker threads, the costliest first, each worker taking the next when
 * it is done. A watchdog stops a worker whose current case runs longer than HANG_MS, reports a hang
 * for its property and starts a new worker for the rest.
 */
function startPool(specs: PropertySpec[], size: number): { outcomes: Map<string, Promise<Outcome>>; stop(): void } {
  const resolvers = new Map<string, (outcome: Outcome) => void>();
  const outcomes = new Map<string, Promise<Outcome>>();
  for (const spec of specs) outcomes.set(spec.name, new Promise<Outcome>((resolve) => resolvers.set(spec.name, resolve)));
  const queue = [...specs].sort((a, b) => b.cost - a.cost);
  const lanes = new Set<{ worker: Worker; watchdog: NodeJS.Timeout }>();

  const lane = () => {
    const next = queue.shift();
    if (!next) return;
    const shared = new SharedArrayBuffer(WATCH_BYTES);
    const worker = new Worker(
      `require('tsx/cjs'); require(${JSON.stringify(join(REPO_ROOT, 'test', 'fuzz', 'harness.ts'))}).workerMain();`,
      { eval: true, workerData: { shared } },
    );
    let current: PropertySpec | undefined;
    let stopped = false;
    const send = (spec: PropertySpec | undefined) => {
      current = spec;
      if (spec) worker.postMessage({ name: spec.name, seed: seedFor(SEED, spec.name), scale: SCALE } satisfies WorkerJob);
      else stop();
    };
    const settle = (outcome: Outcome) => {
      const spec = current;
      current = undefined;
      if (spec) resolvers.get(spec.name)!(outcome);
    };
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearInterval(entry.watchdog);
      lanes.delete(entry);
      void worker.terminate();
    };
    const entry = {
      worker,
      watchdog: setInterval(() => {
        const { busyMs, input } = readWatch(shared);
        if (current && busyMs > HANG_MS) {
          settle({ kind: 'hang', ms: busyMs, input });
          stop();
          lane();
        }
      }, 250),
    };
    lanes.add(entry);
    worker.on('message', (reply: WorkerReply) => {
      settle(
        reply.kind === 'done' ? { kind: 'done', result: reply.result } : { kind: 'error', message: reply.message, stack: reply.stack },
      );
      send(queue.shift());
    });
    const broken = (message: string, stack?: string) => {
      if (stopped) return;
      settle({ kind: 'error', message, stack });
      stop();
      lane();
    };
    worker.on('error', (error) => broken(error.message, error.stack));
    worker.on('exit', (code) => broken(`the worker exited with code ${code} before reporting`));
    send(next);
  };
  for (let i = 0; i < size; i++) lane();
  return {
    outcomes,
    stop: () => {
      for (const { worker, watchdog } of lanes) {
        clearInterval(watchdog);
        void worker.terminate();
      }
    },
  };
}

function inline(spec: PropertySpec): Promise<Outcome> {
  return Promise.resolve({ kind: 'done', result: runProperty(spec, seedFor(SEED, spec.name), SCALE) });
}

describe('fuzz: random and mutated documents through every feature', function () {
  this.timeout(15 * 60_000);
  let pool: ReturnType<typeof startPool> | undefined;
  const totals = { cases: 0, documents: 0, calls: 0, slowestMs: 0, slowest: '' };

  before(() => {
    pool = WORKERS > 0 ? startPool(PROPERTIES, WORKERS) : undefined;
  });

  after(() => {
    pool?.stop();
    // The files of the properties that run on disk.
    rmSync(fuzzScratchRoot(), { recursive: true, force: true });
    console.log(
      `      fuzz total: ${totals.documents} documents in ${totals.cases} cases, ${totals.calls} feature calls; slowest document ${totals.slowestMs.toFixed(1)} ms (${totals.slowest}); seed ${SEED}, runs ×${SCALE}`,
    );
  });

  for (const spec of PROPERTIES) {
    it(spec.name, async () => {
      const outcome = await (pool?.outcomes.get(spec.name) ?? inline(spec));
      if (outcome.kind === 'hang') {
        assert.fail(
          `A document ran for more than ${HANG_MS} ms (${outcome.ms} ms when stopped): a hang. Its files (JSON):\n${outcome.input.slice(0, 20_000)}`,
        );
      }
      if (outcome.kind === 'error') assert.fail(`The fuzz worker failed: ${outcome.message}\n${outcome.stack ?? ''}`);
      const { result } = outcome;
      totals.cases += result.cases;
      totals.documents += result.documents;
      totals.calls += result.calls;
      if (result.slowest.ms > totals.slowestMs) {
        totals.slowestMs = result.slowest.ms;
        totals.slowest = `${spec.name}: ${result.slowest.length} characters, ${result.slowest.slowestFeature} ${result.slowest.slowestFeatureMs.toFixed(1)} ms`;
      }
      console.log(
        `      ${result.documents} documents (${result.cases} cases, ${result.calls} calls) in ${(result.collectMs / 1000).toFixed(1)} s (${(result.ms / 1000).toFixed(1)} s with shrinking); slowest document ${result.slowest.ms.toFixed(1)} ms ` +
          `(${result.slowest.length} characters, slowest feature ${result.slowest.slowestFeature} ${result.slowest.slowestFeatureMs.toFixed(1)} ms)` +
          `${result.retried ? `; ${result.retried} over ${DOCUMENT_BOUND_MS} ms timed again` : ''}; seed ${result.seed}`,
      );
      if (result.failures.length > 0) {
        const dir = join(REPO_ROOT, 'test-output', 'fuzz');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${spec.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.json`);
        writeFileSync(file, JSON.stringify(result.failures, null, 2));
        assert.fail(
          `${result.failures.length} distinct failure(s) (full report: ${file}):\n\n${result.failures.map(describeFailure).join('\n\n')}`,
        );
      }
    });
  }
});
