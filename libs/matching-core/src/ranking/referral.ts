import { z } from 'zod';
import { areaClassOf, resolveLocation, type AreaClass, type LocationInput, type ResolvedLocation } from '@haki/geography';
import type { Instant } from '../roster/nairobi-time';
import { currentServiceType, ROLES, SERVICE_TEAMS, SERVICE_TYPES, URGENCIES, type Role, type ServiceType } from '@haki/vocabulary';
import { MatchingCoreError } from '../matching-core-error';
import { deadlineMs } from '../validation/instants';
import { ISO_INSTANT } from '../validation/iso';
import { KENYA_BOUNDS, pointProblem } from '../validation/limits';
import { fieldName, problemOfZodIssues } from '../validation/problem';

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

const { minLat, maxLat, minLon, maxLon } = KENYA_BOUNDS;
/** A coordinate inside KENYA_BOUNDS; the message reads like the roster's ("42.6 is outside Kenya (33 to 42.5)"). */
const inKenya = (min: number, max: number) => {
  const error = (issue: { input: unknown }) => `${String(issue.input)} is outside Kenya (${min} to ${max})`;
  return z.number().min(min, { error }).max(max, { error });
};
const latLon = z.object({ lat: inKenya(minLat, maxLat), lon: inKenya(minLon, maxLon) });
export const roleNeedSchema = z.object({
  role: z.enum(ROLES),
  skills: z.array(z.string()),
  credentials: z.array(z.string()),
  remoteStartAllowed: z.boolean(),
  required: z.boolean(),
});
export const referralForMatchingSchema = z.object({
  referralId: z.string().min(1),
  serviceType: z.enum(SERVICE_TYPES),
  roles: z
    .array(roleNeedSchema)
    .min(1)
    // One need per role: lists, proposals and the offer machine are keyed by role.
    .refine((roles) => new Set(roles.map((r) => r.role)).size === roles.length, { message: 'roles: each role may be listed only once' })
    .optional(),
  /** The site: GPS inside Kenya, or a county (code or name) and optionally a town in it. */
  location: z.union([latLon, z.object({ county: z.union([z.number().int(), z.string().min(1)]), town: z.string().optional() })]),
  urgency: z.enum(URGENCIES),
  /** Medico-legal deadline: the professional must be able to start before it. Epoch ms or ISO 8601 with a zone. */
  deadline: z.union([z.number(), ISO_INSTANT]).optional(),
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
  /** Infinity when there is no deadline. */
  deadlineMs: number;
  roles: RoleNeed[];
}

/**
 * Checks a referral from the caller against referralForMatchingSchema: MATCHING.INVALID_DEADLINE for its
 * deadline (an unparseable one would otherwise switch the deadline filter off), MATCHING.INVALID_REFERRAL
 * naming the field for anything else (a NaN location would otherwise match nobody, a site abroad be
 * ranked with made-up roads).
 */
function assertValidReferral(referral: ReferralForMatching): void {
  const parsed = referralForMatchingSchema.safeParse(referral);
  if (parsed.success) return;
  const { path, reason } = problemOfZodIssues(parsed.error.issues);
  if (path[0] === 'deadline') deadlineMs(referral.deadline as Instant); // throws MATCHING.INVALID_DEADLINE with the reason
  const id = typeof referral?.referralId === 'string' && referral.referralId !== '' ? referral.referralId : '(no id)';
  throw new MatchingCoreError('MATCHING.INVALID_REFERRAL', `referral ${id}: ${fieldName(path) || 'referral'} ${reason}`);
}

/**
 * An already prepared referral is trusted to come from prepareReferral, but its three derived values are
 * cheap to re-check (O(1)): a hand-built one with a NaN deadline or site would silently rank wrong.
 */
function assertValidPrepared(prepared: PreparedReferral): void {
  const problem = pointProblem(['site', 'point'], prepared.site?.point);
  if (problem) throw new MatchingCoreError('MATCHING.INVALID_REFERRAL', `prepared referral: ${fieldName(problem.path)} ${problem.reason}`);
  if (typeof prepared.deadlineMs !== 'number' || Number.isNaN(prepared.deadlineMs)) {
    throw new MatchingCoreError(
      'MATCHING.INVALID_DEADLINE',
      `prepared referral: deadlineMs ${String(prepared.deadlineMs)} is not a number`,
    );
  }
  if (!Array.isArray(prepared.roles)) throw new MatchingCoreError('MATCHING.INVALID_REFERRAL', 'prepared referral: roles must be a list');
}

/**
 * Validates the referral, then resolves location, class, deadline and roles once, so ranking several
 * roles does not repeat it. A PreparedReferral passed back in is only re-checked (O(1)).
 */
export function prepareReferral(referral: ReferralForMatching | PreparedReferral): PreparedReferral {
  if (referral !== null && typeof referral === 'object' && 'site' in referral) {
    assertValidPrepared(referral);
    return referral;
  }
  assertValidReferral(referral);
  const site = resolveLocation(referral.location as LocationInput);
  return {
    referral,
    site,
    siteClass: areaClassOf(site.point),
    deadlineMs: deadlineMs(referral.deadline as Instant | undefined),
    roles: referral.roles ?? roleNeedsFor(referral.serviceType),
  };
}
