/** Words longer than this get no suggestion: no id is, and two 100,000-character ids took minutes to compare. */
const MAX_WORD_LENGTH = 160;
/**
 * Candidates compared per word, at most: a hint for each of 4,000 references among 4,000 models took
 * a minute. Beyond it a typo may go without its hint.
 */
const MAX_COMPARED = 200;

/** Comparisons left to a series of lookups (one pass of diagnostics): past them, no more hints. */
export interface CompareBudget {
  left: number;
}

/**
 * The candidate closest to `word` by edit distance (case-insensitive), if it is close enough to be a
 * typo. `budget`: comparisons shared with other lookups, taken from as candidates are compared.
 */
export function closestMatch(
  word: string,
  candidates: Iterable<string>,
  budget: CompareBudget = { left: MAX_COMPARED },
): string | undefined {
  if (word.length > MAX_WORD_LENGTH) return undefined;
  const wanted = word.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  let compared = 0;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - wanted.length) > limit) continue;
    if (++compared > MAX_COMPARED || budget.left-- <= 0) break;
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Every candidate at the smallest edit distance from `word` (case-insensitive), if close enough to be a
 * typo: one is a fix, several only a hint. Same limits as closestMatch.
 */
export function closestMatches(word: string, candidates: Iterable<string>, budget: CompareBudget = { left: MAX_COMPARED }): string[] {
  if (word.length > MAX_WORD_LENGTH) return [];
  const wanted = word.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: string[] = [];
  let bestDistance = limit;
  let compared = 0;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - wanted.length) > limit) continue;
    if (++compared > MAX_COMPARED || budget.left-- <= 0) break;
    const distance = editDistance(wanted, candidate.toLowerCase(), bestDistance + 1);
    if (distance < bestDistance) {
      best = [candidate];
      bestDistance = distance;
    } else if (distance === bestDistance) {
      best.push(candidate);
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `ceiling`) once it cannot be below it. */
function editDistance(a: string, b: string, ceiling: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= ceiling) return ceiling;
    previous = current;
  }
  return previous[b.length]!;
}
