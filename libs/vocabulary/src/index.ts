// The words every part of Haki shares: the kinds of help the network gives, how urgent a case is,
// the professional roles, and which roles make up the team for each kind of help. Intake, matching,
// the event contracts and the simulator all speak this vocabulary, so it lives apart from matching
// policy: knowing what a postmortem needs must not require importing how Haki ranks pathologists.
// Plain constants and pure functions; the language table comes from iso-639-1.

export const SERVICE_TYPES = ['postmortem', 'torture-documentation', 'detention-medical', 'legal-aid'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

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
  'detention-medical': [{ role: 'clinician', required: true }],
  'legal-aid': [{ role: 'advocate', required: true }],
};

/** The roles a service type's team needs, lead first. */
export const teamRolesFor = (serviceType: ServiceType): Role[] => SERVICE_TEAMS[serviceType].map((member) => member.role);

export { languageCode } from './languages';
export { agencyKey, AGENCY_KINDS, type AgencyKind } from './agencies';
