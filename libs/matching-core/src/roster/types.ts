import { ROLES } from '@haki/vocabulary';
import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM');
const instant = z.iso.datetime({ offset: true });

export const professionalSchema = z.object({
  id: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1),
  skills: z.array(z.string()).default([]),
  /** expiresOn: last valid day (Africa/Nairobi calendar), ISO date. */
  credentials: z.array(z.object({ kind: z.string().min(1), expiresOn: z.iso.date() })).default([]),
  languages: z.array(z.string()).default([]),
  homeBase: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
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
  timeOff: z.array(z.object({ from: instant, to: instant })).default([]),
  capacity: z.number().int().nonnegative(),
  /** Most assignments accepted per Nairobi calendar month (burnout protection); absent: no cap. */
  monthlyCap: z.number().int().positive().optional(),
  openCases: z.number().int().nonnegative(),
  recentAssignments: z.array(z.object({ at: instant, serviceType: z.string() })).default([]),
  stats: z
    .object({
      offers: z.number().int().nonnegative(),
      accepts: z.number().int().nonnegative(),
      medianResponseMinutes: z.number().nonnegative(),
    })
    .default({ offers: 0, accepts: 0, medianResponseMinutes: 60 }),
  /** Agencies/stations the professional must not be matched against, e.g. "police:kilimani". */
  conflicts: z.array(z.string()).default([]),
});

export type Professional = z.output<typeof professionalSchema>;
export type ProfessionalInput = z.input<typeof professionalSchema>;

export const rosterSnapshotSchema = z.object({ takenAt: instant, professionals: z.array(professionalSchema) });
export type RosterSnapshot = z.output<typeof rosterSnapshotSchema>;

/** Validates one professional from outside the library (fills defaults); throws a ZodError naming the field. */
export const parseProfessional = (input: unknown): Professional => professionalSchema.parse(input);
export const parseRosterSnapshot = (input: unknown): RosterSnapshot => rosterSnapshotSchema.parse(input);
