import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

export const referralEscalatedV1 = z.object({
  referralId: z.string().min(1),
  /** The role nobody took; absent when the whole referral needs ops (one of its events could not be processed). */
  role: roleSchema.optional(),
  reason: z.string().min(1),
});
export type ReferralEscalatedV1 = z.infer<typeof referralEscalatedV1>;

/** The referral is no longer wanted (the family found help, a duplicate, a mistake): every offer and assignment ends. */
export const referralWithdrawnV1 = z.object({
  referralId: z.string().min(1),
  /** Why, in ops' words; never survivor details. */
  reason: z.string().min(1).max(500),
  recordedBy: z.string().min(1).max(100),
});
