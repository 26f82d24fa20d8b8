import type { Role } from './index';

/** Who brought the referral to the network: reported as data, never read from the sealed narrative. */
export const REFERRAL_SOURCES = [
  'family',
  'church',
  'ngo',
  'advocate',
  'prison-visit',
  'police-cell-visit',
  'hospital',
  'self',
  'hotline',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

/** Who consented: the survivor, the next of kin (for the dead, or a survivor who cannot), or nobody yet. */
export const CONSENT_GIVERS = ['survivor', 'next-of-kin', 'none-yet'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];

/** What they consented to; each scope is a separate yes. */
export const CONSENT_SCOPES = ['share-with-doctor', 'share-with-lawyer', 'contact-by-sms', 'anonymised-statistics'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** The consent a role needs before the case may be shared with someone in it. */
export const SHARING_CONSENT: { readonly [R in Role]: ConsentScope } = {
  'forensic-pathologist': 'share-with-doctor',
  clinician: 'share-with-doctor',
  psychologist: 'share-with-doctor',
  advocate: 'share-with-lawyer',
};

/** Whether the consent given lets the case go to someone in `role`. */
export const consentCovers = (scopes: readonly string[], role: Role): boolean => scopes.includes(SHARING_CONSENT[role]);
