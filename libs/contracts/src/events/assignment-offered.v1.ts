import { z } from 'zod';
import { roleSchema, serviceTypeSchema, urgencySchema } from './referral-submitted.v1';

export const assignmentOfferedV1 = z.object({
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  professionalId: z.string().min(1),
  role: roleSchema,
  serviceType: serviceTypeSchema,
  urgency: urgencySchema,
  countyName: z.string().min(1),
  /** Human-readable reason from the ranking, shown to ops; never contains survivor details. */
  rationale: z.string(),
  expiresAt: z.iso.datetime(),
  /** Assigned by ops, who agreed it by phone: no offer SMS, the confirmation follows at once. */
  manual: z.boolean().optional(),
});
export type AssignmentOfferedV1 = z.infer<typeof assignmentOfferedV1>;
