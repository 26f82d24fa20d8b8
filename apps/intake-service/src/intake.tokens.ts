/** Injection tokens of the intake service. */
export const REFERRALS = Symbol('REFERRALS');
export const REFERRALS_OUTBOX = Symbol('REFERRALS_OUTBOX');
export const BRIEF_ACCESS = Symbol('BRIEF_ACCESS');
export const BRIEF_OPENINGS = Symbol('BRIEF_OPENINGS');
export const INCIDENT_INDEX = Symbol('INCIDENT_INDEX');
export const ORGANISATIONS = Symbol('ORGANISATIONS');
export const REFERRAL_CHANGES = Symbol('REFERRAL_CHANGES');
export const REFERRER_PHONES = Symbol('REFERRER_PHONES');
export const AWAITING_CALL_BACK = Symbol('AWAITING_CALL_BACK');
export const PHONE_INTAKE_REDIS = Symbol('PHONE_INTAKE_REDIS');
export const REFERRAL_REFERENCES = Symbol('REFERRAL_REFERENCES');
export const CONTACT_SEALER = Symbol('CONTACT_SEALER');
