import { findCounty } from '@haki/geography';
import type { ServiceType } from '@haki/vocabulary';
import { matchCounty } from './county-match';
import type { PhoneDraft, PhoneLanguage, PhoneReferrer } from './phone-draft';
import { matchPlace } from './place-match';
import {
  before,
  daysAgo,
  daysAhead,
  FACT_WINDOWS_HOURS,
  lastNight,
  today,
  whenItHappened,
  whenItWillHappen,
  type PhoneTime,
  type TimeSpan,
} from './phone-time';

// The questions of the USSD menu, each with its words in English and Swahili beside what an answer
// does to the draft. Which questions are asked, and in what order, is ussd-flow.ts; the replay of a
// session's answers, navigation and screens are ussd-menu.ts. The Swahili needs a native speaker's
// review before production, like the offer texts.

export type Words = { readonly [L in PhoneLanguage]: string };

/** What the menu knows besides the draft: the questions answered (some are answered by skipping). */
export interface MenuState {
  draft: PhoneDraft;
  answered: readonly QuestionId[];
  /** Counties an ambiguous prefix matched, shown as a paged pick list until one is chosen. */
  countyChoices?: { codes: readonly number[]; page: number };
}

export type QuestionId =
  | 'language'
  | 'kind'
  | 'county'
  | 'town'
  | 'narrative'
  | 'deathWhen'
  | 'deathWhere'
  | 'burialWhen'
  | 'patient'
  | 'harmWhen'
  | 'injuriesVisible'
  | 'sexualViolence'
  | 'sexualViolenceWhen'
  | 'aboutArrest'
  | 'arrestWhen'
  | 'charged'
  | 'referrer'
  | 'consent'
  | 'review';

export interface Option {
  words: Words;
  apply: (draft: PhoneDraft, now: Date) => PhoneDraft;
}

/** A question answered by a number from a list. */
export interface ChoiceQuestion {
  kind: 'choice';
  prompt: (state: MenuState) => Words;
  options: (state: MenuState) => readonly Option[];
}

/** A question answered by typing: its answer is the next state, or a hint to ask again with. */
export interface TypedQuestion {
  kind: 'typed';
  prompt: (state: MenuState) => Words;
  take: (state: MenuState, typed: string) => MenuState | { hint: Words };
}

export type Question = ChoiceQuestion | TypedQuestion;

const same = (words: string): Words => ({ en: words, sw: words });
const fixed = (words: Words) => () => words;
const set = (patch: Partial<PhoneDraft>) => (draft: PhoneDraft) => ({ ...draft, ...patch });
const YES: Words = { en: 'Yes', sw: 'Ndiyo' };
const NO: Words = { en: 'No', sw: 'Hapana' };

/** A past-time option: `said` is kept in English, for the staff who read the referral. */
type PastSpan = (now: Date) => TimeSpan;
const past = (
  words: Words,
  span: PastSpan,
  place: (draft: PhoneDraft, at: PhoneTime) => PhoneDraft,
  windows: readonly number[],
): Option => ({
  words,
  apply: (draft, now) => place(draft, whenItHappened(span(now), windows, now)),
});

const TODAY: [Words, PastSpan] = [{ en: 'Today', sw: 'Leo' }, (now) => today(now, 'today')];
const LAST_NIGHT: [Words, PastSpan] = [{ en: 'Last night', sw: 'Jana usiku' }, (now) => lastNight(now, 'last night')];
const YESTERDAY: [Words, PastSpan] = [{ en: 'Yesterday', sw: 'Jana' }, (now) => daysAgo(now, 1, 1, 'yesterday')];
const ago = (newest: number, oldest: number): [Words, PastSpan] => {
  const range = newest === oldest ? `${newest}` : `${newest}-${oldest}`;
  return [{ en: `${range} days ago`, sw: `Siku ${range} zilizopita` }, (now) => daysAgo(now, newest, oldest, `${range} days ago`)];
};
const LONGER = (days: number): [Words, PastSpan] => [
  { en: 'Longer ago', sw: 'Zamani zaidi' },
  (now) => before(now, days, `${days} or more days ago`),
];

