// The words every part of Haki shares: the kinds of help the network gives, how urgent a case is,
// the professional roles, and which roles make up the team for each kind of help. Intake, matching,
// the event contracts and the simulator all speak this vocabulary, so it lives apart from matching
// policy: knowing what a postmortem needs must not require importing how Haki ranks pathologists.
// Plain constants and pure functions; the language table comes from iso-639-1.

export const SERVICE_TYPES = ['postmortem', 'torture-documentation', 'medical-care', 'legal-aid', 'detention-support'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/**
 * Names a service type had before, and what it is called now: stored data and events written before
 * the rename still read. `detention-medical` (medical care for a prisoner) is `medical-care` for a
 * patient who is a prisoner.
 */
export const RENAMED_SERVICE_TYPES: Readonly<Record<string, ServiceType>> = { 'detention-medical': 'medical-care' };
export const currentServiceType = <T extends string>(name: T): T | ServiceType => RENAMED_SERVICE_TYPES[name] ?? name;

export const URGENCIES = ['critical', 'urgent', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const ROLES = ['forensic-pathologist', 'clinician', 'psychologist', 'advocate'] as const;
export type Role = (typeof ROLES)[number];

export interface TeamMember {
  role: Role;
  /** A required role left unfilled escalates to ops; an optional one (an observing advocate) does not. */
  required: boolean;
}

/** The default team for each kind of help, lead role first (the one offered before any other). */
export const SERVICE_TEAMS: { readonly [S in ServiceType]: readonly TeamMember[] } = {
  postmortem: [
    { role: 'forensic-pathologist', required: true },
    { role: 'advocate', required: false },
  ],
  'torture-documentation': [
    { role: 'clinician', required: true },
    { role: 'psychologist', required: false },
    { role: 'advocate', required: false },
  ],
  'medical-care': [{ role: 'clinician', required: true }],
  'legal-aid': [{ role: 'advocate', required: true }],
  // Someone held now: a lawyer to the station before the 24-hour court deadline, a doctor to see them if they can.
  'detention-support': [
    { role: 'advocate', required: true },
    { role: 'clinician', required: false },
  ],
};

/** The roles a service type's team needs, lead first. */
export const teamRolesFor = (serviceType: ServiceType): Role[] => SERVICE_TEAMS[serviceType].map((member) => member.role);

export { languageCode } from './languages';
export * from './referral-terms';
export * from './medico-legal-clocks';
export * from './nairobi-time';
export { agencyKey, agencyWords, isAgencyKey, AGENCY_KINDS, type AgencyKind, type AgencyWords } from './agencies';
export { registerProblems, type RegisteredAgency } from './agency-register';
export {
  AGENCY_REGISTER,
  registeredAgency,
  resolveAgency,
  unknownAgencyReason,
  type AgencyResolution,
  type AgencySuggestion,
} from './resolve-agency';
export * from './protocol-checklists';
export * from './case-sla-targets';
export * from './case-terms';
export { toE164 } from './phone-number';
