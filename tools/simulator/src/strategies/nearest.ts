// Nearest by SMS, one at a time (v1's "nearest available", run only with --strategies nearest-sms): an
// automatic dispatcher that texts the volunteer with the shortest road trip among those qualified, not
// on leave and with a free slot, one at a time, each with the policy table's offer timeout for the
// urgency. No scoring, no parallel offers, no widening, no escalation: it walks the list until someone
// accepts or the deadline passes. `nearest-policy` is the same ordering under Haki's offer policy.
import type { AreaClass } from '@haki/geography';
import { DEFAULT_POLICY_TABLE, type RoleNeed } from '@haki/matching-core';
import { smsDelivery, responseMinutes } from '../behaviour';
import type { Assignment, Sim, Strategy } from '../engine';
import type { SimReferral } from '../referrals';

const MINUTE = 60_000;

export function nearestSmsStrategy(sim: Sim): Strategy {
  const search = (referral: SimReferral, roleIndex: number): void => {
    const need = referral.roles[roleIndex] as RoleNeed;
    const timeout = DEFAULT_POLICY_TABLE[referral.urgency].offerTimeoutMinutes * MINUTE;
    const involved = sim.involved(referral.index);
    const list = sim.volunteers
      .filter((v) => sim.qualified(v.index, need, sim.now))
      .map((v) => ({ v: v.index, minutes: sim.trip(v.index, referral).minutes }))
      .sort((a, b) => a.minutes - b.minutes || a.v - b.v)
      .map((c) => c.v);
    let pos = 0;
    const done = (a: Assignment | null) => sim.roleSettled(referral, roleIndex, a);
    const next = (): void => {
      const free = (v: number) => !involved.has(v) && !sim.onLeave(v, sim.now) && (sim.load[v] as number) < (sim.capacity[v] as number);
      while (pos < list.length && !free(list[pos] as number)) pos++;
      if (pos >= list.length || sim.now >= referral.deadlineAt) return done(null);
      const v = list[pos++] as number;
      sim.approached(referral, v);
      const expiresAt = sim.now + timeout;
      const delivery = smsDelivery(sim.seed, referral.index, v, sim.homeClass[v] as AreaClass);
      if (!delivery.delivered) {
        const noticed = delivery.receiptAfterMinutes === null ? expiresAt : sim.now + delivery.receiptAfterMinutes * MINUTE;
        return sim.schedule(noticed, next);
      }
      sim.offered(v);
      const loadShare = (sim.load[v] as number) / (sim.capacity[v] as number);
      const answerAt =
        sim.now +
        responseMinutes(
          sim.seed,
          referral.index,
          v,
          sim.now,
          referral.urgency,
          sim.volunteers[v]!.responseMedianMinutes,
          sim.onSchedule(v, sim.now),
          loadShare,
        ) *
          MINUTE;
      if (answerAt >= expiresAt) return sim.schedule(expiresAt, next);
      sim.schedule(answerAt, () => {
        if (sim.decides(referral, v, need, sim.now, false) && sim.tryReserve(v)) return done(sim.assign(referral, roleIndex, v, false));
        next();
      });
    };
    next();
  };
  return { name: 'nearest-sms', start: (referral) => referral.roles.forEach((_, i) => search(referral, i)) };
}
