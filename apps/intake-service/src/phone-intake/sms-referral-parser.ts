import { SERVICE_TYPES, type ServiceType } from '@haki/vocabulary';
import { matchCounty } from './county-match';
import { allowedSlips, editDistance } from './edit-distance';
import { missingField, type MissingField, type PhoneDraft, type PhoneLanguage } from './phone-draft';
import { FACT_WINDOWS_HOURS, whenItHappened, whenItWillHappen, type PhoneTime } from './phone-time';
import { matchPlace } from './place-match';
import {
  DETAIL_KEYWORDS,
  FACT_KEYWORDS,
  KIND_KEYWORDS,
  LANGUAGE_HINTS,
  STORY_STARTS,
  type DetailKind,
  type FactKind,
  type KeywordTable,
} from './sms-keywords';
import { placeOf, type PlaceSaid } from './sms-place';
import { smsQuestion } from './sms-text';
import { findTimes, spanOf, type TimeWords } from './sms-time-words';
import { findAll, longestAt, tokenize, type Found, type Token } from './sms-tokens';

// A referral by SMS, as a referrer without data types it: "HAKI POSTMORTEM TURKANA KAKUMA death last
// night, burial Saturday", or "haki maiti kisumu ahero alifariki kizuizini jana usiku, mazishi
// jumamosi". Read forgivingly (any case, extra spaces and punctuation, a misspelt county, county and
// town in either order, town left out), then either a complete draft or the one short question about
// the most important thing missing. The reply to that question is merged in by `mergeAnswer`.

export type SmsOutcome =
  | { kind: 'complete'; draft: PhoneDraft }
  /** Text `question` back; keep `draft`, `field` and `counties` to merge the reply into. */
  | { kind: 'question'; draft: PhoneDraft; field: MissingField; question: string; counties?: number[] };

/** The pending referral a reply answers: the question outcome as it was sent. */
export type PendingSms = Extract<SmsOutcome, { kind: 'question' }>;

/** The kind of help is looked for among the first few words ("HAKI TURKANA POSTMORTEM …" too). */
const KIND_SEARCH_WORDS = 4;
/** The county and town come within this many words of the start, the kind of help aside. */
const PLACE_WORDS = 5;

/** The fact a time said on its own belongs to, for each kind of help: the one its main clock runs on. */
const MAIN_FACT: { readonly [S in ServiceType]: FactKind } = {
  postmortem: 'death',
  'torture-documentation': 'incident',
  'medical-care': 'incident',
  'detention-support': 'arrest',
  'legal-aid': 'arrest',
};

/** With no kind of help named, the facts say it, gravest first. Sexual violence alone is PEP first: medical care. */
const KIND_FROM_FACT: [FactKind, ServiceType][] = [
  ['death', 'postmortem'],
  ['incident', 'torture-documentation'],
  ['sexualViolence', 'medical-care'],
  ['arrest', 'detention-support'],
];

const wordsOf = (table: KeywordTable, language: PhoneLanguage) => table[language].flatMap((phrase) => phrase.split(' '));
const ALL_TABLES = [...Object.values(KIND_KEYWORDS), ...Object.values(FACT_KEYWORDS), ...Object.values(DETAIL_KEYWORDS), LANGUAGE_HINTS];
const LANGUAGE_WORDS = {
  en: new Set(ALL_TABLES.flatMap((table) => wordsOf(table, 'en'))),
  sw: new Set(ALL_TABLES.flatMap((table) => wordsOf(table, 'sw'))),
};

/** Swahili when more of its words are Swahili than English; English otherwise. */
function languageOf(tokens: readonly Token[]): PhoneLanguage {
  const count = (language: PhoneLanguage, other: PhoneLanguage) =>
    tokens.filter((token) => LANGUAGE_WORDS[language].has(token.word) && !LANGUAGE_WORDS[other].has(token.word)).length;
  return count('sw', 'en') > count('en', 'sw') ? 'sw' : 'en';
}

/**
 * The kind of help named in the first `within` words, before the story starts ("HAKI TURKANA my son
 * was held …" names no kind: "held" is the story's), exactly or, for a longer word, with a slip.
 */
function kindNamed(tokens: readonly Token[], within: number): Found<ServiceType> | undefined {
  const storyAt = tokens.findIndex((token) => STORY_STARTS.has(token.word));
  within = Math.min(within, storyAt < 0 ? tokens.length : storyAt);
  for (let at = 0; at < within; at++) {
    const exact = longestAt(tokens, at, KIND_KEYWORDS);
    if (exact) return exact;
  }
  for (let at = 0; at < within; at++) {
    const word = tokens[at]!.word;
    const slips = allowedSlips(word.length) > 0 && word.length >= 6 ? 1 : 0;
    for (const key of SERVICE_TYPES) {
      for (const language of ['en', 'sw'] as const) {
        const single = KIND_KEYWORDS[key][language].filter((phrase) => !phrase.includes(' ') && phrase.length >= 6);
        if (slips > 0 && single.some((phrase) => editDistance(word, phrase) <= slips)) return { key, at, length: 1, language };
      }
    }
  }
  return undefined;
}

