/** The kinds of body a referral can implicate; the key's prefix. Units and services (DCI, GSU, KDF) are `agency`. */
export const AGENCY_KINDS = ['police', 'prison', 'agency'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

// Words that say which kind of body is meant and nothing about which one: "Kilimani Police Station",
// "Kilimani police post" and "Kilimani Stn" all name Kilimani. They are dropped from the name.
const KIND_WORDS: [AgencyKind, RegExp][] = [
  ['police', /\b(police|station|stn|post|ops)\b/g],
  ['prison', /\b(prison|prisons|remand|gk|borstal|jail)\b/g],
];
const KEY = /^(police|prison|agency):[a-z0-9]+(-[a-z0-9]+)*$/;

/** Whether `text` already has the shape of an agency key or register id (`police:kilimani`). */
export const isAgencyKey = (text: string): boolean => KEY.test(text);

/** A name as words: the kind its words say (`agency` when none does) and the words left to name it by. */
export interface AgencyWords {
  kind: AgencyKind;
  /** Whether a word said the kind (police, station, prison, G.K. …) or a key's prefix did; false for "KDF". */
  kindStated: boolean;
  words: string[];
}

/**
 * The normalisation every agency name goes through, for keys and for the register alike: lower case;
 * "G.K." is "gk" and "Lang'ata" is "langata" (dots and apostrophes join letters); other punctuation
 * separates words; kind words are dropped. Undefined when no word is left to name it by.
 */
export function agencyWords(input: string): AgencyWords | undefined {
  const text = input.trim().toLowerCase();
  if (KEY.test(text)) {
    const [kind, name] = text.split(':') as [AgencyKind, string];
    return { kind, kindStated: true, words: name.split('-') };
  }
  let kind: AgencyKind = 'agency';
  let rest = text.replace(/[.'’ʼ`]/g, '').replace(/[^a-z0-9\s-]/g, ' ');
  for (const [candidate, words] of KIND_WORDS) {
    const stripped = rest.replace(words, ' ');
    if (stripped !== rest && kind === 'agency') kind = candidate;
    rest = stripped;
  }
  const words = rest.split(/[\s-]+/).filter(Boolean);
  return words.length ? { kind, kindStated: kind !== 'agency', words } : undefined;
}

/**
 * A key for a police station, prison or agency as written: "Kilimani Police Station" and
 * "police:kilimani" are the same key. Kind from the words (police, prison; anything else is an agency
 * such as "agency:kdf"), name from what is left. Undefined when nothing is left to name it by.
 *
 * This is still free text: a typo, a nickname or another word order gives another key. Conflicts and implicated
 * agencies are matched on the register's ids (`resolveAgency`); this key is what an agency missing from
 * the register is known by until ops add it.
 */
export function agencyKey(input: string): string | undefined {
  const read = agencyWords(input);
  return read && `${read.kind}:${read.words.join('-')}`;
}
