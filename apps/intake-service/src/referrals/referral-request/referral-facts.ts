import type { ReferralSubmittedV1 } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import type { Role } from '@haki/vocabulary';
import { rolesWithinConsent } from './consent';
import { implicatedAgency } from './implicated-agency';
import type { SealedValue } from '@haki/platform-config';
import { resolvePlace, type ResolvedPlace } from './place';
import { coarsen, type ReferralRequest } from './referral-request';
import { timingFor, type ReferralTiming } from './timing';

/** What intake makes of a valid request: the event's facts (no PII), the timing and place to show the worker. */
export interface ReferralAssessment {
  /** `referral.submitted`'s payload but for its id and time: nothing here is sealed, nothing is PII. */
  facts: Omit<ReferralSubmittedV1, 'referralId' | 'submittedAt' | 'rolesNeeded'> & { rolesNeeded: Role[] };
  timing: ReferralTiming;
  place: ResolvedPlace;
  consent: { givenBy: string; scopes: string[]; givenAt: string; recordedBy: string };
  /** The implicated agency is not in the agency register: matched on the key its name gives, for ops to add. */
  implicatedAgencyUnlisted: boolean;
}

/** What an assessment of an amended referral keeps from the referral as it was. */
export interface EarlierAssessment {
  consent?: ReferralAssessment['consent'];
  /** The submitting account's organisation: an amendment by a supervisor does not move the referral to theirs. */
  organisationId?: string;
}

/**
 * Place, clocks, urgency and consent of a validated request, as `caller` submits (or amends) it at
 * `now`. An unchanged consent keeps who recorded it and when.
 */
export function assessReferral(request: ReferralRequest, caller: Principal, now: Date, earlier?: EarlierAssessment): ReferralAssessment {
  const place = resolvePlace(request);
  const timing = timingFor(request, caller, now);
  const before = earlier?.consent;
  const sameConsent =
    before !== undefined &&
    before.givenBy === request.consent.givenBy &&
    JSON.stringify(before.scopes) === JSON.stringify(request.consent.scopes);
  const consent =
    before && sameConsent
      ? before
      : {
          givenBy: request.consent.givenBy,
          scopes: [...request.consent.scopes],
          givenAt: request.consent.givenAt ?? now.toISOString(),
          recordedBy: caller.subject,
        };
  const organisationId = earlier ? earlier.organisationId : caller.organisationId;
  const agency = request.implicatedAgency ? implicatedAgency(request.implicatedAgency) : undefined;
  const facts: ReferralAssessment['facts'] = {
    serviceType: request.serviceType,
    urgency: timing.urgency,
    rolesNeeded: rolesWithinConsent(request.serviceType, consent.scopes),
    countyCode: place.county.code,
    countyName: place.county.name,
    coarseLocation: coarsen(place.point),
    placePrecision: place.used,
    ...(timing.deadline ? { deadline: timing.deadline, clockRule: timing.rule } : {}),
    ...(request.language ? { language: request.language } : {}),
    // The register id only, for conflict checks: staff's own words stay sealed with the PII.
    ...(agency ? { implicated: [agency.key] } : {}),
    source: { kind: request.source.kind, ...(request.source.organisationId ? { organisationId: request.source.organisationId } : {}) },
    consentScopes: consent.scopes as ReferralAssessment['facts']['consentScopes'],
    ...(organisationId ? { organisationId } : {}),
  };
  return { facts, timing, place, consent, implicatedAgencyUnlisted: agency?.unlisted ?? false };
}

/** The fields only the confirmed volunteer may read (the brief), sealed at rest, never in an event. */
export const sensitivePartOf = (request: ReferralRequest) => ({
  subject: request.subject,
  referrer: request.referrer,
  narrative: request.narrative,
  town: request.town,
  landmark: request.landmark,
  location: request.location,
  implicatedAgency: request.implicatedAgency,
});

/** The request as kept for amendments: with the time consent was given filled in. */
export const storedRequest = (request: ReferralRequest, assessment: ReferralAssessment): ReferralRequest => ({
  ...request,
  consent: { ...request.consent, givenAt: assessment.consent.givenAt },
});

/**
 * The referral's stored fields that follow from a request and its assessment: one shape for a
 * submission, an amendment and a held referral released. A field the request no longer has (a
 * deadline) is undefined here, which an update unsets.
 */
export function assessedFields(request: ReferralRequest, assessment: ReferralAssessment, seal: (value: unknown) => SealedValue) {
  const { facts, timing, place } = assessment;
  return {
    facts,
    // Undefined once the agency is listed or gone, which an update unsets.
    implicatedAgencyUnlisted: assessment.implicatedAgencyUnlisted || undefined,
    timing: {
      clocks: timing.clocks,
      clockUrgency: timing.clockUrgency,
      ...(timing.rule ? { rule: timing.rule } : {}),
      ...(timing.urgencyChange ? { urgencyChange: timing.urgencyChange } : {}),
    },
    // The label names the town, which is sealed: it is shown to the worker (placeShown) and never stored in clear.
    place: { used: place.used, precisionKm: place.precisionKm },
    consent: assessment.consent,
    serviceType: facts.serviceType,
    urgency: facts.urgency,
    countyCode: facts.countyCode,
    countyName: facts.countyName,
    coarseLocation: facts.coarseLocation,
    deadline: facts.deadline,
    language: facts.language,
    sealed: seal(sensitivePartOf(request)),
    sealedRequest: seal(storedRequest(request, assessment)),
  };
}

/** The place as the worker reads it back in the answer to a submission or an amendment. */
export const placeShown = ({ used, label, precisionKm }: ResolvedPlace) => ({ used, label, precisionKm });