/** What one message says, before it is fitted to what was already known. */
interface Reading extends PlaceSaid {
  language: PhoneLanguage;
  serviceType?: ServiceType;
  times: Partial<Record<FactKind, PhoneTime>>;
  facts: Set<FactKind>;
  details: Set<DetailKind>;
}

/**
 * The words where a referral says its county and town: from the start (the kind of help aside) up to
 * the story's first fact, time or telling word ("my", "the"), at most a few; in a reply, any.
 */
function placeWordsOf(
  tokens: readonly Token[],
  storyStarts: ReadonlySet<number>,
  kind: Found<ServiceType> | undefined,
  reply: boolean,
): number[] {
  const isKind = (index: number) => kind !== undefined && index >= kind.at && index < kind.at + kind.length;
  const limit = reply ? tokens.length : (kind ? kind.at + kind.length : 0) + PLACE_WORDS;
  const words: number[] = [];
  for (let index = 0; index < Math.min(limit, tokens.length); index++) {
    if (isKind(index)) continue;
    if (storyStarts.has(index) || STORY_STARTS.has(tokens[index]!.word)) break;
    words.push(index);
  }
  return words;
}

/**
 * The time of each fact: a time belongs to a fact in its clause, the nearest before it, else after
 * it, else to `main` (the fact the kind of help's clock runs on). The first time a fact gets stands.
 */
function timesOfFacts(
  tokens: readonly Token[],
  facts: readonly Found<FactKind>[],
  times: readonly TimeWords[],
  main: FactKind | undefined,
  now: Date,
) {
  const timed: Partial<Record<FactKind, PhoneTime>> = {};
  for (const time of times) {
    const sameClause = facts.filter((found) => tokens[found.at]!.clause === tokens[time.at]!.clause);
    const fact =
      sameClause.filter((found) => found.at < time.at).at(-1)?.key ?? sameClause.find((found) => found.at > time.at)?.key ?? main;
    if (!fact || timed[fact]) continue;
    const ahead = fact === 'burial';
    const span = spanOf(time, ahead ? 'ahead' : 'behind', now);
    if (!span) continue;
    timed[fact] = ahead ? whenItWillHappen(span, now) : whenItHappened(span, FACT_WINDOWS_HOURS[fact as Exclude<FactKind, 'burial'>], now);
  }
  return timed;
}

/**
 * Reads a message. A referral names its kind of help, county and town in its opening words; a reply
 * may name them anywhere. `known` is the kind of help already known, which a time said on its own is for.
 */
function read(text: string, now: Date, options: { reply: boolean; known?: ServiceType }): Reading {
  let tokens = tokenize(text);
  if (tokens[0]?.word === 'haki') tokens = tokens.slice(1);
  const kind = kindNamed(tokens, options.reply ? tokens.length : KIND_SEARCH_WORDS);
  const facts = findAll(tokens, FACT_KEYWORDS);
  const details = findAll(tokens, DETAIL_KEYWORDS);
  const times = findTimes(tokens);
  const serviceType = options.known ?? kind?.key ?? KIND_FROM_FACT.find(([fact]) => facts.some((found) => found.key === fact))?.[1];
  const storyStarts = new Set([...facts, ...details, ...times].map((found) => found.at));
  return {
    language: languageOf(tokens),
    ...(serviceType ? { serviceType } : {}),
    ...placeOf(tokens, placeWordsOf(tokens, storyStarts, kind, options.reply), !options.reply),
    times: timesOfFacts(tokens, facts, times, serviceType ? MAIN_FACT[serviceType] : undefined, now),
    facts: new Set(facts.map((found) => found.key)),
    details: new Set(details.map((found) => found.key)),
  };
}

