import { ROLES } from '@haki/vocabulary';
import { z } from 'zod';
import { ISO_DATE, ISO_INSTANT } from '../validation/iso';
import { KENYA_BOUNDS, MAX_ROSTER_COUNT } from '../validation/limits';
import { professionalProblem } from './professional-rules';
import { WEEKDAYS } from './weekdays';

export { WEEKDAYS, type Weekday } from './weekdays';

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM');
const instant = ISO_INSTANT;
/** Whole numbers held in the compiled roster's Int32Arrays (see MAX_ROSTER_COUNT). */
const count = z.number().int().nonnegative().max(MAX_ROSTER_COUNT);
const { minLat, maxLat, minLon, maxLon } = KENYA_BOUNDS;

export const professionalSchema = z
  .object({
    id: z.string().min(1),
    roles: z.array(z.enum(ROLES)).min(1),
    skills: z.array(z.string()).default([]),
    /** expiresOn: last valid day (Africa/Nairobi calendar), ISO date. */
    credentials: z.array(z.object({ kind: z.string().min(1), expiresOn: ISO_DATE })).default([]),
    languages: z.array(z.string()).default([]),
    /** Where they travel from: inside Kenya (KENYA_BOUNDS). */
    homeBase: z.object({ lat: z.number().min(minLat).max(maxLat), lon: z.number().min(minLon).max(maxLon) }),
    /** Road km the professional is willing to travel; ignored for counties listed in servesCounties. */
    maxTravelKm: z.number().nonnegative(),
    servesCounties: z.array(z.number().int().min(1).max(47)).default([]),
    /** Can begin by phone consultation before travelling, where the role allows it. */
    remoteCapable: z.boolean().default(false),
    /** Weekly availability in Africa/Nairobi local time; `to` before `from` runs past midnight. Absent: on call at any hour. */
    schedule: z
      .array(z.object({ day: z.enum(WEEKDAYS), from: hhmm, to: hhmm }))
      .min(1)
      .optional(),
    /** Leave, [from, to): `to` at or after `from`. */
    timeOff: z.array(z.object({ from: instant, to: instant })).default([]),
    capacity: count,
    /** Most assignments accepted per Nairobi calendar month (burnout protection); absent: no cap. */
    monthlyCap: z.number().int().positive().optional(),
    /** May exceed capacity (capacity lowered while cases are open): ranked as full. */
    openCases: count,
    recentAssignments: z.array(z.object({ at: instant, serviceType: z.string() })).default([]),
    stats: z
      .object({
        /** Offers answered or expired. */
        offers: count,
        /** Offers accepted: at most `offers`. */
        accepts: count,
        medianResponseMinutes: z.number().nonnegative(),
      })
      .default({ offers: 0, accepts: 0, medianResponseMinutes: 60 }),
    /** Agencies/stations the professional must not be matched against, e.g. "police:kilimani". */
    conflicts: z.array(z.string()).default([]),
  })
  // The rules across fields (accepts ≤ offers, leave order), the same ones compileRoster enforces.
  .superRefine((p, ctx) => {
    const problem = professionalProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', path: [...problem.path], message: problem.reason });
  });

export type Professional = z.output<typeof professionalSchema>;
export type ProfessionalInput = z.input<typeof professionalSchema>;

export const rosterSnapshotSchema = z.object({ takenAt: instant, professionals: z.array(professionalSchema) });
export type RosterSnapshot = z.output<typeof rosterSnapshotSchema>;

/**
 * Validates one professional from outside the library (fills defaults); throws a ZodError naming the
 * field. Accepts exactly what compileRoster accepts (professional-rules.ts).
 */
export const parseProfessional = (input: unknown): Professional => professionalSchema.parse(input);
export const parseRosterSnapshot = (input: unknown): RosterSnapshot => rosterSnapshotSchema.parse(input);
