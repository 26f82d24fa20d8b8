import { TOPICS, type EventEnvelope, type PayloadOf } from '@haki/contracts';
import type { CaseFacts, OfferFact } from '../case.model';

/** Every topic the case service records (matching's internal timer topics are not case events). */
export const CASE_TOPICS = [
  TOPICS.referralSubmitted,
  TOPICS.assignmentOffered,
  TOPICS.notificationDispatched,
  TOPICS.referralEscalated,
  TOPICS.referralWithdrawn,
  TOPICS.assignmentResponded,
  TOPICS.assignmentConfirmed,
  TOPICS.assignmentCancelled,
  TOPICS.assignmentExpired,
  TOPICS.assignmentReminded,
  TOPICS.assignmentProgressReported,
  TOPICS.assignmentRequested,
  TOPICS.assignmentReofferRequested,
  TOPICS.assignmentCompleted,
  TOPICS.referralProfessionalUnavailable,
  TOPICS.referralBriefOpened,
  TOPICS.referralLinked,
  TOPICS.referralAmended,
  TOPICS.referralWithdrawalRequested,
] as const;
export type CaseTopic = (typeof CASE_TOPICS)[number];

export interface EntryDescription {
  summary: string;
  facts?: CaseFacts;
  offer?: OfferFact;
  escalatedRole?: string;
  reofferedRole?: string;
}

const words = (term: string) => term.replaceAll('-', ' ');
const aside = (text: string | undefined) => (text ? ` (${text})` : '');

/** Ops-readable summary of each event type, and what it establishes. No PII ever reaches here. */
const DESCRIBE: { [T in CaseTopic]: (payload: PayloadOf<T>) => EntryDescription } = {
  [TOPICS.referralSubmitted]: (p) => ({
    summary: `Referral received: ${words(p.serviceType)} (${p.urgency}) in ${p.countyName}`,
    facts: {
      serviceType: p.serviceType,
      urgency: p.urgency,
      countyName: p.countyName,
      rolesNeeded: p.rolesNeeded,
      submittedAt: p.submittedAt,
      ...(p.deadline ? { deadline: p.deadline } : {}),
      ...(p.organisationId ? { organisationId: p.organisationId } : {}),
    },
  }),
  [TOPICS.referralLinked]: (p) => ({
    summary:
      `Another referral of this incident joined the case (from ${words(p.source.kind)}${aside(p.source.organisationId)}); ` +
      'nobody new was reserved',
  }),
  [TOPICS.referralAmended]: (p) => ({
    summary: `Referral amended by intake (${p.changed.map(words).join(', ')}): ${words(p.serviceType)} (${p.urgency}) in ${p.countyName}`,
    // An amendment that removed the deadline clears it: null (stored, unlike undefined) overrides the earlier fact when folded.
    facts: {
      serviceType: p.serviceType,
      urgency: p.urgency,
      countyName: p.countyName,
      rolesNeeded: p.rolesNeeded,
      deadline: p.deadline ?? null,
    },
  }),
  [TOPICS.referralWithdrawalRequested]: (p) => ({ summary: `Withdrawn by intake (${p.recordedBy}): ${p.reason}` }),
  [TOPICS.assignmentOffered]: (p) => ({
    summary: `Offered to ${p.professionalId} as ${words(p.role)}: ${p.rationale}`,
    offer: { offerId: p.offerId, role: p.role, professionalId: p.professionalId, status: 'offered', explanation: p.rationale },
  }),
  [TOPICS.notificationDispatched]: (p) => ({
    summary:
      p.status === 'sent'
        ? `${p.channel.toUpperCase()} sent via ${p.provider} for offer ${p.offerId}${aside(p.purpose === 'offer' ? undefined : p.purpose)}`
        : `${p.channel.toUpperCase()} failed: ${p.failureReason ?? 'unknown'}`,
    // notification.delivery-failed says the same for matching; the case records this one only.
    ...(p.status === 'failed' && (p.purpose ?? 'offer') === 'offer'
      ? { offer: { offerId: p.offerId, status: 'undelivered' as const } }
      : {}),
  }),
  [TOPICS.assignmentRequested]: (p) => ({
    summary:
      `${p.recordedBy} assigned ${p.professionalId} as ${words(p.role)}` +
      (p.overrideReason ? `, overriding "${p.notEligibleBecause ?? 'not eligible'}": ${p.overrideReason}` : ''),
  }),
  [TOPICS.assignmentReofferRequested]: (p) => ({
    summary: `${p.recordedBy} asked for the ${words(p.role)} role to be offered again`,
    reofferedRole: p.role,
  }),
  [TOPICS.assignmentCompleted]: (p) => ({
    summary: `Completed: ${p.professionalId}'s work as ${words(p.role)} is done`,
    offer: { offerId: p.offerId, role: p.role, professionalId: p.professionalId, status: 'completed' },
  }),
  [TOPICS.referralProfessionalUnavailable]: (p) => ({
    summary: `${p.professionalId} became unavailable (${p.reason}); their offer or assignment moves on`,
  }),
  [TOPICS.referralBriefOpened]: (p) => ({ summary: `Brief opened by ${p.professionalId} (${words(p.role)})` }),
  [TOPICS.referralEscalated]: (p) => ({
    summary: `Escalated to ops: ${p.role ? words(p.role) : 'the whole referral'}: ${p.reason}`,
    ...(p.role ? { escalatedRole: p.role } : {}),
  }),
  [TOPICS.referralWithdrawn]: (p) => ({ summary: `Withdrawn by ${p.recordedBy}: ${p.reason}` }),
  [TOPICS.assignmentResponded]: (p) => ({
    summary:
      `${p.professionalId} ${p.response === 'accept' ? 'accepted' : 'declined'} offer ${p.offerId}${aside(p.reason)}, ` +
      `recorded by ${p.recordedBy} (${p.channel})`,
    offer: {
      offerId: p.offerId,
      professionalId: p.professionalId,
      status: p.response === 'accept' ? 'accepted' : 'declined',
      ...(p.reason ? { reason: p.reason } : {}),
    },
  }),
  [TOPICS.assignmentConfirmed]: (p) => ({
    summary: `Confirmed: ${p.professionalId} is the ${words(p.role)}`,
    offer: { offerId: p.offerId, role: p.role, professionalId: p.professionalId, status: 'confirmed' },
  }),
  [TOPICS.assignmentCancelled]: (p) => ({
    summary: `Offer ${p.offerId} to ${p.professionalId} cancelled: ${p.reason}`,
    offer: { offerId: p.offerId, role: p.role, professionalId: p.professionalId, status: 'cancelled', reason: p.reason },
  }),
  [TOPICS.assignmentExpired]: (p) => ({
    summary: `Offer ${p.offerId} to ${p.professionalId} expired unanswered`,
    offer: { offerId: p.offerId, role: p.role, professionalId: p.professionalId, status: 'expired' },
  }),
  [TOPICS.assignmentProgressReported]: (p) => ({
    summary: `Progress on offer ${p.offerId} by ${p.professionalId}${aside(p.note)}, recorded by ${p.recordedBy}`,
    offer: { offerId: p.offerId, professionalId: p.professionalId, status: 'in-progress' },
  }),
  [TOPICS.assignmentReminded]: (p) => ({
    summary: `Reminder sent to ${p.professionalId}: no progress reported yet`,
    offer: { offerId: p.offerId, role: p.role, professionalId: p.professionalId, status: 'reminded' },
  }),
};

export function describeEvent(topic: CaseTopic, event: EventEnvelope): EntryDescription {
  return (DESCRIBE[topic] as (payload: unknown) => EntryDescription)(event.payload);
}
