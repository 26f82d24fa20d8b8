// Seeded randomness. Nothing in the simulator calls Math.random: every draw comes from here, so a seed
// fixes the whole run.
//
// Two kinds of draw:
// - `Rng` (mulberry32): a sequential stream, used by the generators (roster, referrals) where the order
//   of draws is fixed by the code.
// - `hashUniform(seed, ...keys)`: a counter-based draw keyed by what it is about (referral, volunteer,
//   attempt). The behaviour model uses it, so the same volunteer answers the same offer of the same
//   referral the same way under every strategy ("common random numbers"): differences between
//   strategies come from the strategies, not from luck.

/** 32-bit integer mix (murmur3 finaliser). */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Stable 32-bit hash of a label (FNV-1a), for naming independent streams. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A seed for an independent stream derived from a run seed and a label. */
export const deriveSeed = (seed: number, label: string): number => mix32((seed >>> 0) ^ mix32(hashString(label)));

/** Uniform in [0, 1) determined only by the keys (integers; non-integers are truncated). */
export function hashUniform(seed: number, ...keys: number[]): number {
  let h = mix32((seed >>> 0) ^ 0x9e3779b9);
  for (const k of keys) h = mix32(h ^ mix32((k | 0) + 0x7f4a7c15));
  return h / 4_294_967_296;
}

/** Standard normal from two keyed uniforms (Box–Muller). */
export function hashNormal(seed: number, ...keys: number[]): number {
  const u1 = hashUniform(seed, ...keys, 1);
  const u2 = hashUniform(seed, ...keys, 2);
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

export class Rng {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }

  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('SIMULATOR.PICK_EMPTY');
    return xs[this.int(xs.length)] as T;
  }

  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  /** Index drawn with probability proportional to weights[i] (weights ≥ 0, sum > 0). */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] as number;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }
}
