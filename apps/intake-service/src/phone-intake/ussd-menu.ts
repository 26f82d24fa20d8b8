import { findCounty } from '@haki/geography';
import type { PhoneDraft, PhoneLanguage } from './phone-draft';
import { nextQuestion } from './ussd-flow';
import { QUESTIONS, withAnswer, type MenuState, type Option, type Words } from './ussd-questions';

// Africa's Talking calls back on every USSD screen with the session's answers so far in `text`,
// joined by `*` ("" on the first request, "2*1*TUR" three answers later). It never says which screen
// an answer was for, so the menu replays the whole sequence each time: a pure function of the text
// (and `now`, for "yesterday"), which is also what lets a dropped session resume (ussd-resume.ts).
// "0" goes back one screen and "00" to the main menu: the replay simply undoes answers.

/** The longest USSD screen every Kenyan network shows whole, `CON `/`END ` included. */
export const USSD_SCREEN_LIMIT = 182;

export type UssdStep = { kind: 'CON'; screen: string } | { kind: 'END'; screen: string; draft: PhoneDraft };

export interface UssdOptions {
  /** When the answers are read: "today" and "yesterday" are Nairobi days around it. */
  now: Date;
  /** Set when the service code already says it (a Swahili code): the language screen is skipped. */
  language?: PhoneLanguage;
}

const BACK = '0';
const MAIN_MENU = '00';
const MORE = '9';
/** Counties per pick-list page: seven of the longest names fit a screen with a hint, "9 More" and "0 Back". */
const COUNTIES_PER_PAGE = 7;

const CHOOSE_A_NUMBER: Words = { en: 'Choose a number.', sw: 'Chagua namba.' };
const WHICH_COUNTY: Words = { en: 'Which county?', sw: 'Kaunti ipi?' };
const BACK_WORDS: Words = { en: '0 Back', sw: '0 Rudi' };
const MORE_WORDS: Words = { en: `${MORE} More`, sw: `${MORE} Zaidi` };
const START_AGAIN: Words = { en: `${MAIN_MENU} Start again`, sw: `${MAIN_MENU} Anza upya` };

/** Where a replay has got to: the state, the states to go back to, and why the last answer was refused. */
interface Session {
  state: MenuState;
  history: MenuState[];
  hint?: Words;
}

function startingState(options: UssdOptions): MenuState {
  const draft: PhoneDraft = { channel: 'ussd', language: options.language ?? 'en' };
  return { draft, answered: options.language ? ['language'] : [] };
}

const countyPage = (state: MenuState) => {
  const { codes, page } = state.countyChoices!;
  const shown = codes.slice(page * COUNTIES_PER_PAGE, (page + 1) * COUNTIES_PER_PAGE);
  return { shown, more: (page + 1) * COUNTIES_PER_PAGE < codes.length };
};

/** A number from 1 to `count`, or undefined. */
const pick = (typed: string, count: number) =>
  /^\d{1,2}$/.test(typed) && Number(typed) >= 1 && Number(typed) <= count ? Number(typed) : undefined;

/** The session after one more answer. */
function answer(session: Session, typed: string, options: UssdOptions): Session {
  const { state, history } = session;
  if (typed === MAIN_MENU) {
    const root = startingState(options);
    const menu: MenuState = { draft: { ...root.draft, language: state.draft.language }, answered: ['language'] };
    return { state: menu, history: options.language ? [] : [root] };
  }
  if (typed === BACK) return history.length > 0 ? { state: history.at(-1)!, history: history.slice(0, -1) } : { state, history };
  const moveTo = (next: MenuState): Session => ({ state: next, history: [...history, state] });
  const refuse = (hint: Words): Session => ({ state, history, hint });

  if (state.countyChoices && !/\p{L}/u.test(typed)) {
    const { shown, more } = countyPage(state);
    if (typed === MORE && more) return moveTo({ ...state, countyChoices: { ...state.countyChoices, page: state.countyChoices.page + 1 } });
    const chosen = pick(typed, shown.length);
    return chosen === undefined
      ? refuse(CHOOSE_A_NUMBER)
      : moveTo(withAnswer(state, 'county', { ...state.draft, countyCode: shown[chosen - 1]! }));
  }
  // Letters typed at a pick list are a new try at the county's name.
  const id = state.countyChoices ? 'county' : nextQuestion(state);
  if (id === undefined) return session;
  const question = QUESTIONS[id];
  if (question.kind === 'typed') {
    const taken = question.take(state, typed);
    return 'hint' in taken ? refuse(taken.hint) : moveTo(taken);
  }
  const offered = question.options(state);
  const chosen = pick(typed, offered.length);
  return chosen === undefined
    ? refuse(CHOOSE_A_NUMBER)
    : moveTo(withAnswer(state, id, offered[chosen - 1]!.apply(state.draft, options.now)));
}

