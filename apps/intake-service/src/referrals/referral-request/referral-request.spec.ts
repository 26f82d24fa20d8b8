import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { formatNairobiTime, type ClockRule } from '@haki/vocabulary';
import { assessReferral } from './referral-facts';
import { parseReferralRequest } from './referral-request';

const NOW = new Date();
const hoursFromNow = (hours: number) => formatNairobiTime(NOW.getTime() + hours * 3_600_000).slice(0, 16); // "2026-12-05T10:00", Nairobi
const INTAKE: Principal = { subject: 'intake.lodwar', roles: ['intake'], organisationId: 'org-lodwar-parish' };
const SUPERVISOR: Principal = { subject: 'sup.nairobi', roles: ['supervisor'] };
const ALL_CONSENT = {
  givenBy: 'next-of-kin',
  scopes: ['share-with-doctor', 'share-with-lawyer', 'contact-by-sms', 'anonymised-statistics'],
};

const common = {
  county: 'Turkana',
  source: { kind: 'church', organisationId: 'org-lodwar-parish' },
  consent: ALL_CONSENT,
  subject: { name: 'Ekai Lokwang' },
  referrer: { name: 'Lodwar parish office', phone: '+254 700 123456' },
};

function problems(body: unknown): string[] {
  try {
    parseReferralRequest(body);
    return [];
  } catch (error) {
    return ((error as HakiError).fields ?? []).map((f) => `${f.field}: ${f.reason}`);
  }
}
const assess = (body: unknown, caller = INTAKE) => assessReferral(parseReferralRequest(body), caller, NOW);

// Every kind of help with the facts that start each of its clocks: the rule and urgency that must follow.
const TABLE: [string, Record<string, unknown>, ClockRule | undefined, string][] = [
  [
    'postmortem before the burial',
    { serviceType: 'postmortem', death: { at: hoursFromNow(-20), circumstance: 'custody', plannedBurialAt: hoursFromNow(60) } },
    'postmortem-before-burial',
    'urgent',
  ],
  [
    'postmortem before release',
    { serviceType: 'postmortem', death: { at: hoursFromNow(-20), circumstance: 'protest', bodyReleaseAt: hoursFromNow(10) } },
    'postmortem-before-release',
    'critical',
  ],
  [
    'postmortem default window',
    { serviceType: 'postmortem', death: { at: hoursFromNow(-20), circumstance: 'custody' } },
    'postmortem-default-window',
    'urgent',
  ],
  [
    'torture documentation, visible injuries',
    { serviceType: 'torture-documentation', incident: { at: hoursFromNow(-30), injuriesVisible: true } },
    'injuries-visible',
    'normal',
  ],
  [
    'torture documentation with sexual violence',
    {
      serviceType: 'torture-documentation',
      incident: { at: hoursFromNow(-30), injuriesVisible: true },
      sexualViolence: { at: hoursFromNow(-30) },
    },
    'post-exposure-prophylaxis',
    'urgent',
  ],
  [
    'torture documentation, old scars',
    { serviceType: 'torture-documentation', incident: { at: hoursFromNow(-2000), injuriesVisible: false } },
    undefined,
    'normal',
  ],
  [
    'medical care for a survivor of sexual violence',
    { serviceType: 'medical-care', patient: 'survivor', sexualViolence: { at: hoursFromNow(-100) } },
    'emergency-contraception',
    'critical',
  ],
  [
    'medical care for a prisoner',
    { serviceType: 'medical-care', patient: 'prisoner', incident: { at: hoursFromNow(-10), injuriesVisible: true } },
    'injuries-visible',
    'normal',
  ],
  ['medical care, no clock', { serviceType: 'medical-care', patient: 'prisoner' }, undefined, 'normal'],
  [
    'legal aid after an arrest',
    { serviceType: 'legal-aid', arrest: { at: hoursFromNow(-3), charged: false } },
    'court-within-24-hours',
    'critical',
  ],
  ['legal aid with a court date', { serviceType: 'legal-aid', deadline: hoursFromNow(48) }, 'staff-deadline', 'urgent'],
  ['legal aid, charged already', { serviceType: 'legal-aid', arrest: { at: hoursFromNow(-300), charged: true } }, undefined, 'normal'],
  [
    'detention support, held since this morning',
    { serviceType: 'detention-support', arrest: { at: hoursFromNow(-5), charged: false } },
    'court-within-24-hours',
    'critical',
  ],
];

