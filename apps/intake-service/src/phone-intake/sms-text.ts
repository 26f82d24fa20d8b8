import { findCounty } from '@haki/geography';
import type { MissingField, PhoneLanguage } from './phone-draft';

// What Haki texts back to a phone referrer. Each text fits one SMS (160 characters, sms-text.spec.ts)
// and names nothing but counties and the reference. The Swahili needs a native speaker's review.

export const SMS_LIMIT = 160;

type Phrasebook = { readonly [F in MissingField]: string } & {
  whichOf: (counties: string) => string;
  notUnderstood: string;
  received: (reference: string) => string;
  callBack: string;
};

const ENGLISH: Phrasebook = {
  serviceType: 'Haki: what help is needed? Reply POSTMORTEM, TORTURE, MEDICAL, HELD (held by police now) or LEGAL.',
  county: 'Haki: in which county did this happen? Reply with its name, e.g. TURKANA.',
  whichOf: (counties) => `Haki: which county, ${counties}? Reply with its name.`,
  deathTime: 'Haki: when did they die? Reply e.g. TODAY, LAST NIGHT, YESTERDAY or 3 DAYS AGO.',
  incidentTime: 'Haki: when did it happen? Reply e.g. TODAY, LAST NIGHT, YESTERDAY or 3 DAYS AGO.',
  arrestTime: 'Haki: when were they arrested? Reply e.g. TODAY, LAST NIGHT or YESTERDAY.',
  notUnderstood: 'Sorry, we did not understand.',
  received: (reference) => `Haki: received, ref ${reference}.`,
  callBack: 'A Haki worker will call you soon on this number. Keep the ref.',
};

const SWAHILI: Phrasebook = {
  serviceType:
    'Haki: msaada gani unahitajika? Jibu MAITI (uchunguzi wa maiti), MATESO, MATIBABU, KIZUIZINI (anashikiliwa na polisi) au KISHERIA.',
  county: 'Haki: hili lilitokea kaunti gani? Jibu kwa jina lake, mf. TURKANA.',
  whichOf: (counties) => `Haki: kaunti ipi, ${counties}? Jibu kwa jina lake.`,
  deathTime: 'Haki: alifariki lini? Jibu mf. LEO, JANA USIKU, JANA au SIKU 3 ZILIZOPITA.',
  incidentTime: 'Haki: ilitokea lini? Jibu mf. LEO, JANA USIKU, JANA au SIKU 3 ZILIZOPITA.',
  arrestTime: 'Haki: alikamatwa lini? Jibu mf. LEO, JANA USIKU au JANA.',
  notUnderstood: 'Samahani, hatukuelewa.',
  received: (reference) => `Haki: tumepokea, kumb ${reference}.`,
  callBack: 'Mfanyakazi wa Haki atakupigia simu hivi karibuni kwa namba hii. Hifadhi kumb hii.',
};

const BOOKS: { readonly [L in PhoneLanguage]: Phrasebook } = { en: ENGLISH, sw: SWAHILI };

/** At most this many counties are offered by name: more would not fit, and would not help. */
const MAX_OFFERED = 4;

/**
 * The one question about `field`, in the referrer's language. `counties` (codes) narrows a county
 * question to the ones the SMS may have meant; `again` says the last answer was not understood.
 */
export function smsQuestion(
  field: MissingField,
  language: PhoneLanguage,
  options: { counties?: readonly number[]; again?: boolean } = {},
): string {
  const book = BOOKS[language];
  const names = (options.counties ?? []).map((code) => findCounty(code)!.name);
  const or = language === 'sw' ? ' au ' : ' or ';
  const question =
    field === 'county' && names.length >= 2 && names.length <= MAX_OFFERED
      ? book.whichOf(`${names.slice(0, -1).join(', ')}${or}${names.at(-1)}`)
      : book[field];
  const text = options.again ? `${book.notUnderstood} ${question}` : question;
  // The longest Swahili question does not fit with the apology: the question alone still asks it.
  return text.length <= SMS_LIMIT ? text : question;
}

/** The reply once the referral exists: its reference, and that Haki will call. */
export function smsConfirmation(reference: string, language: PhoneLanguage): string {
  const book = BOOKS[language];
  return `${book.received(reference)} ${book.callBack}`;
}
