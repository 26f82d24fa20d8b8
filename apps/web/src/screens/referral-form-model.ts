import { parseNairobiTime, readClocks, type ClockFacts, type ServiceType, type Timing } from '@haki/vocabulary';

/** What the intake form holds: strings as typed (times as the browser's "YYYY-MM-DDTHH:MM"), booleans for boxes. */
export interface ReferralDraft {
  serviceType: ServiceType;
  county: string;
  town: string;
  location?: { lat: number; lon: number };
  deathAt: string;
  circumstance: 'custody' | 'protest' | 'other';
  burialAt: string;
  releaseAt: string;
  incidentAt: string;
  injuriesVisible: boolean;
  sexualViolence: boolean;
  sexualViolenceAt: string;
  patient: 'survivor' | 'prisoner';
  arrestAt: string;
  charged: boolean;
  matter: string;
  subjectName: string;
  referrerName: string;
  referrerPhone: string;
  sourceKind: string;
  narrative: string;
  consentGivenBy: 'survivor' | 'next-of-kin' | 'none-yet';
  scopes: string[];
}

export const emptyDraft = (): ReferralDraft => ({
  serviceType: 'postmortem',
  county: '',
  town: '',
  deathAt: '',
  circumstance: 'custody',
  burialAt: '',
  releaseAt: '',
  incidentAt: '',
  injuriesVisible: true,
  sexualViolence: false,
  sexualViolenceAt: '',
  patient: 'survivor',
  arrestAt: '',
  charged: false,
  matter: '',
  subjectName: '',
  referrerName: '',
  referrerPhone: '',
  sourceKind: 'family',
  narrative: '',
  consentGivenBy: 'next-of-kin',
  scopes: ['share-with-doctor', 'share-with-lawyer'],
});

/** The fields each kind of help asks for, beyond the common ones (intake's KIND_FIELDS, as inputs). */
export const KIND_INPUTS: Record<ServiceType, readonly string[]> = {
  postmortem: ['deathAt', 'circumstance', 'burialAt', 'releaseAt'],
  'torture-documentation': ['incidentAt', 'injuriesVisible', 'sexualViolence'],
  'medical-care': ['patient', 'incidentAt', 'injuriesVisible', 'sexualViolence'],
  'legal-aid': ['arrestAt', 'charged', 'matter'],
  'detention-support': ['arrestAt', 'charged'],
};

/** The browser's datetime-local value as intake reads times: "YYYY-MM-DD HH:MM", Nairobi time. */
const nairobi = (value: string) => value.replace('T', ' ');

/** The request body intake's schema takes (POST /api/intake/referrals); empty optional fields left out. */
export function requestOf(draft: ReferralDraft): Record<string, unknown> {
  const incident = draft.incidentAt ? { incident: { at: nairobi(draft.incidentAt), injuriesVisible: draft.injuriesVisible } } : {};
  const sexualViolence = draft.sexualViolence ? { sexualViolence: { at: nairobi(draft.sexualViolenceAt) } } : {};
  const arrest = draft.arrestAt ? { arrest: { at: nairobi(draft.arrestAt), charged: draft.charged } } : {};
  const kind: Record<ServiceType, Record<string, unknown>> = {
    postmortem: {
      death: {
        at: nairobi(draft.deathAt),
        circumstance: draft.circumstance,
        ...(draft.burialAt ? { plannedBurialAt: nairobi(draft.burialAt) } : {}),
        ...(draft.releaseAt ? { bodyReleaseAt: nairobi(draft.releaseAt) } : {}),
      },
    },
    // Torture documentation always needs the incident (its clock runs on it).
    'torture-documentation': { incident: { at: nairobi(draft.incidentAt), injuriesVisible: draft.injuriesVisible }, ...sexualViolence },
    'medical-care': { patient: draft.patient, ...incident, ...sexualViolence },
    'legal-aid': { ...arrest, ...(draft.matter.trim() ? { matter: draft.matter.trim() } : {}) },
    'detention-support': { arrest: { at: nairobi(draft.arrestAt), charged: draft.charged } },
  };
  return {
    serviceType: draft.serviceType,
    ...kind[draft.serviceType],
    ...(draft.county ? { county: draft.county } : {}),
    ...(draft.town.trim() ? { town: draft.town.trim() } : {}),
    ...(draft.location ? { location: draft.location } : {}),
    source: { kind: draft.sourceKind },
    consent: { givenBy: draft.consentGivenBy, scopes: draft.consentGivenBy === 'none-yet' ? [] : draft.scopes },
    subject: { name: draft.subjectName.trim() },
    referrer: { name: draft.referrerName.trim(), ...(draft.referrerPhone.trim() ? { phone: draft.referrerPhone.trim() } : {}) },
    ...(draft.narrative.trim() ? { narrative: draft.narrative.trim() } : {}),
  };
}

/** The clocks the draft starts, read with the same rules intake applies (libs/vocabulary), as the worker types. */
export function liveTiming(draft: ReferralDraft, now: Date): Timing {
  const at = (value: string) => (value ? parseNairobiTime(nairobi(value)) : undefined);
  const facts: ClockFacts = {};
  const uses = (input: string) => KIND_INPUTS[draft.serviceType].includes(input);
  const deathAt = at(draft.deathAt);
  if (uses('deathAt') && deathAt) {
    const plannedBurialAt = at(draft.burialAt);
    const bodyReleaseAt = at(draft.releaseAt);
    facts.death = { at: deathAt, ...(plannedBurialAt ? { plannedBurialAt } : {}), ...(bodyReleaseAt ? { bodyReleaseAt } : {}) };
  }
  const incidentAt = at(draft.incidentAt);
  if (uses('incidentAt') && incidentAt) facts.injuries = { at: incidentAt, visible: draft.injuriesVisible };
  const assaultAt = at(draft.sexualViolenceAt);
  if (uses('sexualViolence') && draft.sexualViolence && assaultAt) facts.sexualViolence = { at: assaultAt };
  const arrestAt = at(draft.arrestAt);
  if (uses('arrestAt') && arrestAt) facts.arrest = { at: arrestAt, charged: draft.charged };
  return readClocks(facts, now);
}

/** intake's field paths ("death.at") for the form's inputs, so a 400 lands under the right box. */
export const FIELD_OF_INPUT: Record<string, string[]> = {
  deathAt: ['death.at', 'death'],
  circumstance: ['death.circumstance'],
  burialAt: ['death.plannedBurialAt'],
  releaseAt: ['death.bodyReleaseAt'],
  incidentAt: ['incident.at', 'incident'],
  sexualViolenceAt: ['sexualViolence.at'],
  arrestAt: ['arrest.at', 'arrest'],
  patient: ['patient'],
  matter: ['matter'],
  county: ['county'],
  town: ['town', 'location', 'location.lat', 'location.lon'],
  subjectName: ['subject.name', 'subject'],
  referrerName: ['referrer.name', 'referrer'],
  referrerPhone: ['referrer.phone'],
  sourceKind: ['source.kind', 'source'],
  consentGivenBy: ['consent.givenBy', 'consent', 'consent.scopes'],
  narrative: ['narrative'],
};
