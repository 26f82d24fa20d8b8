import { leaveKeepsAway } from './leave';

const NOW = Date.parse('2026-12-03T09:00:00+03:00');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('whether leave keeps a professional from a referral', () => {
  it('does not when they are not on leave now', () => {
    expect(leaveKeepsAway([], NOW, NOW + HOUR)).toBe(false);
    expect(leaveKeepsAway([{ from: iso(NOW + HOUR), to: iso(NOW + 48 * HOUR) }], NOW, NOW + 2 * HOUR)).toBe(false);
  });

  it('does not when the leave ends before the deadline (it is part of the wait), and does when it ends after', () => {
    const twoHours = [{ from: iso(NOW - HOUR), to: iso(NOW + 2 * HOUR) }];
    expect(leaveKeepsAway(twoHours, NOW, NOW + 6 * HOUR)).toBe(false);
    expect(leaveKeepsAway(twoHours, NOW, NOW + HOUR)).toBe(true);
    expect(leaveKeepsAway(twoHours, NOW)).toBe(false); // no deadline: waited out
  });

  it('counts back-to-back entries as one leave', () => {
    const days = [
      { from: iso(NOW - HOUR), to: iso(NOW + 10 * HOUR) },
      { from: iso(NOW + 10 * HOUR), to: iso(NOW + 34 * HOUR) },
    ];
    expect(leaveKeepsAway(days, NOW, NOW + 24 * HOUR)).toBe(true);
    expect(leaveKeepsAway(days, NOW, NOW + 48 * HOUR)).toBe(false);
  });
});
