import { ROLES, URGENCIES, type Urgency } from '@haki/vocabulary';
import { z } from 'zod';
import { MatchingCoreError } from '../matching-core-error';
import { deadlineMs } from '../validation/instants';
import { fieldName, problemOfZodIssues, show } from '../validation/problem';
import type { MatchingEvent } from './offer-machine';
import type { OfferPolicy } from './policy-table';

// Inputs to decide() come from Kafka events, timers and ops requests, decoded elsewhere. The offer machine
// keys slots, offers and answers by these fields, so a malformed one would not fail: it would silently
// match nothing (an offer id of undefined), or queue a non-id as a candidate. Each shape is checked here,
// before the machine reads it; the rules across fields (no roles, a role twice) keep their own codes in start().

const id = z.string().min(1);
const role = z.enum(ROLES);
const urgency = z.enum(URGENCIES);
/** Checked by deadlineMs (MATCHING.INVALID_DEADLINE); here only allowed to be there. */
const deadline = z.unknown().optional();
const roles = z.array(z.object({ role, required: z.boolean(), candidates: z.array(id), waitable: z.boolean().optional() }));
const offerEvent = z.object({ offerId: id });
const bare = z.object({});

/** One shape per event type: a new MatchingEvent type does not compile until it has one. */
const EVENT_SHAPES: { readonly [T in MatchingEvent['type']]: z.ZodType } = {
  referralSubmitted: z.object({ referralId: id, urgency, deadline, roles }),
  referralAmended: z.object({ urgency, deadline, roles }),
  /** Steps count from 1: the widenSearch command that asked for these candidates numbers them so. */
  candidatesFound: z.object({ role, step: z.number().int().min(1), candidates: z.array(id), waitable: z.boolean().optional() }),
  capacityFreed: bare,
  offerAccepted: offerEvent,
  offerDeclined: offerEvent,
  offerExpired: offerEvent,
  deliveryFailed: offerEvent,
  capacityUnavailable: offerEvent,
  progressReported: offerEvent,
  assignmentCompleted: offerEvent,
  progressOverdue: z.object({ offerId: id, reminded: z.boolean() }),
  professionalUnavailable: z.object({ professionalId: id }),
  assignedByOps: z.object({ role, professionalId: id }),
  reofferedByOps: z.object({ role }),
  referralWithdrawn: bare,
  caseWorkStarted: bare,
  caseClosed: bare,
  searchTimeUp: z.object({ at: z.number().optional() }),
  waitingRecheck: z.object({ role, at: z.number().optional() }),
};

/** MATCHING.INVALID_EVENT naming the event type and field, or MATCHING.INVALID_DEADLINE for its deadline. */
export function assertValidEvent(event: MatchingEvent): void {
  const type: unknown = (event as { type?: unknown } | null)?.type;
  const shape = typeof type === 'string' && Object.hasOwn(EVENT_SHAPES, type) ? EVENT_SHAPES[type as MatchingEvent['type']] : undefined;
  if (!shape) throw new MatchingCoreError('MATCHING.INVALID_EVENT', `type ${show(type)} is not an event of the offer policy`);
  const parsed = shape.safeParse(event);
  if (!parsed.success) {
    const { path, reason } = problemOfZodIssues(parsed.error.issues);
    throw new MatchingCoreError('MATCHING.INVALID_EVENT', `${type}: ${fieldName(path) || 'event'} ${reason}`);
  }
  if (event.type === 'referralSubmitted' || event.type === 'referralAmended') deadlineMs(event.deadline);
}

const count = z.number().int().min(1);
const minutes = z.number().positive(); // zod numbers are finite: NaN and Infinity fail too
const offerPolicySchema = z.object({
  parallelOffers: count,
  offerTimeoutMinutes: minutes,
  roundsPerStep: count,
  wideningSteps: z.array(z.object({ label: z.string(), k: count, ignoreTravelPreference: z.boolean() })),
  escalateAfterMinutes: minutes,
  progressTimeoutMinutes: minutes,
  reminderGraceMinutes: minutes,
});

/**
 * A copy of the table's row for `urgency`, frozen into the referral's state; MATCHING.INVALID_POLICY if
 * a count or duration is not positive. A NaN duration (a bad time scale) would put NaN in every timer and
 * leave the search window open for ever; zero parallel offers would never offer anyone.
 */
export function policyRow(table: Readonly<Record<Urgency, OfferPolicy>>, urgency: Urgency): OfferPolicy {
  const parsed = offerPolicySchema.safeParse(table?.[urgency]);
  if (!parsed.success) {
    const { path, reason } = problemOfZodIssues(parsed.error.issues);
    throw new MatchingCoreError('MATCHING.INVALID_POLICY', `policy for ${urgency}: ${fieldName(path) || 'row'} ${reason}`);
  }
  return structuredClone(table[urgency]);
}
