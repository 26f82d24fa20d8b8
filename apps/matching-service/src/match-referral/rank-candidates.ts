import { compileRoster, rankRole, roleNeedsFor, type RankedCandidate, type ReferralForMatching, type Role } from '@haki/matching-core';
import type { PayloadOf, TOPICS } from '@haki/contracts';
import { toProfessional, type ProfessionalDocument } from '../roster/professional.model';

type Submitted = PayloadOf<typeof TOPICS.referralSubmitted>;

/**
 * Ranks the stored professionals for one role of a referral with matching-core (travel time,
 * availability, load, fairness, acceptance; hard filters for credentials, conflicts, deadline).
 * Whoever already holds this referral's reservation (a retry after a crash) comes first, so a retry
 * never reserves a second person.
 */
export function rankCandidates(referral: Submitted, role: Role, professionals: ProfessionalDocument[], now: number): RankedCandidate[] {
  const roster = compileRoster(professionals.map((doc) => toProfessional(doc, referral.referralId)));
  const forMatching: ReferralForMatching = {
    referralId: referral.referralId,
    serviceType: referral.serviceType,
    location: referral.coarseLocation,
    urgency: referral.urgency,
    ...(referral.deadline ? { deadline: referral.deadline } : {}),
    ...(referral.language ? { language: referral.language } : {}),
  };
  const need = roleNeedsFor(referral.serviceType).find((n) => n.role === role);
  if (!need) throw new Error(`service ${referral.serviceType} has no role ${role}`);
  const ranked = rankRole(roster, forMatching, need, now, { k: 10 });
  const holder = professionals.find((p) => p.reservations.includes(referral.referralId))?._id;
  return holder ? [...ranked.filter((c) => c.professionalId === holder), ...ranked.filter((c) => c.professionalId !== holder)] : ranked;
}
