import {
  compileRoster,
  rankRole,
  roleNeedsFor,
  whyNotEligible,
  type RankOptions,
  type RankedCandidate,
  type ReferralForMatching,
} from '@haki/matching-core';
import type { Role } from '@haki/vocabulary';
import { HakiError, type PayloadOf, type TOPICS } from '@haki/contracts';
import { toProfessional } from '../roster/professional.model';
import type { RosterState } from '../roster/roster-state';

type Submitted = PayloadOf<typeof TOPICS.referralSubmitted>;

/**
 * Ranks the stored professionals for one role of a referral with matching-core (travel time,
 * availability, load, fairness, acceptance; hard filters for credentials, conflicts, deadline).
 * Whoever already holds this referral's slot comes first, ranked as if that slot were free, so a
 * retry after a crash never reserves a second person.
 */
/**
 * Open cases besides this referral's own slot; never below 0, since the snapshot's count may lag a
 * reservation another instance made.
 */
const openCasesBesides = (state: RosterState, id: string) => Math.max(0, (state.openCases.get(id) ?? 0) - (state.holders.has(id) ? 1 : 0));

/** The matching-core referral and roster for ranking one role of this referral. */
function rankingInputs(referral: Submitted, role: Role, state: RosterState) {
  const roster = compileRoster(
    state.professionals.map((doc) => toProfessional(doc, openCasesBesides(state, doc._id), state.histories.get(doc._id))),
  );
  const forMatching: ReferralForMatching = {
    referralId: referral.referralId,
    serviceType: referral.serviceType,
    location: referral.coarseLocation,
    urgency: referral.urgency,
    ...(referral.deadline ? { deadline: referral.deadline } : {}),
    ...(referral.language ? { language: referral.language } : {}),
    implicated: referral.implicated ?? [],
  };
  const need = roleNeedsFor(referral.serviceType).find((n) => n.role === role);
  if (!need) throw new HakiError('MATCHING.UNKNOWN_ROLE', `service ${referral.serviceType} has no role ${role}`);
  return { roster, forMatching, need };
}

type CandidateOptions = Pick<RankOptions, 'k' | 'exclude' | 'ignoreTravelPreference' | 'ignoreCapacity'>;

function rankCompiled(state: RosterState, inputs: ReturnType<typeof rankingInputs>, now: number, options: CandidateOptions) {
  const ranked = rankRole(inputs.roster, inputs.forMatching, inputs.need, now, { k: 10, ...options });
  return [...ranked.filter((c) => state.holders.has(c.professionalId)), ...ranked.filter((c) => !state.holders.has(c.professionalId))];
}

export function rankCandidates(
  referral: Submitted,
  role: Role,
  state: RosterState,
  now: number,
  options: CandidateOptions = {},
): RankedCandidate[] {
  return rankCompiled(state, rankingInputs(referral, role, state), now, options);
}

/**
 * The offer policy's view of one role, from one compiled roster: the ranked candidates, and surge
 * triage's `waitable` (someone not in `exclude` qualifies but is at capacity). Travel preferences are left
 * aside for `waitable`, as the search a freed slot starts is the last widening step, which leaves them aside too.
 */
export function rankForPolicy(
  referral: Submitted,
  role: Role,
  state: RosterState,
  now: number,
  options: Pick<RankOptions, 'k' | 'exclude' | 'ignoreTravelPreference'> = {},
): { candidates: RankedCandidate[]; waitable: boolean } {
  const inputs = rankingInputs(referral, role, state);
  const candidates = rankCompiled(state, inputs, now, options);
  const busy = { k: 1, exclude: options.exclude ?? [], ignoreCapacity: true, ignoreTravelPreference: true };
  return { candidates, waitable: rankCompiled(state, inputs, now, busy).length > 0 };
}

/** matching-core's whyNotEligible for one professional and role of this referral (ops assigning by hand). */
export function whyNotCandidate(
  referral: Submitted,
  role: Role,
  state: RosterState,
  professionalId: string,
  now: number,
  options: Pick<RankOptions, 'ignoreCapacity' | 'ignoreTravelPreference'> = {},
) {
  const { roster, forMatching, need } = rankingInputs(referral, role, state);
  return whyNotEligible(roster, forMatching, need, professionalId, now, options);
}
