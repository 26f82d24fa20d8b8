import type { ReferralOutcome } from './engine';
import { gini, meanCI, median, onSiteAt, outcomeMetrics, pairedDifference, percentile } from './metrics';

const HOUR = 3_600_000;

/** An outcome submitted at 0 with a deadline at `deadlineH`; arrival / remote start in hours, null = unmatched. */
function outcome(
  deadlineH: number,
  arrivalH: number | null,
  opts: { remoteStartH?: number; remoteStartAllowed?: boolean; county?: number } = {},
): ReferralOutcome {
  const matched = arrivalH !== null;
  const o: ReferralOutcome = {
    index: 0,
    county: opts.county ?? 1,
    countyClass: 'rural',
    serviceType: 'legal-aid',
    urgency: 'urgent',
    submittedAt: 0,
    deadlineAt: deadlineH * HOUR,
    remoteStartAllowed: opts.remoteStartAllowed ?? false,
    matched,
    volunteer: matched ? 0 : null,
    acceptAt: matched ? 0 : null,
    startAt: null,
    arrivalAt: matched ? arrivalH * HOUR : null,
    remoteStartAt: opts.remoteStartH === undefined ? null : opts.remoteStartH * HOUR,
    deadlineMet: false,
    escalated: false,
    byOps: false,
    optionalRoles: 0,
    optionalFilled: 0,
    approaches: 1,
    team: matched ? [0] : [],
    done: true,
  };
  return o;
}

describe('metrics helpers', () => {
  it('percentile interpolates between order statistics (R type 7)', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 0.9)).toBeCloseTo(4.6, 10);
    expect(percentile([10], 0.9)).toBe(10);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(Number.isNaN(percentile([], 0.5))).toBe(true);
  });

  it('percentiles treat +∞ (never arrived) as later than anything', () => {
    expect(median([1, 2, Infinity])).toBe(2);
    expect(median([1, Infinity, Infinity])).toBe(Infinity);
    expect(median([1, 3, Infinity, Infinity])).toBe(Infinity); // between 3 and ∞
    expect(percentile([1, 2, 3, 4, Infinity], 0.75)).toBe(4);
    expect(percentile([1, 2, 3, 4, Infinity], 0.9)).toBe(Infinity);
  });

  it('Gini is 0 for equal loads, (n-1)/n when one volunteer takes everything, and ignores order', () => {
    expect(gini([3, 3, 3, 3])).toBe(0);
    expect(gini([0, 0, 0])).toBe(0);
    expect(gini([0, 0, 0, 8])).toBeCloseTo(0.75, 10);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(gini([4, 1, 3, 2]), 12);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 10);
  });

  it('meanCI: t-interval across seeds, degenerate with one seed, skips NaN, flags ∞', () => {
    expect(meanCI([2])).toEqual({ mean: 2, lo: 2, hi: 2, n: 1 });
    const e = meanCI([1, 2, 3, 4, 5]);
    expect(e?.mean).toBe(3);
    expect(e?.hi).toBeCloseTo(3 + (2.776 * Math.sqrt(2.5)) / Math.sqrt(5), 6);
    expect(meanCI([NaN, 4, 6])?.n).toBe(2);
    expect(meanCI([NaN])).toBeNull();
    expect(meanCI([3, Infinity, 4])).toMatchObject({ mean: Infinity, infinite: 1, n: 3 });
  });

  it('paired differences: per seed a − b, t-interval of the mean difference', () => {
    const d = pairedDifference([0.9, 0.8, 0.85], [0.7, 0.75, 0.7]);
    expect(d?.perSeed.map((x) => Math.round(x * 100) / 100)).toEqual([0.2, 0.05, 0.15]);
    expect(d?.mean).toBeCloseTo(0.4 / 3, 10);
    expect(d!.lo).toBeLessThan(d!.mean);
    expect(() => pairedDifference([1], [1, 2])).toThrow(/UNPAIRED/);
  });
});

describe('metrics over ALL referrals', () => {
  it('unmatched referrals never arrive: in every denominator, ∞ in percentiles, never on time', () => {
    const os = [outcome(24, 2), outcome(24, 5), outcome(24, null), outcome(24, null)];
    const m = outcomeMetrics(os, 1);
    expect(onSiteAt(os[2]!)).toBe(Infinity);
    expect(m.referrals).toBe(4);
    expect(m.unmatched).toBe(0.5);
    expect(m.within6h).toBe(0.5);
    expect(m.deadlineMet).toBe(0.5);
    expect(m.medianSiteH).toBe(Infinity); // half never arrived: the median is among them
    expect(m.p90SiteH).toBe(Infinity);
    expect(m.cappedMedianSiteH).toBe((5 + 72) / 2);
    expect(m.medianAcceptH).toBe(Infinity);
  });

  it('an arrival after the deadline is late, not met: deadlines met ≠ 1 − unmatched', () => {
    const os = [outcome(12, 3), outcome(12, 13), outcome(12, 30), outcome(12, null)];
    const m = outcomeMetrics(os, 1);
    expect(m.deadlineMet).toBe(0.25);
    expect(m.late).toBe(0.5);
    expect(m.unmatched).toBe(0.25);
    expect(m.deadlineMet + m.late + m.unmatched).toBe(1);
    expect(m.within12h).toBe(0.25);
    expect(m.within24h).toBe(0.5);
  });

  it('a phone start counts as on site only where the role accepts a remote start', () => {
    const allowed = outcome(12, 20, { remoteStartH: 0.5, remoteStartAllowed: true });
    const notAllowed = outcome(12, 20, { remoteStartH: 0.5, remoteStartAllowed: false });
    const notCapable = outcome(12, 20, { remoteStartAllowed: true });
    expect(onSiteAt(allowed)).toBe(0.5 * HOUR);
    expect(onSiteAt(notAllowed)).toBe(20 * HOUR);
    expect(onSiteAt(notCapable)).toBe(20 * HOUR);
    const m = outcomeMetrics([allowed, notAllowed, notCapable], 1);
    expect(m.deadlineMet).toBeCloseTo(1 / 3, 10);
    expect(m.late).toBeCloseTo(2 / 3, 10);
  });
});