describe('each kind of help and its medico-legal clocks', () => {
  it.each(TABLE)('%s', (_name, kind, rule, urgency) => {
    const { facts, timing } = assess({ ...common, ...kind });
    expect(timing.rule).toBe(rule);
    expect(facts.clockRule).toBe(rule);
    expect(facts.urgency).toBe(urgency);
    expect(facts.deadline === undefined).toBe(rule === undefined);
    if (rule) expect(timing.clocks.find((clock) => clock.rule === rule)?.explanation).toMatch(/\w+ \d+ \w+ \d\d:\d\d/);
  });

  it('refuses the facts of another kind, and names the kind a referral must be', () => {
    expect(problems({ ...common, serviceType: 'legal-aid', death: { at: hoursFromNow(-1), circumstance: 'custody' } })).toEqual([
      expect.stringMatching(/^\(root\)|death/),
    ]);
    expect(problems({ ...common, serviceType: 'detention-medical' })).toEqual([
      expect.stringMatching(/^serviceType: must be one of postmortem/),
    ]);
    expect(problems({ ...common, serviceType: 'postmortem' })).toEqual([expect.stringMatching(/^death: /)]);
  });
});

describe('urgency staff choose', () => {
  const death = { serviceType: 'postmortem', death: { at: hoursFromNow(-20), circumstance: 'custody', plannedBurialAt: hoursFromNow(60) } };

  it('may be raised with a reason', () => {
    const { facts, timing } = assess({
      ...common,
      ...death,
      urgency: 'critical',
      urgencyReason: 'family fears the police will move the body',
    });
    expect(facts.urgency).toBe('critical');
    expect(timing.urgencyChange).toEqual({ from: 'urgent', to: 'critical', reason: 'family fears the police will move the body' });
  });

  it('needs a reason to differ from the clocks, and a supervisor to be lower', () => {
    expect(() => assess({ ...common, ...death, urgency: 'critical' })).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ field: 'urgencyReason' })] }),
    );
    const lowered = { ...common, ...death, urgency: 'normal', urgencyReason: 'burial postponed, family will confirm' };
    expect(() => assess(lowered)).toThrow(expect.objectContaining({ code: 'REFERRAL.URGENCY_NEEDS_SUPERVISOR' }));
    expect(assess(lowered, SUPERVISOR).facts.urgency).toBe('normal');
  });

  it("is the clocks' when staff give the same", () =>
    expect(assess({ ...common, ...death, urgency: 'urgent' }).timing.urgencyChange).toBeUndefined());
});

describe('places a worker names', () => {
  const base = { ...common, serviceType: 'legal-aid' };

  it('ranks from Kakuma itself, not from Lodwar, and says so', () => {
    const { place, facts } = assess({ ...base, town: 'Kakuma' });
    expect(place).toMatchObject({ used: 'town', label: 'Kakuma, Turkana County', precisionKm: 5 });
    expect(facts.coarseLocation).toEqual({ lat: 3.7, lon: 34.9 });
    expect(facts.placePrecision).toBe('town');
  });

  it('finds the county from the town alone, prefers GPS, and falls back to the HQ for a village it does not know', () => {
    expect(assess({ ...base, county: undefined, town: 'Kakuma' }).place.county.name).toBe('Turkana');
    expect(assess({ ...base, town: 'Kakuma', location: { lat: 3.72, lon: 34.86 } }).place).toMatchObject({ used: 'gps', precisionKm: 0.1 });
    expect(assess({ ...base, town: 'Nakwamekwi' }).place).toMatchObject({ used: 'county-hq', label: 'Lodwar (HQ of Turkana County)' });
  });

  it('names what is wrong with a place', () => {
    expect(problems({ ...base, county: 'Marsabit', town: 'Kakuma' })).toEqual(['town: Kakuma is in Turkana County, not Marsabit']);
    expect(problems({ ...base, county: undefined, town: 'Makutano' })).toEqual([
      expect.stringMatching(/^town: there are places called Makutano in .+: give the county$/),
    ]);
    expect(problems({ ...base, county: undefined, town: 'Nowhere' })).toEqual([expect.stringMatching(/^town: is not a town we know/)]);
    expect(problems({ ...base, county: undefined })).toEqual([expect.stringMatching(/^county: give the county, a town, or GPS/)]);
    expect(problems({ ...base, location: { lat: 12, lon: 36 } })).toEqual(['location.lat: is outside Kenya']);
  });
});

