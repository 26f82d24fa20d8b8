// A coordinator phones down a contact list, one person at a time, until someone says yes or the
// medico-legal deadline passes. Today's practice is the fixed sheet; the same coordinator with a
// nearest-first (by road) or local-first list is the baseline a network could run tomorrow without
// software. Roles are filled one after another, the required role first; optional roles (observing
// advocate, psychologist) get a few calls each, and none when the desk is backed up (triage).
import type { RoleNeed } from '@haki/matching-core';
import type { Sim, Strategy, StrategyName } from '../engine';
import type { SimReferral } from '../referrals';
import { orderingLists, phoneDown, type Ordering } from './phone';

/** Calls a coordinator spends on an optional role before moving on (assumption). */
export const OPTIONAL_ROLE_CALLS = 8;
/** Triage: optional roles are skipped when the desk is this many minutes behind (assumption). */
export const OPTIONAL_ROLE_MAX_BACKLOG_MINUTES = 30;

export function phoneStrategy(sim: Sim, name: StrategyName, ordering: Ordering): Strategy {
  const listFor = orderingLists(sim, ordering);
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
      list: listFor(referral, need),
      giveUpAt: referral.deadlineAt,
      maxCalls: need.required ? Infinity : OPTIONAL_ROLE_CALLS,
      byOps: false,
      done: (a) => {
        sim.roleSettled(referral, roleIndex, a);
        fill(referral, roleIndex + 1);
      },
    });
  };
  return { name, start: (referral) => fill(referral, 0) };
}

/** Today's practice: the fixed contact sheet. */
export const fixedListStrategy = (sim: Sim): Strategy => phoneStrategy(sim, 'fixed-list', 'fixed-list');
