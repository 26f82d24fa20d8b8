import type { Principal } from '@haki/platform-access';
import { assessReferral } from '../referrals/referral-request/referral-facts';
import { parseReferralRequest } from '../referrals/referral-request/referral-request';
import { missingField, NAME_NOT_GIVEN, toReferralRequest, type PhoneDraft } from './phone-draft';
import type { PhoneTime } from './phone-time';

// The request validator checks times against the real clock, so these drafts are built around it.
const NOW = new Date();
const hoursAgo = (hours: number, said = `${hours} hours ago`): PhoneTime => ({
  at: new Date(NOW.getTime() - hours * 3_600_000).toISOString(),
  said,
});
const hoursAhead = (hours: number, said = `in ${hours} hours`): PhoneTime => ({
  at: new Date(NOW.getTime() + hours * 3_600_000).toISOString(),
  said,
});
const PHONE = '+254712345678';
const INTAKE: Principal = { subject: 'phone-intake', roles: ['intake'] };

const base: PhoneDraft = { channel: 'sms', language: 'en', countyCode: 23, callBack: true, narrative: 'HAKI POSTMORTEM TURKANA' };

function requestFor(draft: PhoneDraft) {
  const made = toReferralRequest(draft, PHONE, NOW);
  if (!made.ok) throw new Error(`missing ${made.missing}`);
  return made.referral;
}
/** The request through the web API's own validator, then its clocks. */
const assessed = (draft: PhoneDraft) => assessReferral(parseReferralRequest(requestFor(draft).request), INTAKE, NOW);

describe('missingField', () => {
  it('asks for the kind of help, then the county, then the time the main clock runs from', () => {
    expect(missingField({ channel: 'sms', language: 'en' })).toBe('serviceType');
    expect(missingField({ channel: 'sms', language: 'en', serviceType: 'postmortem' })).toBe('county');
    expect(missingField({ ...base, serviceType: 'postmortem', death: { circumstance: 'custody' } })).toBe('deathTime');
    expect(missingField({ ...base, serviceType: 'torture-documentation' })).toBe('incidentTime');
    expect(missingField({ ...base, serviceType: 'detention-support', arrest: { charged: false } })).toBe('arrestTime');
    expect(missingField({ ...base, serviceType: 'medical-care', sexualViolence: {} })).toBe('incidentTime');
  });

  it('needs no time where no clock must run: legal aid, care for an illness', () => {
    expect(missingField({ ...base, serviceType: 'legal-aid' })).toBeUndefined();
    expect(missingField({ ...base, serviceType: 'medical-care', patient: 'prisoner' })).toBeUndefined();
  });

  it('an incomplete draft makes no request, and says what it lacks', () => {
    expect(toReferralRequest({ ...base, serviceType: 'postmortem' }, PHONE, NOW)).toEqual({ ok: false, missing: 'deathTime' });
  });
});

