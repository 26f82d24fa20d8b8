import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

/** The timeouts matching-core's offer policy asks for, sent back to it when due. */
export const policyTimeoutSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offerExpired'), offerId: z.string().min(1) }),
  z.object({ type: z.literal('progressOverdue'), offerId: z.string().min(1), reminded: z.boolean() }),
  // `at`: the window's end it was set for, so a window an ops re-offer opened again drops the older timer.
  z.object({ type: z.literal('searchTimeUp'), at: z.number().int().optional() }),
  // `at`: when the recheck was due, so a role that waited again since drops the older timer (optional: timers
  // set before it was carried have none).
  z.object({ type: z.literal('waitingRecheck'), role: roleSchema, at: z.number().int().optional() }),
]);

/** Matching asks for `timeout` to be delivered back to it at `dueAt`. */
export const referralTimerSetV1 = z.object({
  referralId: z.string().min(1),
  dueAt: z.iso.datetime(),
  timeout: policyTimeoutSchema,
});

/** A timer set earlier is due: the matching consumer feeds `timeout` to the referral's policy state. */
export const referralTimerDueV1 = referralTimerSetV1;