/** The draft fields a reading gives, for the kind of help it is about. */
function draftFields(reading: Reading): Partial<PhoneDraft> {
  const { times, facts, details } = reading;
  const fields: Partial<PhoneDraft> = {};
  if (reading.serviceType) fields.serviceType = reading.serviceType;
  if (reading.countyCode !== undefined) fields.countyCode = reading.countyCode;
  if (reading.town) fields.town = reading.town;
  if (details.has('family')) fields.referrer = 'family';
  else if (details.has('self')) fields.referrer = 'self';
  const visible = details.has('injuriesVisible') ? true : details.has('injuriesHealed') ? false : undefined;
  const incident = { ...(times.incident ? { at: times.incident } : {}), ...(visible !== undefined ? { injuriesVisible: visible } : {}) };
  const sexualViolence = facts.has('sexualViolence') ? { sexualViolence: times.sexualViolence ? { at: times.sexualViolence } : {} } : {};
  const charged = details.has('notCharged') ? false : details.has('charged') ? true : undefined;
  const arrest = { ...(times.arrest ? { at: times.arrest } : {}), ...(charged !== undefined ? { charged } : {}) };
  switch (reading.serviceType) {
    case 'postmortem': {
      const circumstance = details.has('custody') ? 'custody' : details.has('protest') ? 'protest' : undefined;
      fields.death = {
        ...(times.death ? { at: times.death } : {}),
        ...(circumstance ? { circumstance } : {}),
        ...(times.burial ? { plannedBurialAt: times.burial } : {}),
      };
      break;
    }
    case 'torture-documentation':
      Object.assign(fields, { incident }, sexualViolence);
      break;
    case 'medical-care':
      fields.patient = details.has('prisoner') ? 'prisoner' : 'survivor';
      if (Object.keys(incident).length > 0) fields.incident = incident;
      Object.assign(fields, sexualViolence);
      break;
    case 'detention-support':
      fields.arrest = arrest;
      break;
    case 'legal-aid':
      if (facts.has('arrest') || times.arrest) fields.arrest = arrest;
      break;
    case undefined:
      break;
  }
  return fields;
}

const NESTED = ['death', 'incident', 'sexualViolence', 'arrest'] as const;

/** `draft` with the gaps filled from `more`: what the referrer said first is never overwritten. */
function fillGaps(draft: PhoneDraft, more: Partial<PhoneDraft>): PhoneDraft {
  const filled = { ...more, ...draft } as PhoneDraft;
  for (const key of NESTED) {
    if (draft[key] || more[key]) Object.assign(filled, { [key]: { ...more[key], ...draft[key] } });
  }
  return filled;
}

/** A town kept only while it lies in the county: a county given in a reply may rule it out. */
function townInCounty(draft: PhoneDraft): PhoneDraft {
  if (!draft.town || draft.countyCode === undefined) return draft;
  const match = matchPlace(draft.town, draft.countyCode);
  if (match.kind === 'found') return { ...draft, town: match.name };
  const { town: _town, ...rest } = draft;
  return rest;
}

function outcome(draft: PhoneDraft, counties: number[] | undefined, again: boolean): SmsOutcome {
  const field = missingField(draft);
  if (!field) return { kind: 'complete', draft };
  const offered = field === 'county' && counties && counties.length > 1 ? counties : undefined;
  return {
    kind: 'question',
    draft,
    field,
    question: smsQuestion(field, draft.language, { ...(offered ? { counties: offered } : {}), again }),
    ...(offered ? { counties: offered } : {}),
  };
}

/** The whole SMS, tidied: it is what the referrer said, sealed with the referral for the volunteer. */
const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Reads a referral SMS received at `now`: a complete draft, or the one question to text back. */
export function parseSmsReferral(text: string, now: Date): SmsOutcome {
  const reading = read(text, now, { reply: false });
  const draft: PhoneDraft = {
    channel: 'sms',
    language: reading.language,
    narrative: tidy(text),
    // Texting Haki asks for an answer: the reply with the reference, and a call to follow it up.
    callBack: true,
    ...draftFields(reading),
  };
  return outcome(draft, reading.counties, false);
}

/**
 * Merges the referrer's reply to `pending`'s question. The reply may say more than was asked ("Kisumu,
 * he died yesterday"): anything still missing is taken from it too, nothing said before is replaced.
 * A reply that does not answer the question gets it again, with an apology.
 */
export function mergeAnswer(pending: PendingSms, reply: string, now: Date): SmsOutcome {
  const known = pending.draft.serviceType;
  const reading = read(reply, now, { reply: true, ...(known ? { known } : {}) });
  if (pending.field === 'county' && reading.countyCode === undefined) {
    // A reply of a few letters or a county's number, as the USSD menu takes them.
    const typed = matchCounty(reply);
    const offered = pending.counties;
    const within = typed.kind === 'several' && offered ? typed.counties.filter((county) => offered.includes(county.code)) : [];
    if (typed.kind === 'one') reading.countyCode = typed.county.code;
    else if (within.length === 1) reading.countyCode = within[0]!.code;
  }
  const merged = townInCounty(fillGaps(pending.draft, draftFields(reading)));
  const draft = { ...merged, narrative: [pending.draft.narrative, tidy(reply)].filter(Boolean).join('\n') };
  const stillMissing = missingField(draft) === pending.field;
  return outcome(draft, stillMissing ? (reading.counties ?? pending.counties) : reading.counties, stillMissing);
}
