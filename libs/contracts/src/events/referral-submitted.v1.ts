import { CLOCK_RULES, CONSENT_SCOPES, currentServiceType, REFERRAL_SOURCES, ROLES, SERVICE_TYPES, URGENCIES } from '@haki/vocabulary';
import { z } from 'zod';

/** A service type; a name it had before a rename reads as its name now (events written before it). */
export const serviceTypeSchema = z.preprocess(
  (name) => (typeof name === 'string' ? currentServiceType(name) : name),
  z.enum(SERVICE_TYPES),
);
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
  /**
   * Implicated police stations, prisons or agencies as agency register ids ("police:kilimani"), or for
   * one the register lacks, the key its name gives; for conflict checks only, never in SMS.
   */
  implicated: z.array(z.string().min(1)).optional(),
  submittedAt: z.iso.datetime(),
  /** Who brought it (family, church, …) and their organisation from the network's list: reportable without opening sealed fields. */
  source: z.object({ kind: z.enum(REFERRAL_SOURCES), organisationId: z.string().min(1).max(100).optional() }).optional(),
  /**
   * What the survivor or next of kin agreed to; `rolesNeeded` holds only roles it covers. Absent on
   * referrals from before consent was recorded.
   */
  consentScopes: z.array(z.enum(CONSENT_SCOPES)).optional(),
  /** The medico-legal rule that set `deadline` (intake shows it to the worker). */
  clockRule: z.enum(CLOCK_RULES).optional(),
  /** Where `coarseLocation` came from: GPS, a named town, or the county HQ standing in. */
  placePrecision: z.enum(['gps', 'town', 'county-hq']).optional(),
  /** The organisation of the intake account that submitted it (its staff may read the case); absent on referrals from before sign-in. */
  organisationId: z.string().min(1).max(100).optional(),
});
export type ReferralSubmittedV1 = z.infer<typeof referralSubmittedV1>;

/** A referral of an incident that is already a case, linked to it by staff: the case gains a referrer, nobody new is reserved. */
export const referralLinkedV1 = z.object({
  /** The case it joined (that case's first referral id): the event's key, so it lands on that timeline. */
  referralId: z.string().min(1),
  linkedReferralId: z.string().min(1),
  source: z.object({ kind: z.enum(REFERRAL_SOURCES), organisationId: z.string().min(1).max(100).optional() }),
  /** The organisation of the intake account that submitted the linked referral. */
  organisationId: z.string().min(1).max(100).optional(),
  linkedAt: z.iso.datetime(),
});
export type ReferralLinkedV1 = z.infer<typeof referralLinkedV1>;

/** What an amendment changed, in the terms matching re-ranks on. */
export const AMENDED_PARTS = [
  'service',
  'place',
  'deadline',
  'urgency',
  'roles',
  'language',
  'implicated',
  'consent',
  'source',
  'details',
] as const;

/** A referral intake corrected after announcing it: every fact as it is now, and which parts changed. */
export const referralAmendedV1 = referralSubmittedV1.omit({ submittedAt: true }).extend({
  /** 2 for the first amendment: events of one referral apply in this order. */
  version: z.number().int().min(2),
  changed: z.array(z.enum(AMENDED_PARTS)).min(1),
  amendedAt: z.iso.datetime(),
});
export type ReferralAmendedV1 = z.infer<typeof referralAmendedV1>;

/** Intake staff withdrew a referral (the family found help, a mistake): matching ends every offer and assignment. */
export const referralWithdrawalRequestedV1 = z.object({
  referralId: z.string().min(1),
  /** Why, in staff's words; never survivor details. */
  reason: z.string().min(1).max(500),
  recordedBy: z.string().min(1).max(100),
});