/** Replays a session's answers from the start. */
export function replay(text: string, options: UssdOptions): Session {
  const answers = text === '' ? [] : text.split('*').map((typed) => typed.trim());
  return answers.reduce<Session>((session, typed) => answer(session, typed, options), { state: startingState(options), history: [] });
}

function render({ state, history, hint }: Session): string {
  const language = state.draft.language;
  const numbered = (labels: readonly Words[]) => labels.map((words, index) => `${index + 1} ${words[language]}`);
  const lines: string[] = [];
  let prompt: Words;
  if (state.countyChoices) {
    const { shown, more } = countyPage(state);
    prompt = WHICH_COUNTY;
    lines.push(...shown.map((code, index) => `${index + 1} ${findCounty(code)!.name}`));
    if (more) lines.push(MORE_WORDS[language]);
  } else {
    const id = nextQuestion(state)!;
    const question = QUESTIONS[id];
    prompt = question.prompt(state);
    if (question.kind === 'choice') lines.push(...numbered(question.options(state).map((option: Option) => option.words)));
    if (id === 'review') lines.push(START_AGAIN[language]);
  }
  if (history.length > 0) lines.push(BACK_WORDS[language]);
  const ask = hint ? `${hint[language]} ${prompt[language]}` : prompt[language];
  return ['CON ' + ask, ...lines].join('\n');
}

/**
 * The screen for a USSD session whose answers so far are `text`: the next question (CON), or once the
 * referrer confirms, the end of the session (END) with the collected draft. The END screen here has
 * no reference: the caller creates the referral from the draft, then shows `ussdConfirmation` with it.
 * Any answer is safe: one that fits no question asks the same question again with a short hint.
 */
export function ussdScreen(text: string, options: UssdOptions): UssdStep {
  const session = replay(text, options);
  if (!session.state.countyChoices && nextQuestion(session.state) === undefined) {
    return { kind: 'END', screen: ussdConfirmation(session.state.draft), draft: session.state.draft };
  }
  return { kind: 'CON', screen: render(session) };
}

/**
 * The last screen of a session, once the referral exists: its reference, and whether Haki will call.
 * Without a reference it thanks the referrer all the same (the draft is complete, the caller saves it).
 */
export function ussdConfirmation(draft: Pick<PhoneDraft, 'language' | 'callBack'>, reference?: string): string {
  const words = CONFIRMATION[draft.language];
  const thanks = reference ? words.thanksRef(reference) : words.thanks;
  const after = draft.callBack ? words.callBack : reference ? words.noCallRef : words.noCall;
  return `END ${thanks} ${after}`;
}

const CONFIRMATION: {
  readonly [L in PhoneLanguage]: Record<'thanks' | 'callBack' | 'noCall' | 'noCallRef', string> & { thanksRef: (ref: string) => string };
} = {
  en: {
    thanks: 'Thank you. Haki has your referral.',
    thanksRef: (ref) => `Thank you. Haki has your referral, ref ${ref}.`,
    callBack: 'A Haki worker will call you soon on this number.',
    noCall: 'Nobody will call you.',
    noCallRef: 'Nobody will call you. Give this ref if you call Haki.',
  },
  sw: {
    thanks: 'Asante. Haki imepokea rufaa yako.',
    thanksRef: (ref) => `Asante. Haki imepokea rufaa yako, kumb ${ref}.`,
    callBack: 'Mfanyakazi wa Haki atakupigia simu hivi karibuni kwa namba hii.',
    noCall: 'Hakuna atakayekupigia.',
    noCallRef: 'Hakuna atakayekupigia. Taja kumb hii ukipiga simu Haki.',
  },
};

/** The last screen when the referral could not be saved: nothing is lost by trying again from the start. */
export function ussdNotSaved(language: PhoneLanguage): string {
  return language === 'sw'
    ? 'END Samahani, Haki haikuweza kuhifadhi rufaa hii. Tafadhali jaribu tena baadaye, au tuma SMS inayoanza na HAKI.'
    : 'END Sorry, Haki could not save this referral. Please try again later, or send an SMS starting with HAKI.';
}
