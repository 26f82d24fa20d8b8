// A coordinator phoning down a list, one call at a time, on the shared coordinators' desk. Used by the
// phone strategies (fixed sheet = today's practice, nearest first, local first) and by ops after the
// offer policy escalates a required role. Also the three orderings the baselines use.
import { answersCall, BEHAVIOUR } from '../behaviour';
import type { Assignment, Sim } from '../engine';
import { NAIROBI_CODE } from '../county-class';
import type { SimReferral } from '../referrals';
import type { AreaClass } from '@haki/geography';
import type { RoleNeed } from '@haki/matching-core';

export interface PhoneSearch {
  referral: SimReferral;
  roleIndex: number;
  /** Volunteer indices in calling order. */
  list: readonly number[];
  giveUpAt: number;
  maxCalls: number;
  byOps: boolean;
  /** Who not to call (default: anyone already approached for this referral). */
  skip?: (v: number) => boolean;
  done: (a: Assignment | null) => void;
}

/**
 * The coordinators' contact sheet for a role: grouped by town, Nairobi first (where the network
 * started and the coordinators know people), then the other hubs in roster order; within a town, in
 * the order people joined. It does not change with the referral's location: that is what "fixed" means.
 */
export function fixedList(sim: Sim, need: RoleNeed): number[] {
  return sim.volunteers
    .filter((v) => v.professional.roles.includes(need.role))
    .sort((a, b) => Number(a.county !== NAIROBI_CODE) - Number(b.county !== NAIROBI_CODE) || a.index - b.index)
    .map((v) => v.index);
}

/** Everyone holding the role, by road minutes from home to the referral's site (then roster order). */
export function nearestList(sim: Sim, referral: SimReferral, need: RoleNeed): number[] {
  return sim.volunteers
    .filter((v) => v.professional.roles.includes(need.role))
    .map((v) => ({ v: v.index, minutes: sim.trip(v.index, referral).minutes }))
    .sort((a, b) => a.minutes - b.minutes || a.v - b.v)
    .map((c) => c.v);
}

/** Local first: people based in the referral's county (by road minutes), then everyone else by road minutes. */
export function localList(sim: Sim, referral: SimReferral, need: RoleNeed): number[] {
  return sim.volunteers
    .filter((v) => v.professional.roles.includes(need.role))
    .map((v) => ({ v: v.index, away: Number(v.county !== referral.county), minutes: sim.trip(v.index, referral).minutes }))
    .sort((a, b) => a.away - b.away || a.minutes - b.minutes || a.v - b.v)
    .map((c) => c.v);
}

export const ORDERINGS = ['fixed-list', 'nearest', 'local'] as const;
export type Ordering = (typeof ORDERINGS)[number];

/** A contact list for one role of one referral; the fixed sheet is cached per role (it ignores the referral). */
export function orderingLists(sim: Sim, ordering: Ordering): (referral: SimReferral, need: RoleNeed) => number[] {
  const fixed = new Map<string, number[]>();
  return (referral, need) => {
    if (ordering === 'nearest') return nearestList(sim, referral, need);
    if (ordering === 'local') return localList(sim, referral, need);
    let l = fixed.get(need.role);
    if (!l) fixed.set(need.role, (l = fixedList(sim, need)));
    return l;
  };
}

export function phoneDown(sim: Sim, s: PhoneSearch): void {
  const need = s.referral.roles[s.roleIndex] as RoleNeed;
  const involved = sim.involved(s.referral.index);
  const skip = s.skip ?? ((v: number) => involved.has(v));
  let pos = 0;
  let calls = 0;
  const next = (): void => {
    // Skips people already approached for this referral, those the coordinator knows are not qualified
    // (role, certificate, Istanbul Protocol training) and those whose diary is full (the coordinator's
    // own spreadsheet of who took what); everything else — leave, schedule, willingness — they learn by calling.
    const known = (v: number) => skip(v) || !sim.qualified(v, need, sim.now) || (sim.load[v] as number) >= (sim.capacity[v] as number);
    while (pos < s.list.length && known(s.list[pos] as number)) pos++;
    if (pos >= s.list.length || calls >= s.maxCalls || sim.now >= s.giveUpAt) return s.done(null);
    const v = s.list[pos++] as number;
    calls++;
    let answered = false;
    const start = sim.desk.book(sim.now, s.referral.urgency === 'critical', (at) => {
      answered = answersCall(sim.seed, s.referral.index, v, at, sim.onSchedule(v, at), sim.homeClass[v] as AreaClass);
      return answered ? BEHAVIOUR.callMinutes.answered : BEHAVIOUR.callMinutes.unanswered;
    });
    if (start >= s.giveUpAt) return s.done(null);
    sim.approached(s.referral, v);
    const end = start + (answered ? BEHAVIOUR.callMinutes.answered : BEHAVIOUR.callMinutes.unanswered) * 60_000;
    sim.schedule(end, () => {
      if (answered) {
        sim.offered(v);
        // The answer is given on the call (time of day, schedule and travel as at its start).
        if (sim.decides(s.referral, v, need, start, false) && sim.tryReserve(v))
          return s.done(sim.assign(s.referral, s.roleIndex, v, s.byOps));
      }
      next();
    });
  };
  next();
}
