import { z } from 'zod';
import { roleSchema } from './referral-submitted.v1';

/** AES-256-GCM sealed JSON: key id, nonce, tag and ciphertext (base64). */
export const sealedValueSchema = z.object({
  kid: z.string().min(1),
  iv: z.string().min(1),
  tag: z.string().min(1),
  data: z.string().min(1),
});

/**
 * A volunteer's contact details as ops enter them with a roster change (matching service) and as the
 * notification service, the only one that stores them, reads them once unsealed.
 */
export const contactDetailsSchema = z.object({
  phone: z.string().regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number such as +254 712 345678'),
  email: z.email('must be an email address').optional(),
  /** The language messages are written in (ISO 639-1): English and Swahili are written; any other gets English. */
  language: z.string().min(2).default('en'),
  /** How offers reach them: SMS (with a reply code), or email (with links) when they gave an address. */
  prefers: z.enum(['sms', 'email']).default('sms'),
});
export type ContactDetails = z.infer<typeof contactDetailsSchema>;

/**
 * A professional's contact details, entered by ops with a roster change in the matching service and
 * sealed there for the notification service, the only one that may read them (key: professionalId).
 */
export const professionalContactChangedV1 = z.object({
  professionalId: z.string().min(1),
  /** Sealed `{ phone, email?, language }`, bound to the professional id. */
  contact: sealedValueSchema,
});

/** Someone holding an offer or assignment on this referral went on leave or left the roster. */
export const referralProfessionalUnavailableV1 = z.object({
  referralId: z.string().min(1),
  professionalId: z.string().min(1),
  role: roleSchema.optional(),
  reason: z.enum(['deactivated', 'time-off']),
});
