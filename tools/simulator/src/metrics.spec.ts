import { gini, meanCI, median, percentile } from './metrics';

describe('metrics helpers', () => {
  it('percentile interpolates between order statistics (R type 7)', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 0.9)).toBeCloseTo(4.6, 10);
    expect(percentile([10], 0.9)).toBe(10);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });

  it('Gini is 0 for equal loads, (n-1)/n when one volunteer takes everything, and ignores order', () => {
    expect(gini([3, 3, 3, 3])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([0, 0, 0, 8])).toBeCloseTo(0.75, 10);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(gini([4, 1, 3, 2]), 12);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 10);
  });

  it('meanCI: t-interval across seeds, degenerate with one seed, skips missing values', () => {
    expect(meanCI([2])).toEqual({ mean: 2, lo: 2, hi: 2, n: 1 });
    const e = meanCI([1, 2, 3, 4, 5]);
    expect(e?.mean).toBe(3);
    expect(e?.hi).toBeCloseTo(3 + (2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 6);
    expect(meanCI([NaN, 4, 6])?.n).toBe(2);
    expect(meanCI([NaN])).toBeNull();
  });
});
