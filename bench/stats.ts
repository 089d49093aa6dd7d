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
