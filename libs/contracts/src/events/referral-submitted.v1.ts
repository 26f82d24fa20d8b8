import { ROLES, SERVICE_TYPES, URGENCIES } from '@haki/vocabulary';
import { z } from 'zod';

export const serviceTypeSchema = z.enum(SERVICE_TYPES);
export const urgencySchema = z.enum(URGENCIES);
export const roleSchema = z.enum(ROLES);

/** Rounded to 0.1° (about 11 km): enough to estimate travel, too coarse to find a house. */
export const coarseLocationSchema = z.object({
  lat: z.number().min(-5).max(5.5),
  lon: z.number().min(33.5).max(42.5),
});

export const referralSubmittedV1 = z.object({
  referralId: z.string().min(1),
  serviceType: serviceTypeSchema,
  urgency: urgencySchema,
  rolesNeeded: z.array(roleSchema).min(1),
  countyCode: z.number().int().min(1).max(47),
  countyName: z.string().min(1),
  coarseLocation: coarseLocationSchema,
  deadline: z.iso.datetime().optional(),
  /** ISO 639-1 code (639-3 for Kenyan languages without one), normalised by intake. */
  language: z.string().min(2).optional(),
  /** Implicated police stations, prisons or agencies as normalised keys ("police:kilimani"); for conflict checks only, never in SMS. */
  implicated: z.array(z.string().min(1)).optional(),
  submittedAt: z.iso.datetime(),
  /** The organisation of the intake account that submitted it (its staff may read the case); absent on referrals from before sign-in. */
  organisationId: z.string().min(1).max(100).optional(),
});
export type ReferralSubmittedV1 = z.infer<typeof referralSubmittedV1>;