/** The menu's kinds of help, in the words of someone who needs it rather than the network's. */
export const KINDS: readonly [ServiceType, Words, Words][] = [
  ['postmortem', { en: 'A death: postmortem', sw: 'Kifo: uchunguzi wa maiti' }, { en: 'Postmortem', sw: 'Uchunguzi wa maiti' }],
  [
    'torture-documentation',
    { en: 'Torture/beating: record injuries', sw: 'Mateso/kupigwa: kurekodi majeraha' },
    { en: 'Torture record', sw: 'Kurekodi mateso' },
  ],
  ['medical-care', { en: 'Medical care', sw: 'Matibabu' }, { en: 'Medical care', sw: 'Matibabu' }],
  [
    'detention-support',
    { en: 'Someone held by police now', sw: 'Mtu anashikiliwa na polisi sasa' },
    { en: 'Held by police', sw: 'Anashikiliwa na polisi' },
  ],
  ['legal-aid', { en: 'Legal aid', sw: 'Msaada wa kisheria' }, { en: 'Legal aid', sw: 'Msaada wa kisheria' }],
];

const REFERRERS: readonly [PhoneReferrer, Words][] = [
  ['self', { en: 'Me, I was harmed', sw: 'Mimi, nilidhuriwa' }],
  ['family', { en: 'Family', sw: 'Familia' }],
  ['church', { en: 'Church', sw: 'Kanisa' }],
  ['ngo', { en: 'NGO or paralegal', sw: 'Shirika au paralegal' }],
  ['other', { en: 'Other (friend, witness)', sw: 'Mwingine (rafiki, shahidi)' }],
];

/** Longest town name kept: a village name, not a story (and it must fit the review screen). */
export const MAX_TOWN_LENGTH = 40;
/** The USSD input box takes about this much; the narrative is a few words by design. */
export const MAX_NARRATIVE_LENGTH = 160;
const hasLetters = (text: string, count: number) => (text.match(/\p{L}/gu) ?? []).length >= count;
const countyName = (state: MenuState) => findCounty(state.draft.countyCode ?? 0)?.name ?? '';
/** The state once `id` is answered with `draft` (a pick list in progress ends with it). */
export const withAnswer = (state: MenuState, id: QuestionId, draft: PhoneDraft): MenuState => {
  const { countyChoices: _choices, ...rest } = state;
  return { ...rest, draft, answered: [...state.answered, id] };
};

