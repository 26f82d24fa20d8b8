import { z } from 'zod';
import { HakiError, urgencySchema } from '@haki/contracts';
import { findCounty } from '@haki/geography';
import {
  agencyKey,
  CONSENT_GIVERS,
  CONSENT_SCOPES,
  languageCode,
  parseNairobiTime,
  REFERRAL_SOURCES,
  SERVICE_TYPES,
  type ServiceType,
} from '@haki/vocabulary';
import { placeProblem } from './place';

// What intake staff send for a referral. One schema per kind of help (a discriminated union on
// `serviceType`), built from KIND_FIELDS, which must name every service type: a new kind cannot be
// added to the vocabulary without saying what its referral carries. The same schema serves a new
// referral and an amended one (merged onto the stored one, then validated again whole).

/** Text of at most `max` characters as people count them (code points, so an emoji is one, not two UTF-16 units). */
const text = (max: number) =>
  z
    .string()
    .trim()
    .refine((value) => [...value].length <= max, `must be at most ${max} characters`);

const TIME_FORMAT = 'must be a date and time such as 2026-12-05 10:00 (Nairobi time)';
/** A time as staff type it, in Nairobi time unless it carries an offset; kept as the instant (ISO, UTC). */
const time = z
  .string()
  .trim()
  .max(40)
  .transform((value, ctx) => parseNairobiTime(value)?.toISOString() ?? (ctx.addIssue({ code: 'custom', message: TIME_FORMAT }), z.NEVER));
/** How far back a referral's facts may go: older ones are typos, or cases for the archive, not matching. */
const OLDEST_FACT_DAYS = 10 * 365;
/** Clocks on phones and servers disagree by a few minutes: "just now" must not be "in the future". */
const CLOCK_SKEW_MS = 10 * 60_000;
const happened = time
  .refine((iso) => Date.parse(iso) <= Date.now() + CLOCK_SKEW_MS, 'is in the future')
  .refine((iso) => Date.parse(iso) >= Date.now() - OLDEST_FACT_DAYS * 86_400_000, 'is more than ten years ago');
/** A deadline further out than this is a typo. */
const DEADLINE_HORIZON_DAYS = 366;
const upcoming = time
  .refine((iso) => Date.parse(iso) > Date.now(), 'is in the past')
  .refine((iso) => Date.parse(iso) <= Date.now() + DEADLINE_HORIZON_DAYS * 86_400_000, 'is more than a year ahead');

const person = z
  .object({
    name: text(200).refine((value) => value.length > 0, 'is required'),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{7,20}$/, 'must be a phone number such as +254 712 345678')
      .optional(),
  })
  .strict();

/** Kenya's bounding box, with a small margin: coordinates outside it are typos, not referrals. */
const KENYA = { minLat: -4.9, maxLat: 5.1, minLon: 33.8, maxLon: 42.0 };
const UNKNOWN_LANGUAGE = 'is not a language we know: give its ISO 639-1 code (sw) or its name (Swahili)';

/** A burial or release later than this after the death is a typo. */
const MAX_DAYS_AFTER_DEATH = 60;

const death = z
  .object({
    at: happened,
    circumstance: z.enum(['custody', 'protest', 'other'], { error: 'must be custody, protest or other' }),
    /** When the family plans to bury: the postmortem must come first. */
    plannedBurialAt: time.optional(),
    /** When the mortuary will release or embalm the body. */
    bodyReleaseAt: time.optional(),
  })
  .strict();
const incident = z.object({ at: happened, injuriesVisible: z.boolean({ error: 'must be true or false' }) }).strict();
const sexualViolence = z.object({ at: happened }).strict();
const arrest = z.object({ at: happened, charged: z.boolean({ error: 'must be true or false' }) }).strict();

/** What each kind of help needs to know beyond the common fields: its own facts, the ones its clocks run on. */
const KIND_FIELDS = {
  /** A death in custody or at a protest: the postmortem must come before burial, release or embalming. */
  postmortem: { death },
  /** Torture documentation to the Istanbul Protocol: when it happened, and whether the injuries still show. */
  'torture-documentation': { incident, sexualViolence: sexualViolence.optional() },
  /** Medical care for a survivor, or for a prisoner (what `detention-medical` was). */
  'medical-care': {
    patient: z.enum(['survivor', 'prisoner'], { error: 'must be survivor or prisoner' }),
    incident: incident.optional(),
    sexualViolence: sexualViolence.optional(),
  },
  /** Legal aid: an arrest when there is one (its 24-hour court clock runs until they are charged). */
  'legal-aid': { arrest: arrest.optional(), matter: text(200).optional() },
  /** Someone held now: where is the implicated agency, when were they arrested. */
  'detention-support': { arrest },
} satisfies { readonly [S in ServiceType]: z.ZodRawShape };

