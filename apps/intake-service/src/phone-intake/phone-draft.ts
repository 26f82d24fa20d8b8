import type { z } from 'zod';
import { findCounty } from '@haki/geography';
import { VISIBLE_INJURY_WINDOW_HOURS, type ConsentScope, type ReferralSource, type ServiceType } from '@haki/vocabulary';
import type { referralRequest } from '../referrals/referral-request/referral-request';
import type { PhoneTime } from './phone-time';

// What a referrer on a basic phone tells Haki, by USSD menu or by SMS, and how it becomes the very
// request the web form submits: the same validation, sealing, clocks, duplicate check and events
// follow, with nothing special for phones past this point.

export const PHONE_CHANNELS = ['ussd', 'sms'] as const;
export type PhoneChannel = (typeof PHONE_CHANNELS)[number];
export type PhoneLanguage = 'en' | 'sw';

/** Who is on the phone. "other" is a friend, neighbour or witness. */
export const PHONE_REFERRERS = ['self', 'family', 'church', 'ngo', 'other'] as const;
export type PhoneReferrer = (typeof PHONE_REFERRERS)[number];

/** The answers so far. Every field but the channel and language may still be missing. */
export interface PhoneDraft {
  channel: PhoneChannel;
  language: PhoneLanguage;
  serviceType?: ServiceType;
  countyCode?: number;
  /** The nearest town or village, as typed (a name the places list lacks is kept: the county HQ stands in). */
  town?: string;
  /** What happened, in the referrer's words: sealed, read only by the volunteer confirmed on the case. */
  narrative?: string;
  death?: { at?: PhoneTime; circumstance?: 'custody' | 'protest' | 'other'; plannedBurialAt?: PhoneTime };
  incident?: { at?: PhoneTime; injuriesVisible?: boolean };
  /** Present when there was sexual violence; its time is the incident's when not given apart. */
  sexualViolence?: { at?: PhoneTime };
  arrest?: { at?: PhoneTime; charged?: boolean };
  patient?: 'survivor' | 'prisoner';
  referrer?: PhoneReferrer;
  /** The person harmed (or their family) lets Haki share the case with a volunteer doctor or lawyer. */
  sharingConsent?: boolean;
  /**
   * Who gave that consent when the referrer relayed it (an SMS asks "does the family, or the person
   * harmed, agree?"); unset, only the person harmed or their family on the phone can give it.
   */
  consentBy?: 'survivor' | 'next-of-kin';
  /** The referrer may be called back on the phone they used. */
  callBack?: boolean;
}

/** A field a draft cannot go without, most important first: the one thing to ask about next. */
export type MissingField = 'serviceType' | 'county' | 'deathTime' | 'incidentTime' | 'arrestTime';

/**
 * The most important thing the draft still lacks, or undefined when it can become a referral. Only
 * what neither a default nor the call back can supply is asked: the kind of help, where, and the
 * time the main clock runs from.
 */
export function missingField(draft: PhoneDraft): MissingField | undefined {
  if (!draft.serviceType) return 'serviceType';
  if (draft.countyCode === undefined) return 'county';
  switch (draft.serviceType) {
    case 'postmortem':
      return draft.death?.at ? undefined : 'deathTime';
    case 'torture-documentation':
      return draft.incident?.at ? undefined : 'incidentTime';
    case 'detention-support':
      return draft.arrest?.at ? undefined : 'arrestTime';
    case 'medical-care':
      // Care for a prisoner's illness has no incident; sexual violence without any time does.
      return draft.sexualViolence && !draft.sexualViolence.at && !draft.incident?.at ? 'incidentTime' : undefined;
    case 'legal-aid':
      return undefined;
  }
}

/** What the web API's referral schema takes in (before its transforms), exactly. */
export type ReferralRequestBody = z.input<typeof referralRequest>;

/** A complete draft as a referral request, and the channel it came by (see CHANNEL below). */
export interface PhoneReferral {
  request: ReferralRequestBody;
  channel: PhoneChannel;
}

/**
 * The request schema requires names. A phone referral carries none on purpose: a USSD session passes
 * through the operator's logs, and an SMS sits on a phone the police may take. Staff ask for names on
 * the call back and amend the referral.
 */
export const NAME_NOT_GIVEN = 'Not given (phone referral)';

/**
 * REFERRAL_SOURCES says who referred, not how; a phone referrer who is neither the person harmed,
 * family, a church nor an NGO reached the network's line directly, which is what "hotline" records.
 */
const SOURCE_OF: { readonly [R in PhoneReferrer]: ReferralSource } = {
  self: 'self',
  family: 'family',
  church: 'church',
  ngo: 'ngo',
  other: 'hotline',
};

/**
 * The consent a phone referral carries. Only the person harmed, or their family, can consent to
 * sharing; anyone else's referral waits for staff to ask them (`none-yet`, which the schema requires to
 * carry no scopes). Being called back is the `contact-by-sms` scope: contact on the phone given.
 */
