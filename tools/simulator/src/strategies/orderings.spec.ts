// The baseline orderings: fixed sheet (Nairobi first, joining order), nearest first by road time, local
// first (same county, then road time); and the policy variants feeding them to decide().
import { roleNeedsFor, type RoleNeed } from '@haki/matching-core';
import { Sim } from '../engine';
import { buildWorld } from '../scenario';
import { fixedList, localList, nearestList, orderingLists } from './phone';
import { makeStrategy } from '.';

const world = buildWorld({ scenario: 'baseline', seeds: [3], referrals: 120, roster: { size: 80 } }, 3);
const sim = () => new Sim({ seed: 3, volunteers: world.volunteers, referrals: world.referrals, trips: world.trips });
const advocate = roleNeedsFor('legal-aid')[0] as RoleNeed;
const rural = world.referrals.find((r) => r.countyClass === 'rural' && r.county !== 47) ?? world.referrals[0]!;

describe('baseline orderings', () => {
  const s = sim();

  it('fixed list: everyone with the role, Nairobi first, then joining order; same for every referral', () => {
    const list = fixedList(s, advocate);
    const advocates = world.volunteers.filter((v) => v.professional.roles.includes('advocate'));
    expect(new Set(list)).toEqual(new Set(advocates.map((v) => v.index)));
    const firstOutside = list.findIndex((v) => world.volunteers[v]!.county !== 47);
    expect(list.slice(firstOutside).every((v) => world.volunteers[v]!.county !== 47)).toBe(true);
    expect(list.slice(0, firstOutside)).toEqual([...list.slice(0, firstOutside)].sort((a, b) => a - b));
  });

  it('nearest first: non-decreasing road minutes to the site', () => {
    const list = nearestList(s, rural, advocate);
    const minutes = list.map((v) => s.trip(v, rural).minutes);
    for (let i = 1; i < minutes.length; i++) expect(minutes[i]).toBeGreaterThanOrEqual(minutes[i - 1]!);
    expect(list).toHaveLength(fixedList(s, advocate).length);
  });

  it('local first: same county first (by road time), then everyone else by road time', () => {
    const hub = world.referrals.find((r) => r.county === 42) ?? world.referrals.find((r) => r.county === 1)!; // Kisumu or Mombasa
    const list = localList(s, hub, advocate);
    const local = list.filter((v) => world.volunteers[v]!.county === hub.county);
    expect(local.length).toBeGreaterThan(0);
    expect(list.slice(0, local.length)).toEqual(local);
    const rest = list.slice(local.length);
    for (let i = 1; i < rest.length; i++) expect(s.trip(rest[i]!, hub).minutes).toBeGreaterThanOrEqual(s.trip(rest[i - 1]!, hub).minutes);
    expect(orderingLists(s, 'local')(hub, advocate)).toEqual(list);
  });
});

describe('policy variants', () => {
  it('run decide() with the ordering: every referral settles, and unfilled required roles escalate to ops', () => {
    const s = sim();
    const result = s.run(makeStrategy('nearest-policy', s));
    expect(result.outcomes.every((o) => o.done)).toBe(true);
    expect(result.outcomes.some((o) => o.escalated)).toBe(true);
  });
});
