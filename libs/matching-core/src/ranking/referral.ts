import { z } from 'zod';
import { areaClassOf, resolveLocation, type AreaClass, type LocationInput, type ResolvedLocation } from '../geography/geography';
import { toMs, type Instant } from '../roster/nairobi-time';
import { ROLES, type Role } from '../roster/types';

export const URGENCIES = ['critical', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const SERVICE_TYPES = ['postmortem', 'torture-documentation', 'detention-medical', 'legal-aid'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const PRACTISING_CERTIFICATE = 'practising-certificate';
export const ISTANBUL_PROTOCOL = 'istanbul-protocol';

export interface RoleNeed {
  role: Role;
  skills: string[];
  /** Credential kinds that must be valid on the day of the offer. */
  credentials: string[];
  /** A remote-capable professional may start with a phone consultation (not for a postmortem). */
  remoteStartAllowed: boolean;
  /** Unfilled required roles escalate to ops; optional ones (an observing advocate) do not. */
  required: boolean;
}

const need = (role: Role, credentials: string[], remoteStartAllowed: boolean, required: boolean): RoleNeed => ({
  role,
  skills: [],
  credentials,
  remoteStartAllowed,
  required,
});

/** Default team per service type; intake may override with explicit roles. */
export function roleNeedsFor(serviceType: ServiceType): RoleNeed[] {
  switch (serviceType) {
    case 'postmortem':
      return [
        need('forensic-pathologist', [PRACTISING_CERTIFICATE], false, true),
        need('advocate', [PRACTISING_CERTIFICATE], false, false),
      ];
    case 'torture-documentation':
      return [
        need('clinician', [PRACTISING_CERTIFICATE, ISTANBUL_PROTOCOL], false, true),
        need('psychologist', [PRACTISING_CERTIFICATE], true, false),
        need('advocate', [PRACTISING_CERTIFICATE], true, false),
      ];
    case 'detention-medical':
      return [need('clinician', [PRACTISING_CERTIFICATE], false, true)];
    case 'legal-aid':
      return [need('advocate', [PRACTISING_CERTIFICATE], true, true)];
  }
}

const latLon = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export const referralForMatchingSchema = z.object({
  referralId: z.string().min(1),
  serviceType: z.enum(SERVICE_TYPES),
  roles: z
    .array(
      z.object({
        role: z.enum(ROLES),
        skills: z.array(z.string()),
        credentials: z.array(z.string()),
        remoteStartAllowed: z.boolean(),
        required: z.boolean(),
      }),
    )
    .min(1)
    // One need per role: lists, proposals and the offer machine are keyed by role.
    .refine((roles) => new Set(roles.map((r) => r.role)).size === roles.length, { message: 'roles: each role may be listed only once' })
    .optional(),
  location: z.union([latLon, z.object({ county: z.union([z.number().int(), z.string().min(1)]), town: z.string().optional() })]),
  urgency: z.enum(URGENCIES),
  /** Medico-legal deadline: the professional must be able to start before it. */
  deadline: z.union([z.number(), z.iso.datetime({ offset: true })]).optional(),
  language: z.string().optional(),
  /** Implicated agency/station keys for conflict checks, e.g. "police:kilimani", "agency:kdf". */
  implicated: z.array(z.string()).default([]),
});
export type ReferralForMatching = z.input<typeof referralForMatchingSchema>;
export const parseReferral = (input: unknown): ReferralForMatching => referralForMatchingSchema.parse(input);

export interface PreparedReferral {
  referral: ReferralForMatching;
  site: ResolvedLocation;
  siteClass: AreaClass;
  deadlineMs: number;
  roles: RoleNeed[];
}

/** Resolves location, class, deadline and roles once, so ranking several roles does not repeat it. */
export function prepareReferral(referral: ReferralForMatching | PreparedReferral): PreparedReferral {
  if ('site' in referral) return referral;
  const site = resolveLocation(referral.location as LocationInput);
  return {
    referral,
    site,
    siteClass: areaClassOf(site.point),
    deadlineMs: referral.deadline === undefined ? Infinity : toMs(referral.deadline as Instant),
    roles: referral.roles ?? roleNeedsFor(referral.serviceType),
  };
}
