import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

/** What identifies one offer in every event about it. */
const offerRef = {
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  professionalId: z.string().min(1),
  role: roleSchema,
};

/** Ops give a role to a professional who agreed by phone (manual assignment or reassignment). */
export const assignmentRequestedV1 = z.object({
  referralId: z.string().min(1),
  role: roleSchema,
  professionalId: z.string().min(1),
  /** Required when the ranking says the professional is not eligible: why ops assign them anyway. */
  overrideReason: z.string().min(1).max(500).optional(),
  /** The ranking's reason the professional was not eligible, recorded with the override. */
  notEligibleBecause: z.string().min(1).optional(),
  recordedBy: z.string().min(1).max(100),
});

/**
 * Ops ask for a role left to them to be offered again: a new search, which may ask again anyone whose
 * offer lapsed (no answer, the SMS lost), never anyone who declined.
 */
export const assignmentReofferRequestedV1 = z.object({
  referralId: z.string().min(1),
  role: roleSchema,
  recordedBy: z.string().min(1).max(100),
});

/** Ops record that the work of an accepted assignment is done. */
export const assignmentCompletionReportedV1 = z.object({
  referralId: z.string().min(1),
  offerId: z.string().min(1),
  note: z.string().max(500).optional(),
  recordedBy: z.string().min(1).max(100),
});

/** The professional accepted and has the role: they are told it is theirs. */
export const assignmentConfirmedV1 = z.object(offerRef);

/**
 * An offer or assignment withdrawn by Haki: filled by someone else, the volunteer became unavailable,
 * no progress after acceptance, the search closed, or the referral was withdrawn. The volunteer is told
 * the case is no longer needed.
 */
export const assignmentCancelledV1 = z.object({
  ...offerRef,
  reason: z.enum(['filled', 'unavailable', 'no-progress', 'search-closed', 'withdrawn', 'reassigned']),
});

/** The work of an assignment is done (ops recorded it): the volunteer's capacity is free again. */
export const assignmentCompletedV1 = z.object(offerRef);

/** Nobody answered the offer in time; the policy moves on. */
export const assignmentExpiredV1 = z.object(offerRef);

/** An accepted assignment had no progress report in time: the volunteer gets a reminder. */
export const assignmentRemindedV1 = z.object(offerRef);

/** The confirmed volunteer opened the brief of their assignment (intake opened the sealed details for them). */
export const referralBriefOpenedV1 = z.object({ ...offerRef, openedAt: z.iso.datetime() });
