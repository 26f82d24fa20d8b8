/**
 * Edits (insert, delete, substitute, or swap two neighbouring letters) between two words: the
 * optimal-string-alignment distance. A swap counts as one edit because it is the commonest slip on a
 * phone keypad ("TRUKANA"). Twenty lines are cheaper than a dependency for words this short.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * How many slips a typed word of this length may carry and still name something: none for very short
 * words (too many near-misses among common words), one up to five letters, two beyond.
 */
export const allowedSlips = (length: number): number => (length < 4 ? 0 : length <= 5 ? 1 : 2);
