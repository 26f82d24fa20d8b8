import { z } from 'zod';
import { HakiError, serviceTypeSchema, urgencySchema } from '@haki/contracts';
import { countyOf, findCounty, type County } from '@haki/geography';
import { agencyKey, languageCode } from '@haki/vocabulary';

/** Text of at most `max` characters as people count them (code points, so an emoji is one, not two UTF-16 units). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .refine((value) => [...value].length <= max, `must be at most ${max} characters`);

const person = z
  .object({
    name: text(200).refine((value) => value.length > 0, 'is required'),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number such as +254 712 345678')
      .optional(),
  })
  .strict();

/** A deadline further out than this is a typo (and year 10000 would not even fit the event). */
const DEADLINE_HORIZON_DAYS = 366;

const UNKNOWN_LANGUAGE = 'is not a language we know: give its ISO 639-1 code (sw) or its name (Swahili)';

/** Kenya's bounding box, with a small margin: coordinates outside it are typos, not referrals. */
const KENYA = { minLat: -4.9, maxLat: 5.1, minLon: 33.8, maxLon: 42.0 };

export const submitReferralRequest = z
  .object({
    serviceType: serviceTypeSchema,
    urgency: urgencySchema,
    county: z
      .union([z.string().trim().min(1), z.number().int()])
      .refine((value) => findCounty(value) !== undefined, 'is not one of the 47 counties (name or code 1-47)')
      .optional(),
    town: text(100).optional(),
    location: z
      .object({
        lat: z.number().min(KENYA.minLat, 'is outside Kenya').max(KENYA.maxLat, 'is outside Kenya'),
        lon: z.number().min(KENYA.minLon, 'is outside Kenya').max(KENYA.maxLon, 'is outside Kenya'),
      })
      .strict()
      .optional(),
    deadline: z.iso
      .datetime({ offset: true, message: 'must be an ISO date-time such as 2026-11-28T17:00:00+03:00' })
      .refine((value) => Date.parse(value) > Date.now(), 'is in the past')
      .refine((value) => Date.parse(value) <= Date.now() + DEADLINE_HORIZON_DAYS * 86_400_000, 'is more than a year ahead')
      .optional(),
    /** Normalised to one code, so "Swahili", "Kiswahili" and "sw" match the roster's languages. */
    language: z
      .string()
      .trim()
      .max(30)
      .transform((value, ctx) => languageCode(value) ?? (ctx.addIssue({ code: 'custom', message: UNKNOWN_LANGUAGE }), z.NEVER))
      .optional(),
    /** The police station, prison or agency involved, in staff's words; matching gets its normalised key. */
    implicatedAgency: text(200)
      .refine((value) => agencyKey(value) !== undefined, 'must name the station, prison or agency, e.g. "Kilimani Police Station"')
      .optional(),
    subject: person.extend({ age: z.number().int().min(0).max(120).optional() }).strict(),
    referrer: person.extend({ organisation: text(200).optional() }).strict(),
    narrative: text(10_000).optional(),
  })
  .strict()
  .refine((body) => body.county !== undefined || body.location !== undefined, {
    message: 'give the county, or GPS coordinates in location',
    path: ['county'],
  });
export type SubmitReferralRequest = z.infer<typeof submitReferralRequest>;

export function parseSubmitReferral(body: unknown): SubmitReferralRequest {
  const parsed = submitReferralRequest.safeParse(body);
  if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID', parsed.error);
  return parsed.data;
}

/** The county named by intake staff wins over the GPS guess: they know the place; the guess is approximate. */
export function resolveCounty(request: SubmitReferralRequest): { county: County; point: { lat: number; lon: number } } {
  if (request.county !== undefined) {
    const county = findCounty(request.county)!; // validated by the schema
    return { county, point: request.location ?? county.hq };
  }
  const point = request.location!;
  return { county: countyOf(point), point };
}

/** 0.1° ≈ 11 km: enough to estimate travel time, too coarse to find a house. */
export const coarsen = (point: { lat: number; lon: number }) => ({
  lat: Math.round(point.lat * 10) / 10,
  lon: Math.round(point.lon * 10) / 10,
});
