// Today's practice: a coordinator phones down a fixed contact sheet, one person at a time, until
// someone says yes or the medico-legal deadline passes. Roles are filled one after another, the
// required role first; optional roles (observing advocate, psychologist) get a few calls each, and
// none when the desk is backed up (triage).
import type { RoleNeed } from '@haki/matching-core';
import type { Sim, Strategy } from '../engine';
import type { SimReferral } from '../referrals';
import { fixedList, phoneDown } from './phone';

/** Calls a coordinator spends on an optional role before moving on (assumption). */
export const OPTIONAL_ROLE_CALLS = 8;
/** Triage: optional roles are skipped when the desk is this many minutes behind (assumption). */
export const OPTIONAL_ROLE_MAX_BACKLOG_MINUTES = 30;

export function fixedListStrategy(sim: Sim): Strategy {
  const lists = new Map<string, number[]>();
  const listFor = (need: RoleNeed) => {
    let l = lists.get(need.role);
    if (!l) lists.set(need.role, (l = fixedList(sim, need)));
    return l;
  };
  const fill = (referral: SimReferral, roleIndex: number): void => {
    if (roleIndex >= referral.roles.length) return;
    const need = referral.roles[roleIndex] as RoleNeed;
    if (!need.required && sim.desk.backlogMinutes(sim.now) > OPTIONAL_ROLE_MAX_BACKLOG_MINUTES) {
      sim.roleSettled(referral, roleIndex, null);
      return fill(referral, roleIndex + 1);
    }
    phoneDown(sim, {
      referral,
      roleIndex,
      list: listFor(need),
      giveUpAt: referral.deadlineAt,
      maxCalls: need.required ? Infinity : OPTIONAL_ROLE_CALLS,
      byOps: false,
      done: (a) => {
        sim.roleSettled(referral, roleIndex, a);
        fill(referral, roleIndex + 1);
      },
    });
  };
  return { name: 'fixed-list', start: (referral) => fill(referral, 0) };
}