describe('toReferralRequest: the web form’s request, validated and clocked like any other', () => {
  it('a postmortem before a planned burial', () => {
    const draft: PhoneDraft = {
      ...base,
      serviceType: 'postmortem',
      town: 'Kakuma',
      death: { at: hoursAgo(14, 'last night'), circumstance: 'custody', plannedBurialAt: hoursAhead(50, 'saturday') },
    };
    const { request, channel } = requestFor(draft);
    expect(channel).toBe('sms');
    expect(request).toMatchObject({
      serviceType: 'postmortem',
      county: 'Turkana',
      town: 'Kakuma',
      language: 'en',
      source: { kind: 'hotline' },
      consent: { givenBy: 'none-yet', scopes: [] },
      subject: { name: NAME_NOT_GIVEN },
      referrer: { name: NAME_NOT_GIVEN, phone: PHONE },
      death: { at: draft.death!.at!.at, circumstance: 'custody', plannedBurialAt: draft.death!.plannedBurialAt!.at },
    });
    expect(request.narrative).toBe('HAKI POSTMORTEM TURKANA\n[By SMS. Times are estimates from: died last night; burial saturday.]');
    const assessment = assessed(draft);
    expect(assessment.timing.rule).toBe('postmortem-before-burial');
    expect(assessment.timing.urgency).toBe('urgent');
    expect(assessment.place.used).toBe('town');
  });

  it('a death with no circumstance said is "other"; with no burial, the default window runs', () => {
    const draft: PhoneDraft = { ...base, serviceType: 'postmortem', death: { at: hoursAgo(60, '2-3 days ago') } };
    expect(requestFor(draft).request).toMatchObject({ death: { circumstance: 'other' } });
    expect(assessed(draft).timing).toMatchObject({ rule: 'postmortem-default-window', urgency: 'critical' });
  });

  it('torture documentation: unsaid, recent injuries are taken to show; old ones not', () => {
    const recent: PhoneDraft = { ...base, serviceType: 'torture-documentation', incident: { at: hoursAgo(30) } };
    expect(requestFor(recent).request).toMatchObject({ incident: { injuriesVisible: true } });
    expect(assessed(recent).timing.rule).toBe('injuries-visible');
    const old: PhoneDraft = { ...base, serviceType: 'torture-documentation', incident: { at: hoursAgo(400) } };
    expect(requestFor(old).request).toMatchObject({ incident: { injuriesVisible: false } });
    const said: PhoneDraft = { ...base, serviceType: 'torture-documentation', incident: { at: hoursAgo(30), injuriesVisible: false } };
    expect(requestFor(said).request).toMatchObject({ incident: { injuriesVisible: false } });
  });

  it('sexual violence with no time of its own takes the incident’s, and starts the PEP clock', () => {
    const draft: PhoneDraft = { ...base, serviceType: 'torture-documentation', incident: { at: hoursAgo(30) }, sexualViolence: {} };
    expect(requestFor(draft).request).toMatchObject({ sexualViolence: { at: draft.incident!.at!.at } });
    expect(assessed(draft).timing.rule).toBe('post-exposure-prophylaxis');
  });

  it('medical care: a survivor unless said to be a prisoner; an illness has no incident', () => {
    const survivor: PhoneDraft = { ...base, serviceType: 'medical-care', sexualViolence: { at: hoursAgo(20) } };
    expect(requestFor(survivor).request).toMatchObject({ patient: 'survivor', sexualViolence: { at: survivor.sexualViolence!.at!.at } });
    expect(assessed(survivor).timing.urgency).toBe('urgent');
    const prisoner: PhoneDraft = { ...base, serviceType: 'medical-care', patient: 'prisoner' };
    expect(requestFor(prisoner).request).not.toHaveProperty('incident');
    expect(assessed(prisoner).timing.urgency).toBe('normal');
  });

  it('someone held: unsaid, not yet charged, so the 24-hour court clock runs', () => {
    const draft: PhoneDraft = { ...base, serviceType: 'detention-support', arrest: { at: hoursAgo(10) } };
    expect(requestFor(draft).request).toMatchObject({ arrest: { charged: false } });
    expect(assessed(draft).timing).toMatchObject({ rule: 'court-within-24-hours', urgency: 'critical' });
  });

  it('legal aid, with or without an arrest', () => {
    expect(requestFor({ ...base, serviceType: 'legal-aid' }).request).not.toHaveProperty('arrest');
    const arrested: PhoneDraft = { ...base, serviceType: 'legal-aid', arrest: { at: hoursAgo(5), charged: true } };
    expect(requestFor(arrested).request).toMatchObject({ arrest: { charged: true } });
    expect(() => assessed(arrested)).not.toThrow();
  });

  it('consent: the person harmed or their family consent; anyone else leaves it for staff to ask', () => {
    const postmortem: PhoneDraft = { ...base, channel: 'ussd', serviceType: 'postmortem', death: { at: hoursAgo(5) } };
    const family = requestFor({ ...postmortem, referrer: 'family', sharingConsent: true, callBack: true }).request;
    expect(family.source).toEqual({ kind: 'family' });
    expect(family.consent).toEqual({ givenBy: 'next-of-kin', scopes: ['share-with-doctor', 'share-with-lawyer', 'contact-by-sms'] });
    expect(assessed({ ...postmortem, referrer: 'family', sharingConsent: true }).facts.rolesNeeded).toEqual([
      'forensic-pathologist',
      'advocate',
    ]);

    const torture: PhoneDraft = { ...base, channel: 'ussd', serviceType: 'torture-documentation', incident: { at: hoursAgo(5) } };
    const callFirst = requestFor({ ...torture, referrer: 'self', sharingConsent: false, callBack: true }).request;
    expect(callFirst.consent).toEqual({ givenBy: 'survivor', scopes: ['contact-by-sms'] });
    expect(assessed({ ...torture, referrer: 'self', sharingConsent: false }).facts.rolesNeeded).toEqual([]);

    const church = requestFor({ ...torture, referrer: 'church', sharingConsent: true, callBack: true }).request;
    expect(church.source).toEqual({ kind: 'church' });
    expect(church.consent).toEqual({ givenBy: 'none-yet', scopes: [] });
  });

  it('keeps the phone number only when the referrer agreed to be called on it', () => {
    const draft: PhoneDraft = { ...base, serviceType: 'legal-aid', referrer: 'ngo', callBack: false };
    expect(requestFor(draft).request.referrer).toEqual({ name: NAME_NOT_GIVEN });
    expect(requestFor({ ...draft, callBack: true }).request.referrer).toEqual({ name: NAME_NOT_GIVEN, phone: PHONE });
  });

  it('records a Swahili referrer’s language as sw, which the roster matches on', () => {
    const draft: PhoneDraft = { ...base, language: 'sw', serviceType: 'legal-aid' };
    expect(parseReferralRequest(requestFor(draft).request).language).toBe('sw');
  });
});
