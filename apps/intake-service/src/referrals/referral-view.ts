import { formatNairobiTime } from '@haki/vocabulary';
import type { Principal } from '@haki/platform-access';
import type { ReferralDocument } from './referral.model';

/** A referral as the intake worker reads it back: what was decided and why, no sealed field. */
export interface ReferralView {
  referralId: string;
  status: ReferralDocument['status'];
  serviceType: string;
  county: string;
  urgency: string;
  /** Nairobi time, "2026-12-05T10:00:00+03:00". */
  deadline?: string;
  /** The rule that set the deadline, and every clock the facts started, in the worker's words. */
  rule?: string;
  clocks?: { rule: string; deadline: string; explanation: string; passed: boolean }[];
  urgencyChange?: { from: string; to: string; reason: string };
  /** The point matching ranks from: GPS, a town or the county HQ, and how far off it may be. */
  place?: { used: string; label?: string; precisionKm: number };
  rolesNeeded?: string[];
  consent?: { givenBy: string; scopes: string[]; givenAt: string };
  /** Open cases of the same person, day and county: link to one, or keep this separate. */
  probableDuplicates?: string[];
  /** Cases of other organisations it may duplicate: shown to supervisors only. */
  duplicatesElsewhere?: string[];
  linkedTo?: string;
  /**
   * The implicated agency is not in the network's agency register. The referral goes on, but a
   * volunteer's declared conflict with it may be missed until ops add it to the register.
   */
  implicatedAgencyUnlisted?: true;
  /** What the worker must do before matching starts, in words. */
  waitingFor?: string;
  /** `ussd` or `sms` for a referral from a basic phone, with the reference its referrer was given. */
  channel?: string;
  reference?: string;
}

const WAITING_FOR: Partial<Record<ReferralDocument['status'], string>> = {
  'awaiting-consent':
    'consent: nobody has agreed yet to share the case with the professional it needs; amend the consent to start matching',
  'possible-duplicate': 'a decision: this looks like a case already open; link it to that case or keep it separate',
  'awaiting-call-back':
    'a call-back: it came by phone from a number the network does not know; call the referrer back, then record it as genuine or not',
};

/** Another organisation's possible duplicate is decided by a supervisor, and named to supervisors only. */
const WAITING_FOR_SUPERVISOR = 'a supervisor: a case reported by another organisation may be the same incident';

export function referralView(referral: ReferralDocument, caller: Principal): ReferralView {
  const { timing, place, consent, facts } = referral;
  const supervisor = caller.roles.includes('supervisor');
  const elsewhere = referral.status === 'possible-duplicate' && Boolean(referral.duplicatesElsewhere?.length);
  const waitingFor = elsewhere && !supervisor ? WAITING_FOR_SUPERVISOR : WAITING_FOR[referral.status];
  return {
    referralId: referral._id,
    status: referral.status,
    serviceType: referral.serviceType,
    county: referral.countyName,
    urgency: referral.urgency,
    ...(referral.deadline ? { deadline: formatNairobiTime(new Date(referral.deadline)) } : {}),
    ...(timing?.rule ? { rule: timing.rule } : {}),
    ...(timing ? { clocks: timing.clocks } : {}),
    ...(timing?.urgencyChange ? { urgencyChange: timing.urgencyChange } : {}),
    ...(place ? { place } : {}),
    ...(facts ? { rolesNeeded: facts.rolesNeeded } : {}),
    ...(consent
      ? { consent: { givenBy: consent.givenBy, scopes: consent.scopes, givenAt: formatNairobiTime(new Date(consent.givenAt)) } }
      : {}),
    ...(referral.probableDuplicates?.length ? { probableDuplicates: referral.probableDuplicates } : {}),
    ...(supervisor && referral.duplicatesElsewhere?.length ? { duplicatesElsewhere: referral.duplicatesElsewhere } : {}),
    ...(referral.linkedTo ? { linkedTo: referral.linkedTo } : {}),
    ...(referral.implicatedAgencyUnlisted ? { implicatedAgencyUnlisted: true as const } : {}),
    ...(waitingFor ? { waitingFor } : {}),
    ...(referral.channel ? { channel: referral.channel } : {}),
    ...(referral.reference ? { reference: referral.reference } : {}),
  };
}