describe('consent', () => {
  const postmortem = { ...common, serviceType: 'postmortem', death: { at: hoursFromNow(-2), circumstance: 'custody' } };

  it('leaves out the roles it does not cover, and every role when no required one is covered', () => {
    expect(assess({ ...postmortem, consent: { givenBy: 'next-of-kin', scopes: ['share-with-doctor'] } }).facts.rolesNeeded).toEqual([
      'forensic-pathologist',
    ]);
    expect(assess({ ...postmortem, consent: { givenBy: 'next-of-kin', scopes: ['share-with-lawyer'] } }).facts.rolesNeeded).toEqual([]);
    expect(assess({ ...postmortem, consent: { givenBy: 'none-yet', scopes: [] } }).facts.rolesNeeded).toEqual([]);
  });

  it('records who recorded it and when, and refuses scopes without anyone consenting', () => {
    expect(assess(postmortem).consent).toMatchObject({ givenBy: 'next-of-kin', recordedBy: 'intake.lodwar', givenAt: NOW.toISOString() });
    expect(problems({ ...postmortem, consent: { givenBy: 'none-yet', scopes: ['share-with-doctor'] } })).toEqual([
      'consent.scopes: must be empty while nobody has consented',
    ]);
    expect(problems({ ...postmortem, consent: { givenBy: 'survivor', scopes: ['share-with-priest'] } })).toEqual([
      expect.stringMatching(/^consent\.scopes\.0: must be one of/),
    ]);
  });
});

describe('the implicated agency', () => {
  const detention = { ...common, serviceType: 'detention-support', arrest: { at: hoursFromNow(-3), charged: false } };

  it('goes to matching as its register id, however staff spell it', () => {
    for (const words of ['Lodwar Police Station', 'lodwar police stn', 'police:lodwar']) {
      const assessment = assess({ ...detention, implicatedAgency: words });
      expect(assessment.facts.implicated).toEqual(['police:lodwar']);
      expect(assessment.implicatedAgencyUnlisted).toBe(false);
    }
  });

  it('does not hold up a referral naming an agency the register lacks: it goes on under its key, flagged', () => {
    const assessment = assess({ ...detention, implicatedAgency: 'Lokichoggio Police Post' });
    expect(assessment.facts.implicated).toEqual(['police:lokichoggio']);
    expect(assessment.implicatedAgencyUnlisted).toBe(true);
  });

  it('is absent, and nothing is flagged, when staff name none', () => {
    const assessment = assess(detention);
    expect(assessment.facts.implicated).toBeUndefined();
    expect(assessment.implicatedAgencyUnlisted).toBe(false);
  });
});

describe('bad input', () => {
  const valid = { ...common, serviceType: 'legal-aid' };

  it('normalises the language to one code and names an unknown one', () => {
    expect(parseReferralRequest({ ...valid, language: 'Kiswahili' }).language).toBe('sw');
    expect(problems({ ...valid, language: 'Elvish' })).toEqual([expect.stringMatching(/^language: is not a language we know/)]);
    expect(problems({ ...valid, implicatedAgency: 'Police Station' })).toEqual([expect.stringMatching(/^implicatedAgency: must name/)]);
  });

  it('names every bad field in one answer', () => {
    const found = problems({ ...valid, county: 'Atlantis', urgency: 'soon', source: { kind: 'rumour' }, subject: {} });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^county: is not one of the 47 counties/),
        expect.stringMatching(/^urgency: /),
        expect.stringMatching(/^source\.kind: must be one of family, church/),
        expect.stringMatching(/^subject\.name: /),
      ]),
    );
  });

  it('takes times in Nairobi and refuses impossible ones', () => {
    const local = hoursFromNow(48); // "YYYY-MM-DDTHH:mm" in Nairobi, UTC+3
    expect(parseReferralRequest({ ...valid, deadline: local.replace('T', ' ') }).deadline).toBe(
      new Date(`${local}:00+03:00`).toISOString(),
    );
    expect(problems({ ...valid, deadline: '2020-01-01T00:00:00+03:00' })).toEqual(['deadline: is in the past']);
    expect(problems({ ...valid, deadline: 'Saturday' })).toEqual([expect.stringMatching(/^deadline: must be a date and time such as/)]);
    const future = { ...common, serviceType: 'detention-support', arrest: { at: hoursFromNow(5), charged: false } };
    expect(problems(future)).toEqual(['arrest.at: is in the future']);
    const burial = {
      ...common,
      serviceType: 'postmortem',
      death: { at: hoursFromNow(-2), circumstance: 'custody', plannedBurialAt: hoursFromNow(-5) },
    };
    expect(problems(burial)).toEqual(['death.plannedBurialAt: is before the death']);
  });

  it('refuses unknown fields and a missing source or consent', () => {
    expect(problems({ ...valid, survivorAddress: 'Plot 7' })).toEqual([expect.stringMatching(/survivorAddress|\(root\)/)]);
    const { source: _source, consent: _consent, ...bare } = valid;
    expect(problems(bare)).toEqual(expect.arrayContaining([expect.stringMatching(/^source: /), expect.stringMatching(/^consent: /)]));
  });
});
