import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

export const referralEscalatedV1 = z.object({
  referralId: z.string().min(1),
  role: roleSchema,
  reason: z.string().min(1),
});
export type ReferralEscalatedV1 = z.infer<typeof referralEscalatedV1>;
