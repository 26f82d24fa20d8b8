import { z } from 'zod';

/** A professional's answer to an offer, however it arrived (ops recording a phone call, SMS reply, link). */
export const assignmentRespondedV1 = z.object({
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  professionalId: z.string().min(1),
  response: z.enum(['accept', 'decline']),
  /** Why a volunteer declined, in their words or ops' summary; never survivor details. */
  reason: z.string().max(500).optional(),
  channel: z.enum(['ops-phone', 'sms', 'link', 'app']),
  /** Who recorded it: an ops user id, or the channel's provider for an automatic reply. */
  recordedBy: z.string().min(1).max(100),
});
export type AssignmentRespondedV1 = z.infer<typeof assignmentRespondedV1>;

/** The professional who accepted is on it (on site, examination started): the reminder clock stops. */
export const assignmentProgressReportedV1 = z.object({
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  professionalId: z.string().min(1),
  /** What was done, in ops' words; never survivor details. */
  note: z.string().max(500).optional(),
  channel: z.enum(['ops-phone', 'sms', 'link', 'app']),
  recordedBy: z.string().min(1).max(100),
});
