import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

/** What identifies one offer in every event about it. */
const offerRef = {
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  professionalId: z.string().min(1),
  role: roleSchema,
};

/** The professional accepted and has the role: they are told it is theirs. */
export const assignmentConfirmedV1 = z.object(offerRef);

/**
 * An offer or assignment withdrawn by Haki: filled by someone else, the volunteer became unavailable,
 * no progress after acceptance, the search closed, or the referral was withdrawn. The volunteer is told
 * the case is no longer needed.
 */
export const assignmentCancelledV1 = z.object({
  ...offerRef,
  reason: z.enum(['filled', 'unavailable', 'no-progress', 'search-closed', 'withdrawn']),
});

/** Nobody answered the offer in time; the policy moves on. */
export const assignmentExpiredV1 = z.object(offerRef);

/** An accepted assignment had no progress report in time: the volunteer gets a reminder. */
export const assignmentRemindedV1 = z.object(offerRef);
