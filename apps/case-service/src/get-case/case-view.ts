import { SERVICE_TEAMS, SERVICE_TYPES, type ServiceType } from '@haki/vocabulary';
import type { CaseEntry, OfferFact, OfferStatus } from '../case.model';
import { causalOrder } from './causal-order';

/** Where matching stands on the case (the lifecycle's first stages, in more detail). */
export type MatchingStatus = 'matching' | 'offered' | 'assigned' | 'escalated' | 'completed' | 'withdrawn';
export type RoleStatus = 'searching' | 'offered' | 'confirmed' | 'completed' | 'escalated';

export interface OfferView {
  offerId: string;
  professionalId?: string;
  status: OfferStatus;
  reason?: string;
  explanation?: string;
}

export interface RoleView {
  role: string;
  required: boolean;
  status: RoleStatus;
  offers: OfferView[];
}

export interface CaseView {
  caseId: string;
  matchingStatus: MatchingStatus;
  serviceType?: string;
  urgency?: string;
  county?: string;
  roles: RoleView[];
  timeline: { at: string; type: string; summary: string }[];
}

// Events about one offer come from several topics and may be read out of order: a later stage wins.
// Matching's outcomes (confirmed, cancelled) outrank what ops recorded (accepted, declined): an answer
// ops corrected is ignored by matching, and the case must show what matching decided.
const STAGE: Record<OfferStatus, number> = {
  offered: 0,
  reminded: 0,
  accepted: 1,
  undelivered: 1,
  declined: 2,
  expired: 2,
  confirmed: 3,
  'in-progress': 4,
  cancelled: 5,
  completed: 6,
};

function foldOffers(timeline: CaseEntry[]): Map<string, OfferView & { role?: string }> {
  const offers = new Map<string, OfferView & { role?: string }>();
  for (const { offer } of timeline) {
    if (!offer) continue;
    const current = offers.get(offer.offerId);
    const merged: OfferView & { role?: string } = { ...current, ...withoutStatus(offer), status: current?.status ?? offer.status };
    if (!current || STAGE[offer.status] > STAGE[current.status]) merged.status = offer.status;
    offers.set(offer.offerId, merged);
  }
  return offers;
}

const withoutStatus = ({ status: _status, ...rest }: OfferFact) => rest;

function roleStatus(offers: OfferView[], escalated: boolean): RoleStatus {
  // An assignment still under way outranks one completed earlier (the role was given again).
  const done = offers.some((offer) => offer.status === 'completed');
  if (done && !offers.some((offer) => offer.status === 'confirmed' || offer.status === 'in-progress')) return 'completed';
  if (offers.some((offer) => offer.status === 'confirmed' || offer.status === 'in-progress')) return 'confirmed';
  if (escalated) return 'escalated';
  return offers.some((offer) => ['offered', 'accepted', 'undelivered'].includes(offer.status)) ? 'offered' : 'searching';
}

/**
 * What intake staff see of their organisation's case: where it stands and which roles are filled, not
 * who was offered it, where they live or why (the offers and the timeline say that).
 */
export type IntakeCaseView = Omit<CaseView, 'roles' | 'timeline'> & { roles: Omit<RoleView, 'offers'>[] };

export const intakeView = ({ roles, timeline: _timeline, ...rest }: CaseView): IntakeCaseView => ({
  ...rest,
  roles: roles.map(({ offers: _offers, ...role }) => role),
});

/** The organisation that submitted the case, from its `referral.submitted` entry. */
export const submittingOrganisation = (entries: CaseEntry[]): string | undefined =>
  entries.find((entry) => entry.facts?.organisationId)?.facts?.organisationId;

/** Whether a role is with ops: handed over (or the whole referral), and not offered again at their request since. */
function withOps(timeline: CaseEntry[], role: string): boolean {
  let handedOver = false;
  for (const entry of timeline) {
    if (entry.type === 'referral.escalated' && (!entry.escalatedRole || entry.escalatedRole === role)) handedOver = true;
    if (entry.type === 'assignment.reoffer-requested' && entry.reofferedRole === role) handedOver = false;
  }
  return handedOver;
}

/** Timeline in causal order (events arrive from several topics); each role's offers and state; the case status from the roles. */
export function toCaseView(caseId: string, entries: CaseEntry[]): CaseView {
  const timeline = causalOrder(entries);
  const facts = Object.assign({}, ...timeline.map((entry) => entry.facts ?? {})) as CaseEntry['facts'] & object;
  // In the order they were made: offer ids end in matching's running number (`<referral id>:<n>`).
  const sequence = (offerId: string) => Number(offerId.slice(offerId.lastIndexOf(':') + 1)) || 0;
  const offers = [...foldOffers(timeline).values()].sort((a, b) => sequence(a.offerId) - sequence(b.offerId));
  const escalated = new Set(timeline.flatMap((entry) => (entry.type === 'referral.escalated' ? [entry.escalatedRole ?? '*'] : [])));
  const team = SERVICE_TYPES.includes(facts.serviceType as ServiceType) ? SERVICE_TEAMS[facts.serviceType as ServiceType] : [];
  const roleNames = [...new Set([...(facts.rolesNeeded ?? []), ...offers.flatMap((offer) => (offer.role ? [offer.role] : []))])];
  const roles: RoleView[] = roleNames.map((role) => {
    const ofRole = offers.filter((offer) => offer.role === role).map(({ role: _role, ...offer }) => offer);
    const required = team.find((member) => member.role === role)?.required ?? true;
    return { role, required, status: roleStatus(ofRole, withOps(timeline, role)), offers: ofRole };
  });
  const required = roles.filter((role) => role.required);
  const matchingStatus: MatchingStatus = timeline.some(
    (entry) => entry.type === 'referral.withdrawn' || entry.type === 'referral.withdrawal-requested',
  )
    ? 'withdrawn'
    : required.length > 0 && required.every((role) => role.status === 'completed') && !roles.some((role) => role.status === 'confirmed')
      ? 'completed'
      : required.length > 0 && required.every((role) => role.status === 'confirmed' || role.status === 'completed')
        ? 'assigned'
        : roles.some((role) => role.status === 'escalated') || (roles.length === 0 && escalated.size > 0)
          ? 'escalated'
          : offers.length > 0 || timeline.some((entry) => entry.type === 'assignment.offered') // entries recorded before offer facts
            ? 'offered'
            : 'matching';
  return {
    caseId,
    matchingStatus,
    ...(facts.serviceType ? { serviceType: facts.serviceType } : {}),
    ...(facts.urgency ? { urgency: facts.urgency } : {}),
    ...(facts.countyName ? { county: facts.countyName } : {}),
    roles,
    timeline: timeline.map((e) => ({ at: new Date(e.occurredAt).toISOString(), type: e.type, summary: e.summary })),
  };
}
