import { findCounty } from '@haki/geography';
import { formatNairobiTime, parseNairobiTime } from '@haki/vocabulary';
import { parseReferralRequest } from '../referrals/referral-request/referral-request';
import { toReferralRequest, type MissingField } from './phone-draft';
import type { PhoneTime } from './phone-time';
import { mergeAnswer, parseSmsReferral, type PendingSms, type SmsOutcome } from './sms-referral-parser';

// Wednesday 11 March 2026, 12:00 in Nairobi: "yesterday" is Tuesday 10 March, "Saturday" the 14th.
const NOW = parseNairobiTime('2026-03-11 12:00')!;

/** An outcome in a few words, for a table: times in Nairobi, the county by name, a question by its field. */
interface Summary {
  language: string;
  kind?: string;
  county?: string;
  town?: string;
  died?: string;
  circumstance?: string;
  burial?: string;
  happened?: string;
  visible?: boolean;
  sexualViolence?: string;
  arrested?: string;
  charged?: boolean;
  patient?: string;
  referrer?: string;
  ask?: MissingField;
}

const local = (time: PhoneTime | undefined) => (time ? formatNairobiTime(new Date(time.at)).slice(0, 16).replace('T', ' ') : undefined);

function summary(outcome: SmsOutcome): Summary {
  const { draft } = outcome;
  const all: Summary = {
    language: draft.language,
    kind: draft.serviceType,
    county: draft.countyCode === undefined ? undefined : findCounty(draft.countyCode)!.name,
    town: draft.town,
    died: local(draft.death?.at),
    circumstance: draft.death?.circumstance,
    burial: local(draft.death?.plannedBurialAt),
    happened: local(draft.incident?.at),
    visible: draft.incident?.injuriesVisible,
    sexualViolence: draft.sexualViolence ? (local(draft.sexualViolence.at) ?? 'yes') : undefined,
    arrested: local(draft.arrest?.at),
    charged: draft.arrest?.charged,
    patient: draft.patient,
    referrer: draft.referrer,
    ask: outcome.kind === 'question' ? outcome.field : undefined,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as Summary;
}

const TABLE: [string, string, Summary][] = [
  [
    'the example from the issue',
    'HAKI POSTMORTEM TURKANA KAKUMA death last night, burial Saturday',
    { language: 'en', kind: 'postmortem', county: 'Turkana', town: 'Kakuma', died: '2026-03-10 18:00', burial: '2026-03-14 08:00' },
  ],
  [
    'town before county, odd spacing and punctuation',
    'haki  postmortem   kakuma turkana: died last night. burial saturday!!',
    { language: 'en', kind: 'postmortem', county: 'Turkana', town: 'Kakuma', died: '2026-03-10 18:00', burial: '2026-03-14 08:00' },
  ],
  [
    'Swahili throughout',
    'HAKI UCHUNGUZI WA MAITI KISUMU AHERO alifariki kizuizini jana usiku, mazishi jumamosi',
    {
      language: 'sw',
      kind: 'postmortem',
      county: 'Kisumu',
      town: 'Ahero',
      died: '2026-03-10 18:00',
      circumstance: 'custody',
      burial: '2026-03-14 08:00',
    },
  ],
  [
    'a misspelt county',
    'HAKI POSTMORTEM TURKNA KAKUMA died yesterday',
    { language: 'en', kind: 'postmortem', county: 'Turkana', town: 'Kakuma', died: '2026-03-10 00:00' },
  ],
  [
    'a town alone gives its county',
    'HAKI POSTMORTEM LODWAR died in police cells this morning',
    { language: 'en', kind: 'postmortem', county: 'Turkana', town: 'Lodwar', died: '2026-03-11 05:00', circumstance: 'custody' },
  ],
  [
    'a misspelt town',
    'HAKI POSTMORTEM TURKANA KAKMA died today',
    { language: 'en', kind: 'postmortem', county: 'Turkana', town: 'Kakuma', died: '2026-03-11 00:00' },
  ],
  [
    'a misspelt county and a comma after every word',
    'Haki, Postmortem, Garisa, died this morning',
    { language: 'en', kind: 'postmortem', county: 'Garissa', died: '2026-03-11 05:00' },
  ],
  [
    'a misspelt kind of help',
    'HAKI POSTMOTEM MIGORI died yesterday',
    { language: 'en', kind: 'postmortem', county: 'Migori', died: '2026-03-10 00:00' },
  ],
  [
    'a two-word county, Swahili days ago and a burial tomorrow',
    'HAKI MAITI UASIN GISHU amefariki siku mbili zilizopita mazishi kesho',
    { language: 'sw', kind: 'postmortem', county: 'Uasin Gishu', died: '2026-03-09 00:00', burial: '2026-03-12 08:00' },
  ],
  [
    'weekdays, behind for the death and ahead for the burial',
    'HAKI POSTMORTEM WEST POKOT died on monday, burial friday',
    { language: 'en', kind: 'postmortem', county: 'West Pokot', died: '2026-03-09 00:00', burial: '2026-03-13 08:00' },
  ],
  [
    'no kind of help named: a death means a postmortem',
    'HAKI turkana kakuma my brother died in cells last night',
    {
      language: 'en',
      kind: 'postmortem',
      county: 'Turkana',
      town: 'Kakuma',
      died: '2026-03-10 18:00',
      circumstance: 'custody',
      referrer: 'family',
    },
  ],
  [
    'English with a Swahili burial, at a protest',
    'HAKI POSTMORTEM BUSIA died at the protest yesterday, mazishi kesho',
    { language: 'en', kind: 'postmortem', county: 'Busia', died: '2026-03-10 00:00', circumstance: 'protest', burial: '2026-03-12 08:00' },
  ],
  [
    'mostly Swahili, with street words',
    'HAKI POSTMORTEM kisumu jamaa alikufa jana usiku',
    { language: 'sw', kind: 'postmortem', county: 'Kisumu', died: '2026-03-10 18:00' },
  ],
  [
    'a burial said to be past sets no burial time',
    'HAKI POSTMORTEM TURKANA died 2 days ago, burial yesterday',
    { language: 'en', kind: 'postmortem', county: 'Turkana', died: '2026-03-09 00:00' },
  ],
  [
    'the county named wins over a town that is elsewhere',
    'HAKI POSTMORTEM KISUMU KAKUMA died yesterday',
    { language: 'en', kind: 'postmortem', county: 'Kisumu', died: '2026-03-10 00:00' },
  ],
  [
    'Swahili torture with injuries',
    'HAKI MATESO NAKURU alipigwa na polisi leo asubuhi, majeraha',
    { language: 'sw', kind: 'torture-documentation', county: 'Nakuru', happened: '2026-03-11 05:00', visible: true },
  ],
  [
    'torture days ago',
    'HAKI TORTURE MOMBASA beaten by police 3 days ago',
    { language: 'en', kind: 'torture-documentation', county: 'Mombasa', happened: '2026-03-08 00:00' },
  ],
  [
    'torture last week, healed to scars',
    'HAKI TORTURE ELDORET beaten last week, scars',
    { language: 'en', kind: 'torture-documentation', county: 'Uasin Gishu', town: 'Eldoret', happened: '2026-02-26 00:00', visible: false },
  ],
  [
    'torture with sexual violence, no time of its own',
    'haki mateso homa bay alipigwa jana, alibakwa',
    { language: 'sw', kind: 'torture-documentation', county: 'Homa Bay', happened: '2026-03-10 00:00', sexualViolence: 'yes' },
  ],
  [
    'medical care after rape',
    'HAKI MEDICAL KITUI raped yesterday',
    { language: 'en', kind: 'medical-care', county: 'Kitui', sexualViolence: '2026-03-10 00:00', patient: 'survivor' },
  ],
  [
    'someone held, not charged: the court clock is kept open',
    'HAKI HELD KIAMBU my son arrested last night, not charged',
    { language: 'en', kind: 'detention-support', county: 'Kiambu', arrested: '2026-03-10 18:00', charged: false, referrer: 'family' },
  ],
  [
    'someone held, in Swahili',
    'HAKI KIZUIZINI MERU alikamatwa leo asubuhi hajashtakiwa',
    { language: 'sw', kind: 'detention-support', county: 'Meru', arrested: '2026-03-11 05:00', charged: false },
  ],
  [
    'held since a weekday',
    'HAKI HELD ELDORET he was picked up on friday',
    { language: 'en', kind: 'detention-support', county: 'Uasin Gishu', town: 'Eldoret', arrested: '2026-03-06 00:00' },
  ],
  [
    'Swahili legal aid after an arrest',
    'HAKI MSAADA WA KISHERIA NYERI kaka yangu alikamatwa juzi',
    { language: 'sw', kind: 'legal-aid', county: 'Nyeri', arrested: '2026-03-09 00:00', referrer: 'family' },
  ],
  [
    'a kind-of-help word inside the story is the story’s',
    'HAKI TURKANA my brother was held and died in the cells yesterday',
    { language: 'en', kind: 'postmortem', county: 'Turkana', died: '2026-03-10 00:00', circumstance: 'custody', referrer: 'family' },
  ],
  ['legal aid needs no time', 'HAKI LEGAL MERU land case', { language: 'en', kind: 'legal-aid', county: 'Meru' }],
  ['no county: ask for it', 'haki postmortem my brother died', { language: 'en', kind: 'postmortem', referrer: 'family', ask: 'county' }],
  [
    'no time of death: ask for it',
    'HAKI POSTMORTEM KAKAMEGA',
    { language: 'en', kind: 'postmortem', county: 'Kakamega', ask: 'deathTime' },
  ],
  ['nothing but a cry for help: ask what help', 'HAKI help please', { language: 'en', ask: 'serviceType' }],
  [
    'a prison, no county: ask, in Swahili',
    'HAKI MATIBABU GEREZA mfungwa mgonjwa',
    { language: 'sw', kind: 'medical-care', patient: 'prisoner', ask: 'county' },
  ],
  [
    'an arrest with no time: ask when',
    'HAKI HELD NAKURU my husband',
    { language: 'en', kind: 'detention-support', county: 'Nakuru', referrer: 'family', ask: 'arrestTime' },
  ],
];

describe('parseSmsReferral: a table of phrasings', () => {
  it('has at least twenty', () => expect(TABLE.length).toBeGreaterThanOrEqual(20));

  it.each(TABLE)('%s: %s', (_, sms, expected) => {
    expect(summary(parseSmsReferral(sms, NOW))).toEqual(expected);
  });

  it('keeps the whole SMS as the narrative, tidied, and asks to be called back', () => {
    const { draft } = parseSmsReferral('  HAKI POSTMORTEM   TURKANA\n died today ', NOW);
    expect(draft).toMatchObject({ channel: 'sms', narrative: 'HAKI POSTMORTEM TURKANA died today', callBack: true });
  });

  it('keeps the words each time came from, for staff', () => {
    const { draft } = parseSmsReferral('HAKI UCHUNGUZI WA MAITI KISUMU alifariki jana usiku, mazishi jumamosi', NOW);
    expect(draft.death?.at?.said).toBe('jana usiku');
    expect(draft.death?.plannedBurialAt?.said).toBe('jumamosi');
  });

  it('asks in the language of the SMS, in one short message', () => {
    const english = parseSmsReferral('haki postmortem my brother died', NOW);
    const swahili = parseSmsReferral('haki maiti kaka yangu amefariki', NOW);
    expect(english).toMatchObject({
      kind: 'question',
      question: 'Haki: in which county did this happen? Reply with its name, e.g. TURKANA.',
    });
    expect(swahili).toMatchObject({ kind: 'question', question: 'Haki: hili lilitokea kaunti gani? Jibu kwa jina lake, mf. TURKANA.' });
  });

  it('a town in several counties, and no county, asks which of them', () => {
    const outcome = parseSmsReferral('HAKI POSTMORTEM KARURI died today', NOW);
    expect(outcome).toMatchObject({
      kind: 'question',
      field: 'county',
      question: "Haki: which county, Murang'a or Kiambu? Reply with its name.",
      counties: [21, 22],
    });
  });

  it('never throws, whatever arrives', () => {
    for (const sms of [
      '',
      'HAKI',
      '!!!',
      '12345',
      'haki '.repeat(200),
      '\u{1F600} haki maiti',
      'HAKI POSTMORTEM TURKANA died 99 days ago',
    ]) {
      expect(() => parseSmsReferral(sms, NOW)).not.toThrow();
    }
  });
});

describe('mergeAnswer: the reply to the one question', () => {
  const pending = (outcome: SmsOutcome): PendingSms => {
    if (outcome.kind !== 'question') throw new Error('expected a question');
    return outcome;
  };

  it('fills what was asked, then asks the next thing, then completes; the replies join the narrative', () => {
    const first = pending(parseSmsReferral('haki postmortem my brother died', NOW));
    const second = pending(mergeAnswer(first, 'Turkana', NOW));
    expect(summary(second)).toEqual({ language: 'en', kind: 'postmortem', county: 'Turkana', referrer: 'family', ask: 'deathTime' });
    const unclear = pending(mergeAnswer(second, 'not sure', NOW));
    expect(unclear.question).toBe(
      'Sorry, we did not understand. Haki: when did they die? Reply e.g. TODAY, LAST NIGHT, YESTERDAY or 3 DAYS AGO.',
    );
    const done = mergeAnswer(unclear, 'yesterday evening', NOW);
    expect(summary(done)).toEqual({ language: 'en', kind: 'postmortem', county: 'Turkana', referrer: 'family', died: '2026-03-10 16:00' });
    expect(done.draft.narrative).toBe('haki postmortem my brother died\nTurkana\nnot sure\nyesterday evening');
  });

  it.each([
    ['POSTMORTEM', 'postmortem'],
    ['TORTURE', 'torture-documentation'],
    ['Medical', 'medical-care'],
    ['held', 'detention-support'],
    ['LEGAL', 'legal-aid'],
    ['MAITI', 'postmortem'],
    ['mateso', 'torture-documentation'],
    ['MATIBABU', 'medical-care'],
    ['KIZUIZINI', 'detention-support'],
    ['KISHERIA', 'legal-aid'],
  ])('every word the kind-of-help question offers is understood: %s', (reply, kind) => {
    const asked = pending(parseSmsReferral('HAKI TURKANA please', NOW));
    expect(asked.field).toBe('serviceType');
    expect(mergeAnswer(asked, reply, NOW).draft.serviceType).toBe(kind);
  });

  it('takes a county as first letters, and a choice among the counties offered', () => {
    const asked = pending(parseSmsReferral('HAKI POSTMORTEM KARURI died today', NOW));
    expect(summary(mergeAnswer(asked, 'kiambu', NOW))).toMatchObject({ county: 'Kiambu', town: 'Karuri', died: '2026-03-11 00:00' });
    expect(summary(mergeAnswer(asked, 'KIA', NOW))).toMatchObject({ county: 'Kiambu', town: 'Karuri' });
    // Karuri is in both; a county it is not in drops the town (the SMS keeps it for staff).
    expect(summary(mergeAnswer(asked, 'MURA', NOW))).toMatchObject({ county: "Murang'a", town: 'Karuri' });
    expect(summary(mergeAnswer(asked, 'Turkana', NOW))).toEqual({
      language: 'en',
      kind: 'postmortem',
      county: 'Turkana',
      died: '2026-03-11 00:00',
    });
  });

  it('a reply may say more than was asked; what was said first is kept', () => {
    const asked = pending(parseSmsReferral('HAKI help please', NOW));
    expect(summary(mergeAnswer(asked, 'POSTMORTEM TURKANA died yesterday', NOW))).toEqual({
      language: 'en',
      kind: 'postmortem',
      county: 'Turkana',
      died: '2026-03-10 00:00',
    });
    const time = pending(parseSmsReferral('HAKI POSTMORTEM TURKANA', NOW));
    expect(summary(mergeAnswer(time, 'jana, Kisumu', NOW))).toMatchObject({ county: 'Turkana', died: '2026-03-10 00:00' });
  });

  it('answers a Swahili question in Swahili, again if need be', () => {
    const asked = pending(parseSmsReferral('HAKI MAITI KISUMU', NOW));
    expect(asked.question).toBe('Haki: alifariki lini? Jibu mf. LEO, JANA USIKU, JANA au SIKU 3 ZILIZOPITA.');
    expect(pending(mergeAnswer(asked, 'sijui', NOW)).question).toBe(
      'Samahani, hatukuelewa. Haki: alifariki lini? Jibu mf. LEO, JANA USIKU, JANA au SIKU 3 ZILIZOPITA.',
    );
    expect(summary(mergeAnswer(asked, 'siku 3 zilizopita', NOW))).toMatchObject({ died: '2026-03-08 13:00' });
  });

  it('a completed SMS draft is a referral request the web API accepts', () => {
    const now = new Date();
    for (const sms of TABLE.filter(([, , expected]) => !expected.ask).map(([, text]) => text)) {
      const outcome = parseSmsReferral(sms, now);
      const made = toReferralRequest(outcome.draft, '+254712345678', now);
      if (!made.ok) throw new Error(`${sms}: missing ${made.missing}`);
      expect(() => parseReferralRequest(made.referral.request)).not.toThrow();
    }
  });
});