const common = {
  /** Staff's urgency when it differs from the clocks': raising needs a reason, lowering a supervisor too. */
  urgency: urgencySchema.optional(),
  urgencyReason: text(500)
    .refine((value) => value.length > 0, 'is required')
    .optional(),
  /** A deadline staff know of that no rule computes (a court date). */
  deadline: upcoming.optional(),
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
  /** "Behind the Total petrol station": kept sealed; only the volunteer confirmed on the case reads it. */
  landmark: text(300).optional(),
  /** Normalised to one code, so "Swahili", "Kiswahili" and "sw" match the roster's languages. */
  language: z
    .string()
    .trim()
    .max(30)
    .transform((value, ctx) => languageCode(value) ?? (ctx.addIssue({ code: 'custom', message: UNKNOWN_LANGUAGE }), z.NEVER))
    .optional(),
  /**
   * The police station, prison or agency involved, in staff's words (sealed). Matching gets its id in the
   * agency register; a name the register lacks is accepted and flagged, never refused (implicated-agency.ts).
   */
  implicatedAgency: text(200)
    .refine((value) => agencyKey(value) !== undefined, 'must name the station, prison or agency, e.g. "Kilimani Police Station"')
    .optional(),
  source: z
    .object({
      kind: z.enum(REFERRAL_SOURCES, { error: `must be one of ${REFERRAL_SOURCES.join(', ')}` }),
      /** The referring organisation's id from the network's list (GET /organisations). */
      organisationId: z
        .string()
        .regex(/^[a-z0-9-]{2,100}$/, 'must be an organisation id from the list, e.g. org-lodwar-parish')
        .optional(),
    })
    .strict(),
  consent: z
    .object({
      givenBy: z.enum(CONSENT_GIVERS, { error: `must be one of ${CONSENT_GIVERS.join(', ')}` }),
      scopes: z
        .array(z.enum(CONSENT_SCOPES, { error: `must be one of ${CONSENT_SCOPES.join(', ')}` }))
        .max(CONSENT_SCOPES.length)
        .refine((scopes) => new Set(scopes).size === scopes.length, 'lists a scope twice'),
      /** When it was given; now when left out. */
      givenAt: happened.optional(),
    })
    .strict()
    .refine((consent) => consent.givenBy !== 'none-yet' || consent.scopes.length === 0, {
      message: 'must be empty while nobody has consented',
      path: ['scopes'],
    }),
  subject: person.extend({ age: z.number().int().min(0).max(120).optional() }).strict(),
  referrer: person.extend({ organisation: text(200).optional() }).strict(),
  narrative: text(10_000).optional(),
};

const kindSchema = <S extends ServiceType>(serviceType: S) =>
  z.object({ serviceType: z.literal(serviceType), ...common, ...KIND_FIELDS[serviceType] }).strict();

const kinds = z.discriminatedUnion(
  'serviceType',
  SERVICE_TYPES.map(kindSchema) as unknown as [ReturnType<typeof kindSchema<'postmortem'>>, ...ReturnType<typeof kindSchema>[]],
  { error: `must be one of ${SERVICE_TYPES.join(', ')}` },
);

export const referralRequest = kinds.superRefine((body, ctx) => {
  const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (body.county === undefined && body.location === undefined && body.town === undefined) {
    problem(['county'], 'give the county, a town, or GPS coordinates in location');
  }
  const place = placeProblem(body);
  if (place) problem([place.field], place.reason);
  if (body.urgency === undefined && body.urgencyReason !== undefined) problem(['urgencyReason'], 'goes with urgency: leave it out');
  if ('death' in body) {
    const { at } = body.death;
    // A date a year out is a typo, and it would silently replace the default window with no deadline at all.
    const tooLate = (iso: string) => Date.parse(iso) - Date.parse(at) > MAX_DAYS_AFTER_DEATH * 86_400_000;
    for (const field of ['plannedBurialAt', 'bodyReleaseAt'] as const) {
      const when = body.death[field];
      if (when && when < at) problem(['death', field], 'is before the death');
      if (when && tooLate(when)) problem(['death', field], `is more than ${MAX_DAYS_AFTER_DEATH} days after the death`);
    }
  }
});
export type ReferralRequest = z.infer<typeof referralRequest>;

export function parseReferralRequest(body: unknown): ReferralRequest {
  const parsed = referralRequest.safeParse(body);
  if (!parsed.success) throw HakiError.fromZod('REFERRAL.INVALID', parsed.error);
  return parsed.data;
}

/** 0.1° ≈ 11 km: enough to estimate travel time, too coarse to find a house. */
export const coarsen = (point: { lat: number; lon: number }) => ({
  lat: Math.round(point.lat * 10) / 10,
  lon: Math.round(point.lon * 10) / 10,
});
