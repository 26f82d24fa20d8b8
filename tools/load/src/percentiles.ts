/** Nearest-rank percentile (p in 0..100) of a sample, in its own unit; undefined for an empty sample. */
export function percentile(sample: readonly number[], p: number): number | undefined {
  if (sample.length === 0) return undefined;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
