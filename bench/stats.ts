import { performance } from 'perf_hooks';

/** Milliseconds over a number of runs. */
export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export function summarize(samples: number[]): Timing {
  if (samples.length === 0) throw new Error('No samples');
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  const percentile = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return { median: percentile(50), p95: percentile(95), runs: sorted.length };
}

/** How many runs a document of this size gets: hundreds for small ones, a few dozen at 1 MB. */
export function runsFor(bytes: number): number {
  if (bytes < 50_000) return 300;
  if (bytes < 500_000) return 100;
  return 30;
}

/** Runs of a cheap request on an analysed document (completion, hover): more, for a steadier p95. */
export function warmRunsFor(bytes: number): number {
  return Math.max(runsFor(bytes), 100);
}

/**
 * Times `measured` over `runs` runs after `warmup` untimed ones (JIT, caches that live as long as
 * the server does). `prepare` builds each run's input outside the timed part.
 */
export function timeSync<T>(runs: number, prepare: (run: number) => T, measured: (input: T) => unknown, warmup = 3): Timing {
  const samples: number[] = [];
  for (let run = 0; run < warmup + runs; run++) {
    const input = prepare(run);
    const start = performance.now();
    measured(input);
    const elapsed = performance.now() - start;
    if (run >= warmup) samples.push(elapsed);
  }
  return summarize(samples);
}

export async function timeAsync<T>(
  runs: number,
  prepare: (run: number) => T,
  measured: (input: T) => Promise<unknown>,
  warmup = 3,
): Promise<Timing> {
  const samples: number[] = [];
  for (let run = 0; run < warmup + runs; run++) {
    const input = prepare(run);
    const start = performance.now();
    await measured(input);
    const elapsed = performance.now() - start;
    if (run >= warmup) samples.push(elapsed);
  }
  return summarize(samples);
}

/**
 * The figures of several processes measuring the same thing, as one: each timing's median and p95 are
 * the middle ones of the processes' (runs add up); anything else (counts, titles) is the first's. A
 * process's figures can sit apart from the next one's as a whole, for our pass and the JSON language
 * service alike (bench/results.md, "Fourth pass"), which one process per document would take for the
 * code's speed.
 */
export function combineProcesses<T>(results: T[]): T {
  const first = results[0];
  if (isTiming(first)) {
    const timings = results as Timing[];
    const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    return {
      median: middle(timings.map((timing) => timing.median)),
      p95: middle(timings.map((timing) => timing.p95)),
      runs: timings.reduce((sum, timing) => sum + timing.runs, 0),
    } as T;
  }
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first as T;
  const combined: Record<string, unknown> = {};
  for (const key of Object.keys(first)) combined[key] = combineProcesses(results.map((result) => (result as Record<string, unknown>)[key]));
  return combined as T;
}

function isTiming(value: unknown): value is Timing {
  return typeof value === 'object' && value !== null && 'median' in value && 'p95' in value && 'runs' in value;
}
