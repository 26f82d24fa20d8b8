// Coverage gaps: where no volunteer could be in time even in the best case (free, on call, accepting
// at once, no traffic surprises). No strategy can fix these: only recruiting (or flights) can. That is
// what the what-if shows.
import { COUNTIES, type LatLon } from '@haki/geography';
import { nairobiDayNumber, roleNeedsFor, type RoleNeed } from '@haki/matching-core';
import type { ServiceType } from '@haki/vocabulary';
import { BEHAVIOUR } from '../behaviour';
import type { SimReferral } from '../referrals';
import type { Volunteer } from '../roster';
import { SiteTrips, siteTripsFor } from '../travel';

/**
 * Reach targets per service: the tight end of the deadlines the referral generator draws (a quick
 * burial, an arrest a court must hear within 24 h, post-exposure prophylaxis late in its 72 h, injuries
 * referred late). A county/service is a gap when nobody qualified can arrive within this many hours.
 */
export const COVERAGE_TARGET_HOURS: Record<ServiceType, number> = {
  postmortem: 12,
  'torture-documentation': 24,
  'medical-care': 24,
  'legal-aid': 12,
  'detention-support': 12,
};
export const COVERAGE_SERVICES = Object.keys(COVERAGE_TARGET_HOURS) as ServiceType[];
export const SERVICE_LABEL: Record<ServiceType, string> = {
  postmortem: 'Postmortem (pathologist)',
  'torture-documentation': 'Torture documentation (Istanbul-trained clinician)',
  'medical-care': 'Medical care (clinician)',
  'legal-aid': 'Legal aid (advocate)',
  'detention-support': 'Detention support (advocate)',
};

const DAY = 86_400_000;
const requiredNeed = (s: ServiceType) => roleNeedsFor(s)[0] as RoleNeed;

function qualified(v: Volunteer, need: RoleNeed, at: number): boolean {
  const p = v.professional;
  const today = nairobiDayNumber(at);
  return (
    p.roles.includes(need.role) &&
    need.credentials.every((k) => p.credentials.some((c) => c.kind === k && Date.parse(`${c.expiresOn}T00:00:00Z`) / DAY >= today))
  );
}

/**
 * Best-case hours to arrive at site `site` of `trips`: preparation (day) + the road trip, from the nearest
 * qualified volunteer. Infinity if nobody qualifies.
 */
export function bestCaseHours(volunteers: readonly Volunteer[], need: RoleNeed, trips: SiteTrips, site: number, at: number): number {
  let best = Infinity;
  for (const v of volunteers) {
    if (!qualified(v, need, at)) continue;
    best = Math.min(best, (BEHAVIOUR.prepMinutes.day + trips.trip(v.professional.homeBase, site).minutes) / 60);
  }
  return best;
}

/** Each county's HQ town and area centroid, as sites 2i and 2i + 1. */
const countySites = (): SiteTrips =>
  siteTripsFor(
    'county-hq-centroid',
    COUNTIES.flatMap((c): LatLon[] => [c.hq, c.centroid]),
  );

export interface CoverageCell {
  county: number;
  service: ServiceType;
  /** Best-case hours to the county HQ town and to its interior (area centroid). */
  hqHours: number;
  interiorHours: number;
  /** gap: even the HQ town is out of reach; interior: the town is reachable, the rest of the county is not. */
  status: 'ok' | 'interior' | 'gap';
}

export function coverage(volunteers: readonly Volunteer[], at: number): CoverageCell[] {
  const trips = countySites();
  const cells: CoverageCell[] = [];
  for (const [i, c] of COUNTIES.entries()) {
    for (const service of COVERAGE_SERVICES) {
      const need = requiredNeed(service);
      const hqHours = bestCaseHours(volunteers, need, trips, 2 * i, at);
      const interiorHours = bestCaseHours(volunteers, need, trips, 2 * i + 1, at);
      const target = COVERAGE_TARGET_HOURS[service];
      cells.push({
        county: c.code,
        service,
        hqHours,
        interiorHours,
        status: hqHours > target ? 'gap' : interiorHours > target ? 'interior' : 'ok',
      });
    }
  }
  return cells;
}

/**
 * Referrals whose deadline nobody qualified could have met even in the best case (at their actual
 * site, with remote starts where the role allows them). A floor under every strategy's misses.
 */
export function unreachableReferrals(
  volunteers: readonly Volunteer[],
  referrals: readonly SimReferral[],
  trips = new SiteTrips(referrals.map((r) => r.site)),
): SimReferral[] {
  return referrals.filter((r) => {
    const need = r.roles[0] as RoleNeed;
    const remote = need.remoteStartAllowed && volunteers.some((v) => v.professional.remoteCapable && qualified(v, need, r.submittedAt));
    if (remote && r.submittedAt + BEHAVIOUR.remoteStartMinutes * 60_000 <= r.deadlineAt) return false;
    return r.submittedAt + bestCaseHours(volunteers, need, trips, r.index, r.submittedAt) * 3_600_000 > r.deadlineAt;
  });
}
