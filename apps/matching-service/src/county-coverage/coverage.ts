import { COUNTIES } from '@haki/geography';
import { KENYA_ROADS } from '@haki/matching-core';
import { ROLES, SLA_TARGET_HOURS, URGENCIES, type Role, type Urgency } from '@haki/vocabulary';
import type { ProfessionalDocument } from '../roster/professional.model';

/** Per county and role: how many volunteers can be on site within each urgency's target, and how many of those are free now. */
export interface CountyCoverage {
  county: string;
  code: number;
  roles: Record<Role, { reach: Record<Urgency, number>; freeWithinCritical: number }>;
}

export interface Coverage {
  /** The on-site targets counted against (SLA_TARGET_HOURS.onSite), in hours. */
  targetHours: Record<Urgency, number>;
  counties: CountyCoverage[];
}

/**
 * Who can reach each county, from the live roster: a volunteer counts for a county when the road trip
 * from their home base to its headquarters fits within an urgency's on-site target and their travel
 * preference (within maxTravelKm, or a county they serve), and they are not on leave now. "Free" means
 * an open slot (open cases below capacity). The county headquarters stands for the whole county, and
 * working hours, skills and conflicts are not weighed: the ranking weighs them per referral, so this
 * is an upper bound, and a zero is a true gap.
 */
export function coverageOf(professionals: readonly ProfessionalDocument[], openCases: ReadonlyMap<string, number>, now: number): Coverage {
  const present = professionals.filter(
    (doc) => !(doc.timeOff ?? []).some((off) => Date.parse(String(off.from)) <= now && now < Date.parse(String(off.to))),
  );
  const counties = COUNTIES.map((county) => {
    const destination = KENYA_ROADS.destination(county.hq);
    const roles = Object.fromEntries(
      ROLES.map((role) => [role, { reach: Object.fromEntries(URGENCIES.map((urgency) => [urgency, 0])), freeWithinCritical: 0 }]),
    ) as CountyCoverage['roles'];
    for (const doc of present) {
      const trip = KENYA_ROADS.tripTo(doc.homeBase, destination);
      const serves = (doc.servesCounties ?? []).includes(county.code);
      if (!serves && trip.km > doc.maxTravelKm) continue;
      const hours = trip.minutes / 60;
      const free = (openCases.get(doc._id) ?? 0) < doc.capacity;
      for (const role of doc.roles) {
        for (const urgency of URGENCIES) if (hours <= SLA_TARGET_HOURS.onSite[urgency]) roles[role].reach[urgency] += 1;
        if (free && hours <= SLA_TARGET_HOURS.onSite.critical) roles[role].freeWithinCritical += 1;
      }
    }
    return { county: county.name, code: county.code, roles };
  });
  return { targetHours: { ...SLA_TARGET_HOURS.onSite }, counties };
}
