import { formatNairobiTime } from '@haki/vocabulary';
import { nairobiHour, nairobiWeekday, type TimeSpan } from './phone-time';
import { phraseAt, type Token } from './sms-tokens';

// Times as an SMS says them, in English and Swahili: "last night", "jana usiku", "this morning",
// "2 days ago", "siku tatu zilizopita", "Saturday", "jumamosi", "kesho". A time is read here as days
// and a part of the day; whether it lies behind or ahead (a death, a burial) is the caller's to say.

/** Parts of the Nairobi day, in hours after midnight (night runs on to 06:00 the next day). */
const PARTS = {
  morning: [5, 12],
  afternoon: [12, 16],
  evening: [16, 19],
  night: [18, 30],
} as const;
type Part = keyof typeof PARTS;

const PART_WORDS: Record<string, Part> = {
  morning: 'morning',
  asubuhi: 'morning',
  afternoon: 'afternoon',
  mchana: 'afternoon',
  evening: 'evening',
  jioni: 'evening',
  night: 'night',
  usiku: 'night',
};

/** Days from today: "yesterday" -1, "kesho" (tomorrow) +1, "juzi" (the day before yesterday) -2. */
const DAY_WORDS: Record<string, number> = { today: 0, leo: 0, yesterday: -1, jana: -1, juzi: -2, tomorrow: 1, kesho: 1 };

/** 0 Sunday … 6 Saturday. Swahili counts the week from Saturday: jumamosi is its first day. */
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
  jumapili: 0,
  jumatatu: 1,
  jumanne: 2,
  jumatano: 3,
  alhamisi: 4,
  ijumaa: 5,
  jumamosi: 6,
};

const NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  moja: 1,
  mbili: 2,
  tatu: 3,
  nne: 4,
  tano: 5,
  sita: 6,
  saba: 7,
};
const numberOf = (word: string | undefined): number | undefined =>
  word === undefined ? undefined : /^\d{1,2}$/.test(word) ? Number(word) : NUMBERS[word];

/** Which days a time names: a day from today, a weekday, or days ago from `newest` to `oldest`. */
type Days = { offset: number } | { weekday: number } | { newest: number; oldest: number };

export interface TimeWords {
  at: number;
  length: number;
  /** The words as written, kept beside the estimate for staff. */
  said: string;
  days?: Days;
  part?: Part;
}

/** Fixed phrases, longest first where one starts another. */
const PHRASES: [string, Omit<TimeWords, 'at' | 'length' | 'said'>][] = [
  ['usiku wa kuamkia leo', { days: { offset: -1 }, part: 'night' }],
  ['usiku wa kuamkia jana', { days: { offset: -2 }, part: 'night' }],
  ['day before yesterday', { days: { offset: -2 } }],
  ['day after tomorrow', { days: { offset: 2 } }],
  ['kesho kutwa', { days: { offset: 2 } }],
  ['last night', { days: { offset: -1 }, part: 'night' }],
  ['tonight', { days: { offset: 0 }, part: 'night' }],
  ['this morning', { days: { offset: 0 }, part: 'morning' }],
  ['this afternoon', { days: { offset: 0 }, part: 'afternoon' }],
  ['this evening', { days: { offset: 0 }, part: 'evening' }],
  ['last week', { days: { newest: 7, oldest: 13 } }],
  ['wiki iliyopita', { days: { newest: 7, oldest: 13 } }],
  ['wiki jana', { days: { newest: 7, oldest: 13 } }],
];

