import { CASE_OUTCOMES, CASE_STATUSES } from '@haki/vocabulary';
import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

/**
 * People working a case moved it on (case → matching): work started on site, the report, closure. Matching
 * makes the case's accepted assignments active when work starts, and when it closes completes them
 * (freeing the volunteers' capacity) and ends any search still running. Keyed by the case id, which is
 * the referral id.
 */
export const caseStatusChangedV1 = z.object({
  caseId: z.string().min(1),
  referralId: z.string().min(1),
  status: z.enum(CASE_STATUSES),
  previousStatus: z.enum(CASE_STATUSES),
  outcome: z.enum(CASE_OUTCOMES).optional(),
  /** The assignments held when it changed (confirmed or under way). */
  assignments: z.array(z.object({ offerId: z.string().min(1), role: roleSchema, professionalId: z.string().min(1) })),
  /** The account that moved it, for the timeline (an account id, never a name). */
  recordedBy: z.string().min(1),
  changedAt: z.iso.datetime(),
});
export type CaseStatusChangedV1 = z.infer<typeof caseStatusChangedV1>;
