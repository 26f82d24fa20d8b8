import { z } from 'zod';
import { contactDetailsSchema, roleSchema } from '@haki/contracts';
import { findCounty } from '@haki/geography';
import { WEEKDAYS } from '@haki/matching-core';
import { languageCode, resolveAgency, unknownAgencyReason } from '@haki/vocabulary';
import type { ProfessionalDocument } from '../roster/professional.model';

const county = z.union([z.number().int(), z.string().trim().min(1)]).transform((value, ctx) => {
  const found = findCounty(value);
  if (!found) ctx.addIssue({ code: 'custom', message: `${value} is not one of the 47 counties (name or code 1-47)` });
  return found ?? z.NEVER;
});
const language = z
  .string()
  .trim()
  .transform(
    (value, ctx) => languageCode(value) ?? (ctx.addIssue({ code: 'custom', message: `${value} is not a language we know` }), z.NEVER),
  );
/**
 * A declared conflict, stored as its id in the agency register. A name the register lacks is refused
 * (400 naming `conflicts.N`, with suggestions), unlike at intake: a conflict stored as free text would
 * never match a referral's register id, so the volunteer could be offered the very station they named.
 */
const conflict = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const resolved = resolveAgency(value);
    if ('id' in resolved) return resolved.id;
    ctx.addIssue({ code: 'custom', message: unknownAgencyReason(value, resolved.suggestions) });
    return z.NEVER;
  });
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'must be HH:MM');
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO date-time such as 2026-12-20T00:00:00+03:00' });

/**
 * A professional as ops enter them (one form, or one row of a CSV import): the matching profile, their
 * home town, and their contact details, which go sealed to the notification service and are never
 * stored here. Free words are normalised on the way in (languages to ISO codes, conflicts to agency
 * register ids, counties to codes), so they match what intake sends.
 */
export const professionalProfileSchema = z
  .object({
    roles: z.array(roleSchema).min(1, 'give at least one role'),
    skills: z.array(z.string().trim().min(1)).default([]),
    /** expiresOn: the last valid day, ISO date. */
    credentials: z
      .array(z.object({ kind: z.string().trim().min(1), expiresOn: z.iso.date('must be an ISO date such as 2027-06-30') }))
      .default([]),
    languages: z.array(language).default([]),
    homeTown: z.string().trim().min(1, 'is required').max(100),
    /** Where they travel from: coordinates, or a county (its headquarters). */
    homeBase: z.object({ lat: z.number().min(-5).max(5.5), lon: z.number().min(33.5).max(42.5) }).optional(),
    homeCounty: county.optional(),
    maxTravelKm: z.number().min(0).max(2000),
    servesCounties: z.array(county).default([]),
    remoteCapable: z.boolean().default(false),
    /** Weekly hours, Nairobi time; absent: on call at any hour. */
    schedule: z
      .array(z.object({ day: z.enum(WEEKDAYS), from: hhmm, to: hhmm }))
      .min(1)
      .optional(),
    timeOff: z
      .array(z.object({ from: instant, to: instant }).refine((off) => Date.parse(off.from) < Date.parse(off.to), 'from must be before to'))
      .default([]),
    capacity: z.number().int().min(0).max(20),
    monthlyCap: z.number().int().min(1).max(100).optional(),
    conflicts: z.array(conflict).default([]),
    contact: contactDetailsSchema.optional(),
  })
  .strict()
  .refine((p) => p.homeBase !== undefined || p.homeCounty !== undefined, { message: 'give homeBase or homeCounty', path: ['homeBase'] });
export type ProfessionalProfile = z.output<typeof professionalProfileSchema>;

export const professionalIdSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lowercase letters, digits and "-", e.g. pro-nbo-path-3');

/** The stored professional (no contact details) for a validated profile. */
export function toProfessionalDocument(id: string, profile: ProfessionalProfile): Omit<ProfessionalDocument, 'outbox'> {
  const { contact, homeCounty, servesCounties, ...rest } = profile;
  return {
    ...rest,
    _id: id,
    homeBase: profile.homeBase ?? homeCounty!.hq,
    servesCounties: [...new Set(servesCounties.map((c) => c.code))],
    conflicts: [...new Set(profile.conflicts)],
    languages: [...new Set(profile.languages)],
    active: true,
  };
}

/** Whether the professional cannot take work right now: inactive, or on leave at `now`. */
export const unavailableNow = (doc: Pick<ProfessionalDocument, 'active' | 'timeOff'>, now: number): 'deactivated' | 'time-off' | null =>
  !doc.active
    ? 'deactivated'
    : (doc.timeOff ?? []).some((off) => Date.parse(String(off.from)) <= now && now < Date.parse(String(off.to)))
      ? 'time-off'
      : null;
