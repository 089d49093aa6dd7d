import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/*
 * Temporary folders for tests, removed by the suite's own hooks whether its tests pass or fail.
 * `npm test` also checks that nothing is left behind (test/rootHooks.ts).
 */

/**
 * Call in a `describe`: a function that makes a new folder `<tmp>/<prefix>XXXXXX`, removed after the
 * test that made it (`per: 'test'`) or after the suite (`per: 'suite'`, for folders made in `before`).
 */
export function scratchFolders(prefix: string, per: 'test' | 'suite' = 'test'): () => string {
  const made: string[] = [];
  const removeAll = () => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  if (per === 'test') afterEach(removeAll);
  else after(removeAll);
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}
