// Bounded edit distance for typo tolerance on short words (commune names, sigles).

/**
 * Damerau–Levenshtein distance (adjacent swaps count as one edit), giving up early once
 * it exceeds `max`: returns `max + 1` in that case. `editDistance("clamcy", "clamecy", 2)` → 1.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      }
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previousPrevious = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}

/**
 * The known identifier closest to a mistyped one, when near enough to be a typo (a quarter of its
 * length, two edits at least); the first listed wins a tie. Used by the reference checks and
 * `kb verifier`. `closestIdentifier("ssiad-clamcy", ids)` → `ssiad-clamecy`.
 */
export function closestIdentifier(typed: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(typed.length / 4)) + 1;
  for (const candidate of known) {
    const distance = editDistance(typed, candidate, bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/** How many typos to forgive in a word of this length: none below 5 letters, one up to 7, two beyond. */
export function typoBudget(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}
