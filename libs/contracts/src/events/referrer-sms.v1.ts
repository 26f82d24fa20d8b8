import { z } from 'zod';
import { sealedValueSchema } from './roster.v1';

/** A referral by SMS starts with the network's keyword (HAKI), whoever sends it: notification passes it to intake. */
export const startsReferralSms = (text: string): boolean => /^\s*haki\b/i.test(text);

/** What a referrer's SMS holds, sealed in both events below: their number and the text. */
export const referrerSmsSchema = z.object({
  phone: z.string().regex(/^\+[0-9]{7,15}$/, 'must be an E.164 number'),
  text: z.string().max(2000),
});
export type ReferrerSms = z.infer<typeof referrerSmsSchema>;

/**
 * An SMS for phone intake (issue #15): one that starts with HAKI, or one from a number on no volunteer's
 * contact record (it may answer a question intake asked). Number and text sealed with the contact keys
 * (notification seals, intake opens), bound to `inboundId`; keyed by the number's keyed fingerprint, so
 * one phone's messages are read in order. Notification → intake.
 */
export const referrerSmsReceivedV1 = z.object({
  inboundId: z.string().min(1),
  /** Sealed `{ phone, text }`. */
  message: sealedValueSchema,
  receivedAt: z.iso.datetime(),
});

/**
 * A message intake asks to be sent to a phone referrer: a question about their referral, its reference,
 * or that a professional has accepted it (no names, no places). Number and text sealed as above, bound
 * to `messageId`, which is derived from what caused it, so a repeat is sent once. Intake → notification.
 */
export const referrerMessageRequestedV1 = z.object({
  messageId: z.string().min(1),
  purpose: z.enum(['question', 'received', 'accepted', 'not-understood']),
  /** Sealed `{ phone, text }`. */
  message: sealedValueSchema,
});