/** The time whose words start at token `at`, or undefined. */
export function timeAt(tokens: readonly Token[], at: number): TimeWords | undefined {
  const found = (length: number, rest: Omit<TimeWords, 'at' | 'length' | 'said'>): TimeWords => ({
    at,
    length,
    said: tokens
      .slice(at, at + length)
      .map((token) => token.word)
      .join(' '),
    ...rest,
  });
  const word = (offset: number) => tokens[at + offset]?.word;
  for (const [phrase, rest] of PHRASES) if (phraseAt(tokens, at, phrase)) return found(phrase.split(' ').length, rest);

  // "3 days ago", "siku 3 zilizopita", "in 3 days", "baada ya siku 3"
  const count = numberOf(word(0));
  if (count !== undefined && /^days?$/.test(word(1) ?? '') && word(2) === 'ago')
    return found(3, { days: { newest: count, oldest: count } });
  if (word(0) === 'siku' && numberOf(word(1)) !== undefined && /^(zilizopita|iliyopita)$/.test(word(2) ?? '')) {
    const days = numberOf(word(1))!;
    return found(3, { days: { newest: days, oldest: days } });
  }
  if (word(0) === 'in' && numberOf(word(1)) !== undefined && /^days?$/.test(word(2) ?? ''))
    return found(3, { days: { offset: numberOf(word(1))! } });
  if (phraseAt(tokens, at, 'baada ya siku') && numberOf(word(3)) !== undefined) return found(4, { days: { offset: numberOf(word(3))! } });

  // A day, then perhaps its part: "jana usiku", "saturday morning", "yesterday at night".
  const day =
    word(0) === undefined
      ? undefined
      : DAY_WORDS[word(0)!] !== undefined
        ? { offset: DAY_WORDS[word(0)!]! }
        : WEEKDAYS[word(0)!] !== undefined
          ? { weekday: WEEKDAYS[word(0)!]! }
          : undefined;
  if (day) {
    const linked = /^(at|in|wa|saa)$/.test(word(1) ?? '') ? (word(2) === 'the' ? 3 : 2) : 1;
    const part = PART_WORDS[word(linked) ?? ''];
    return part ? found(linked + 1, { days: day, part }) : found(1, { days: day });
  }
  // A part, then perhaps its day: "usiku wa jana" (the night of yesterday), or alone: "usiku".
  const part = PART_WORDS[word(0) ?? ''];
  if (part) {
    const dayWord = word(1) === 'wa' || word(1) === 'of' ? word(2) : undefined;
    const offset = dayWord === undefined ? undefined : DAY_WORDS[dayWord];
    return offset !== undefined ? found(3, { days: { offset }, part }) : found(1, { part });
  }
  return undefined;
}

/** Every time in the tokens, left to right. */
export function findTimes(tokens: readonly Token[]): TimeWords[] {
  const times: TimeWords[] = [];
  for (let at = 0; at < tokens.length;) {
    const time = timeAt(tokens, at);
    if (time) times.push(time);
    at += time?.length ?? 1;
  }
  return times;
}

const nairobiHourNow = (now: Date) => Number(formatNairobiTime(now).slice(11, 13));

/**
 * The span of time the words cover, behind `now` (a death, an arrest) or ahead of it (a burial).
 * Undefined when the words point the wrong way ("burial yesterday" cannot set a coming burial).
 * A weekday is the nearest one that way, today included; a day with no part is all of it behind,
 * and its daytime ahead (burials are daytime events).
 */
export function spanOf(time: TimeWords, direction: 'behind' | 'ahead', now: Date): TimeSpan | undefined {
  const behind = direction === 'behind';
  let offset: number;
  const { days, part } = time;
  if (days && 'newest' in days) {
    if (!behind) return undefined;
    return { from: nairobiHour(now, -days.oldest, 0), to: nairobiHour(now, -days.newest, 24), said: time.said };
  }
  if (days && 'weekday' in days) {
    const today = nairobiWeekday(now);
    offset = behind ? -((today - days.weekday + 7) % 7) : (days.weekday - today + 7) % 7;
  } else if (days) {
    offset = days.offset;
    if ((behind && offset > 0) || (!behind && offset < 0)) return undefined;
  } else {
    // A part of the day alone: the latest one begun, or the next one not yet over.
    const hour = nairobiHourNow(now);
    const [from, to] = PARTS[part!];
    offset = behind ? (hour >= from ? 0 : -1) : hour < to ? 0 : 1;
  }
  const [from, to] = part ? PARTS[part] : behind ? [0, 24] : [8, 18];
  return { from: nairobiHour(now, offset, from), to: nairobiHour(now, offset, to), said: time.said };
}
