import { deriveSeed, hashUniform, Rng } from './random';

describe('seeded randomness', () => {
  it('same seed → same stream; different seed → different stream', () => {
    const a = new Rng(42),
      b = new Rng(42),
      c = new Rng(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keyed draws depend only on their keys', () => {
    expect(hashUniform(1, 5, 7, 3)).toBe(hashUniform(1, 5, 7, 3));
    expect(hashUniform(1, 5, 7, 3)).not.toBe(hashUniform(1, 7, 5, 3));
    expect(deriveSeed(1, 'roster')).not.toBe(deriveSeed(1, 'referrals'));
    const draws = Array.from({ length: 2000 }, (_, i) => hashUniform(9, i));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