export const QUESTIONS: { readonly [Q in QuestionId]: Question } = {
  language: {
    kind: 'choice',
    prompt: fixed(same('Haki referral / Rufaa ya Haki')),
    options: () => [
      { words: same('English'), apply: set({ language: 'en' }) },
      { words: same('Kiswahili'), apply: set({ language: 'sw' }) },
    ],
  },
  kind: {
    kind: 'choice',
    prompt: fixed({ en: 'What help is needed?', sw: 'Msaada gani unahitajika?' }),
    options: () => KINDS.map(([serviceType, words]) => ({ words, apply: set({ serviceType }) })),
  },
  county: {
    kind: 'typed',
    prompt: fixed({
      en: 'Which county? Type the first letters of its name (e.g. TUR for Turkana) or its number',
      sw: 'Kaunti gani? Andika herufi za kwanza za jina lake (mf. TUR kwa Turkana) au namba yake',
    }),
    take: (state, typed) => {
      const match = matchCounty(typed);
      if (match.kind === 'one') return withAnswer(state, 'county', { ...state.draft, countyCode: match.county.code });
      if (match.kind === 'several') return { ...state, countyChoices: { codes: match.counties.map((county) => county.code), page: 0 } };
      return { hint: { en: 'No county starts like that.', sw: 'Hakuna kaunti inayoanza hivyo.' } };
    },
  },
  town: {
    kind: 'typed',
    prompt: (state) => ({
      en: `Nearest town or village in ${countyName(state)}? Type its name, or 1 if unsure`,
      sw: `Mji au kijiji kilicho karibu, ${countyName(state)}? Andika jina, au 1 kama huna uhakika`,
    }),
    take: (state, typed) => {
      if (typed === '1') return withAnswer(state, 'town', state.draft);
      const name = typed.replace(/\s+/g, ' ');
      if (!hasLetters(name, 2) || name.length > MAX_TOWN_LENGTH) {
        return { hint: { en: 'Type a town name, or 1.', sw: 'Andika jina la mji, au 1.' } };
      }
      const match = matchPlace(name, state.draft.countyCode);
      if (match.kind === 'elsewhere') {
        const where = match.counties.map((county) => county.name).join('/');
        return { hint: { en: `${match.name} is in ${where}, not here.`, sw: `${match.name} iko ${where}, si hapa.` } };
      }
      // A village the places list lacks is kept as typed: the volunteer reads it, the county HQ stands in for ranking.
      return withAnswer(state, 'town', { ...state.draft, town: match.kind === 'found' ? match.name : name });
    },
  },
  narrative: {
    kind: 'typed',
    prompt: fixed({ en: 'What happened? A few words', sw: 'Nini kilitokea? Kwa maneno machache' }),
    take: (state, typed) => {
      const words = typed.replace(/\s+/g, ' ');
      if (!hasLetters(words, 3)) return { hint: { en: 'Please type a few words.', sw: 'Tafadhali andika maneno machache.' } };
      return withAnswer(state, 'narrative', { ...state.draft, narrative: words.slice(0, MAX_NARRATIVE_LENGTH) });
    },
  },
  deathWhen: {
    kind: 'choice',
    prompt: fixed({ en: 'When did they die?', sw: 'Alifariki lini?' }),
    options: () =>
      [TODAY, LAST_NIGHT, YESTERDAY, ago(2, 3), ago(4, 7), LONGER(8)].map(([words, span]) =>
        past(words, span, (draft, at) => ({ ...draft, death: { ...draft.death, at } }), FACT_WINDOWS_HOURS.death),
      ),
  },
  deathWhere: {
    kind: 'choice',
    prompt: fixed({ en: 'Where did they die?', sw: 'Alifariki wapi?' }),
    options: () =>
      (
        [
          ['custody', { en: 'In police custody or a cell', sw: 'Mikononi mwa polisi au seli' }],
          ['protest', { en: 'At a protest', sw: 'Kwenye maandamano' }],
          ['other', { en: 'Elsewhere', sw: 'Mahali pengine' }],
        ] as const
      ).map(([circumstance, words]) => ({ words, apply: (draft) => ({ ...draft, death: { ...draft.death, circumstance } }) })),
  },
  burialWhen: {
    kind: 'choice',
    prompt: fixed({ en: 'When is the burial?', sw: 'Mazishi ni lini?' }),
    options: () => {
      const burial = (words: Words, first: number, last: number, said: string): Option => ({
        words,
        apply: (draft, now) => ({
          ...draft,
          death: { ...draft.death, plannedBurialAt: whenItWillHappen(daysAhead(now, first, last, said), now) },
        }),
      });
      return [
        burial({ en: 'Today', sw: 'Leo' }, 0, 0, 'today'),
        burial({ en: 'Tomorrow', sw: 'Kesho' }, 1, 1, 'tomorrow'),
        burial({ en: 'In 2-3 days', sw: 'Baada ya siku 2-3' }, 2, 3, 'in 2-3 days'),
        burial({ en: 'In 4-7 days', sw: 'Baada ya siku 4-7' }, 4, 7, 'in 4-7 days'),
        { words: { en: 'Not set or not known', sw: 'Bado au sijui' }, apply: (draft) => draft },
      ];
    },
  },
  patient: {
    kind: 'choice',
    prompt: fixed({ en: 'Who needs care?', sw: 'Nani anahitaji matibabu?' }),
    options: () => [
      {
        words: { en: 'Someone harmed by police or others', sw: 'Mtu aliyedhuriwa na polisi au wengine' },
        apply: set({ patient: 'survivor' }),
      },
      { words: { en: 'A prisoner', sw: 'Mfungwa' }, apply: set({ patient: 'prisoner' }) },
    ],
  },
  harmWhen: {
    kind: 'choice',
    prompt: fixed({ en: 'When did it happen?', sw: 'Ilitokea lini?' }),
    options: (state) => {
      const times = [TODAY, LAST_NIGHT, YESTERDAY, ago(2, 4), ago(5, 14), LONGER(15)].map(([words, span]) =>
        past(words, span, (draft, at) => ({ ...draft, incident: { ...draft.incident, at } }), FACT_WINDOWS_HOURS.incident),
      );
      // Medical care may be for an illness, with no incident whose clock could run.
      const illness: Option = { words: { en: 'No injury (illness)', sw: 'Hakuna jeraha (ugonjwa)' }, apply: (draft) => draft };
      return state.draft.serviceType === 'medical-care' ? [...times, illness] : times;
    },
  },
  injuriesVisible: {
    kind: 'choice',
    prompt: fixed({ en: 'Can injuries still be seen (wounds, bruises, marks)?', sw: 'Majeraha bado yanaonekana (vidonda, alama)?' }),
    options: () =>
      [YES, NO].map((words, index) => ({
        words,
        apply: (draft: PhoneDraft) => ({ ...draft, incident: { ...draft.incident, injuriesVisible: index === 0 } }),
      })),
  },
  sexualViolence: {
    kind: 'choice',
    prompt: fixed({ en: 'Was there sexual violence?', sw: 'Kulikuwa na unyanyasaji wa kingono?' }),
    options: () => [
      { words: YES, apply: set({ sexualViolence: {} }) },
      { words: NO, apply: (draft) => draft },
      // Not asked again here: staff raise it gently on the call back.
      { words: { en: 'Rather not say', sw: 'Sipendi kusema' }, apply: (draft) => draft },
    ],
  },
  sexualViolenceWhen: {
    kind: 'choice',
    prompt: fixed({ en: 'When was the sexual violence?', sw: 'Unyanyasaji huo ulitokea lini?' }),
    // Day by day up to the emergency-contraception window, so the estimate never closes a clock early.
    options: () =>
      [TODAY, LAST_NIGHT, YESTERDAY, ago(2, 2), ago(3, 5), LONGER(6)].map(([words, span]) =>
        past(words, span, (draft, at) => ({ ...draft, sexualViolence: { at } }), FACT_WINDOWS_HOURS.sexualViolence),
      ),
  },
  aboutArrest: {
    kind: 'choice',
    prompt: fixed({ en: 'Is it about an arrest?', sw: 'Ni kuhusu kukamatwa?' }),
    options: () => [
      { words: YES, apply: set({ arrest: {} }) },
      { words: NO, apply: (draft) => draft },
    ],
  },
  arrestWhen: {
    kind: 'choice',
    prompt: fixed({ en: 'When were they arrested?', sw: 'Alikamatwa lini?' }),
    options: () =>
      [TODAY, LAST_NIGHT, YESTERDAY, ago(2, 3), LONGER(4)].map(([words, span]) =>
        past(words, span, (draft, at) => ({ ...draft, arrest: { ...draft.arrest, at } }), FACT_WINDOWS_HOURS.arrest),
      ),
  },
  charged: {
    kind: 'choice',
    prompt: fixed({ en: 'Have they been taken to court?', sw: 'Amefikishwa mahakamani?' }),
    options: () => [
      { words: YES, apply: (draft) => ({ ...draft, arrest: { ...draft.arrest, charged: true } }) },
      { words: NO, apply: (draft) => ({ ...draft, arrest: { ...draft.arrest, charged: false } }) },
      // Not known is taken as not yet: the 24-hour court clock runs, which errs on the side of acting.
      { words: { en: "Don't know", sw: 'Sijui' }, apply: (draft) => ({ ...draft, arrest: { ...draft.arrest, charged: false } }) },
    ],
  },
  referrer: {
    kind: 'choice',
    prompt: fixed({ en: 'Who are you?', sw: 'Wewe ni nani?' }),
    // Nobody reports their own death.
    options: (state) =>
      REFERRERS.filter(([referrer]) => referrer !== 'self' || state.draft.serviceType !== 'postmortem').map(([referrer, words]) => ({
        words,
        apply: set({ referrer }),
      })),
  },
  consent: {
    kind: 'choice',
    prompt: (state) =>
      canConsent(state.draft)
        ? {
            en: 'May Haki share this with a volunteer doctor or lawyer, and call you on this number?',
            sw: 'Haki ishiriki hili na daktari/wakili wa kujitolea, na ikupigie kwa namba hii?',
          }
        : { en: 'May Haki call you back on this number?', sw: 'Haki ikupigie simu kwa namba hii?' },
    options: (state) =>
      canConsent(state.draft)
        ? [
            { words: { en: 'Share and call me', sw: 'Shiriki na unipigie' }, apply: set({ sharingConsent: true, callBack: true }) },
            { words: { en: 'Call me first', sw: 'Nipigie kwanza' }, apply: set({ sharingConsent: false, callBack: true }) },
            { words: { en: "Share, don't call", sw: 'Shiriki, usinipigie' }, apply: set({ sharingConsent: true, callBack: false }) },
            { words: { en: 'Neither', sw: 'Hapana zote' }, apply: set({ sharingConsent: false, callBack: false }) },
          ]
        : [
            { words: YES, apply: set({ callBack: true }) },
            { words: NO, apply: set({ callBack: false }) },
          ],
  },
  review: {
    kind: 'choice',
    prompt: (state) => {
      const kind = KINDS.find(([serviceType]) => serviceType === state.draft.serviceType)?.[2] ?? same('');
      const where = [countyName(state), state.draft.town].filter(Boolean).join(', ');
      return { en: `Send this referral?\n${kind.en}, ${where}`, sw: `Tuma rufaa hii?\n${kind.sw}, ${where}` };
    },
    options: () => [{ words: { en: 'Send', sw: 'Tuma' }, apply: (draft) => draft }],
  },
};

/** Only the person harmed, or their family, can consent to sharing: anyone else is asked about a call back only. */
export const canConsent = (draft: PhoneDraft): boolean => draft.referrer === 'self' || draft.referrer === 'family';