function consentOf(draft: PhoneDraft): ReferralRequestBody['consent'] {
  const givenBy = draft.consentBy ?? (draft.referrer === 'self' ? 'survivor' : draft.referrer === 'family' ? 'next-of-kin' : undefined);
  if (!givenBy || draft.sharingConsent === undefined) return { givenBy: 'none-yet', scopes: [] };
  const scopes: ConsentScope[] = draft.sharingConsent ? ['share-with-doctor', 'share-with-lawyer'] : [];
  if (draft.callBack) scopes.push('contact-by-sms');
  return { givenBy, scopes };
}

const CHANNEL_NAME: { readonly [C in PhoneChannel]: string } = { ussd: 'USSD menu', sms: 'SMS' };

/** The referrer's words, then how the times were given: staff must see they are estimates to confirm. */
function narrativeOf(draft: PhoneDraft): string {
  const said = [
    draft.death?.at && `died ${draft.death.at.said}`,
    draft.death?.plannedBurialAt && `burial ${draft.death.plannedBurialAt.said}`,
    draft.incident?.at && `happened ${draft.incident.at.said}`,
    draft.sexualViolence?.at && `sexual violence ${draft.sexualViolence.at.said}`,
    draft.arrest?.at && `arrested ${draft.arrest.at.said}`,
  ].filter(Boolean);
  const note = `[By ${CHANNEL_NAME[draft.channel]}.${said.length > 0 ? ` Times are estimates from: ${said.join('; ')}.` : ''}]`;
  return [draft.narrative?.trim(), note].filter(Boolean).join('\n');
}

const HOUR_MS = 3_600_000;

/** The clock facts of the draft's kind of help, with the defaults a call back can correct. */
function kindFacts(draft: PhoneDraft, now: Date): Record<string, unknown> {
  const incidentAt = draft.incident?.at;
  const sexualViolenceAt = draft.sexualViolence?.at ?? incidentAt;
  const sexualViolence = draft.sexualViolence && sexualViolenceAt ? { sexualViolence: { at: sexualViolenceAt.at } } : {};
  // Unsaid, injuries are taken to show while they still could: documenting too early costs little, too late loses them.
  const visible = (at: PhoneTime) =>
    draft.incident?.injuriesVisible ?? now.getTime() - Date.parse(at.at) < VISIBLE_INJURY_WINDOW_HOURS * HOUR_MS;
  // Unsaid, the person is taken as not charged: the 24-hour court clock then runs, which errs on the side of acting.
  const arrest = draft.arrest?.at ? { arrest: { at: draft.arrest.at.at, charged: draft.arrest.charged ?? false } } : {};
  switch (draft.serviceType!) {
    case 'postmortem':
      return {
        death: {
          at: draft.death!.at!.at,
          circumstance: draft.death?.circumstance ?? 'other',
          ...(draft.death?.plannedBurialAt ? { plannedBurialAt: draft.death.plannedBurialAt.at } : {}),
        },
      };
    case 'torture-documentation':
      return { incident: { at: incidentAt!.at, injuriesVisible: visible(incidentAt!) }, ...sexualViolence };
    case 'medical-care':
      return {
        patient: draft.patient ?? 'survivor',
        ...(incidentAt ? { incident: { at: incidentAt.at, injuriesVisible: visible(incidentAt) } } : {}),
        ...sexualViolence,
      };
    case 'legal-aid':
      return arrest;
    case 'detention-support':
      return arrest;
  }
}

/**
 * The web form's referral request for a complete draft, as the referrer on `phone` gave it at `now`.
 *
 * CHANNEL: the request has no field for how a referral arrived (`source` is strict and says who
 * referred), so the channel travels beside it. The proposal is an optional `source.channel`
 * ('web' | 'ussd' | 'sms'), added to the request schema and to `referral.submitted` as a new optional
 * field; until then the caller records `channel` with the referral it creates.
 */
export function toReferralRequest(
  draft: PhoneDraft,
  phone: string,
  now: Date,
): { ok: true; referral: PhoneReferral } | { ok: false; missing: MissingField } {
  const missing = missingField(draft);
  if (missing) return { ok: false, missing };
  const request = {
    serviceType: draft.serviceType!,
    county: findCounty(draft.countyCode!)!.name,
    ...(draft.town ? { town: draft.town } : {}),
    language: draft.language,
    source: { kind: SOURCE_OF[draft.referrer ?? 'other'] },
    consent: consentOf(draft),
    subject: { name: NAME_NOT_GIVEN },
    // The number is kept only when the referrer agreed to be called on it.
    referrer: { name: NAME_NOT_GIVEN, ...(draft.callBack ? { phone } : {}) },
    narrative: narrativeOf(draft),
    ...kindFacts(draft, now),
  } as ReferralRequestBody;
  return { ok: true, referral: { request, channel: draft.channel } };
}
