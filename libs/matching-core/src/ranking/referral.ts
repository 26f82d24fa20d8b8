import { z } from 'zod';
import { areaClassOf, resolveLocation, type AreaClass, type LocationInput, type ResolvedLocation } from '@haki/geography';
import { toMs, type Instant } from '../roster/nairobi-time';
import { currentServiceType, ROLES, SERVICE_TEAMS, SERVICE_TYPES, URGENCIES, type Role, type ServiceType } from '@haki/vocabulary';
import { MatchingCoreError } from '../matching-core-error';

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

type Requirement = { credentials: string[]; remoteStartAllowed: boolean };
const onSite = (...credentials: string[]): Requirement => ({ credentials, remoteStartAllowed: false });
const remoteStart = (...credentials: string[]): Requirement => ({ credentials, remoteStartAllowed: true });

/**
 * What each member of a service type's team (the vocabulary's SERVICE_TEAMS) must hold, and whether
 * they may begin remotely. Matching policy, so it lives here and not in the shared vocabulary.
 */
const REQUIREMENTS: { [S in ServiceType]: Partial<Record<Role, Requirement>> } = {
  postmortem: { 'forensic-pathologist': onSite(PRACTISING_CERTIFICATE), advocate: onSite(PRACTISING_CERTIFICATE) },
  'torture-documentation': {
    clinician: onSite(PRACTISING_CERTIFICATE, ISTANBUL_PROTOCOL),
    psychologist: remoteStart(PRACTISING_CERTIFICATE),
    advocate: remoteStart(PRACTISING_CERTIFICATE),
  },
  'medical-care': { clinician: onSite(PRACTISING_CERTIFICATE) },
  'legal-aid': { advocate: remoteStart(PRACTISING_CERTIFICATE) },
  // Someone held now: the advocate must reach the station; a doctor may not start by phone either.
  'detention-support': { advocate: onSite(PRACTISING_CERTIFICATE), clinician: onSite(PRACTISING_CERTIFICATE) },
};

/** Default team per service type, lead role first; intake may override with explicit roles. */
export function roleNeedsFor(serviceType: ServiceType): RoleNeed[] {
  serviceType = currentServiceType(serviceType) as ServiceType; // a referral stored before a rename
  return SERVICE_TEAMS[serviceType].map(({ role, required }) => {
    const requirement = REQUIREMENTS[serviceType][role];
    if (!requirement) throw new MatchingCoreError('MATCHING.NO_REQUIREMENT', `no requirements for ${role} on a ${serviceType} team`);
    return { role, skills: [], required, credentials: [...requirement.credentials], remoteStartAllowed: requirement.remoteStartAllowed };
  });
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
