import { percentile } from './percentiles';

describe('percentile (nearest rank)', () => {
  it('gives the median and the tail of a sample in any order', () => {
    const sample = [9, 1, 5, 3, 7, 2, 8, 4, 6, 10];
    expect(percentile(sample, 50)).toBe(5);
    expect(percentile(sample, 90)).toBe(9);
    expect(percentile(sample, 99)).toBe(10);
    expect(percentile(sample, 0)).toBe(1);
  });

  it('has nothing to say about an empty sample', () => {
    expect(percentile([], 50)).toBeUndefined();
  });
});
