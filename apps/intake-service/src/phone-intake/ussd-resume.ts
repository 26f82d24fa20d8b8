import type { PhoneLanguage } from './phone-draft';
import { replay, ussdScreen, type UssdOptions, type UssdStep } from './ussd-menu';

// USSD sessions drop: the network's timeout, a call coming in, a signal lost on the road. Since the
// menu is a pure function of the answers, a dropped session is resumed by keeping its answers (by
// phone number, for a while) and replaying them in front of the new session's.

/** How long a dropped session's answers are kept for its phone, then forgotten (they are PII). */
export const RESUME_WINDOW_MINUTES = 30;

const CONTINUE = '1';
const START_AGAIN = '2';
const RESUME_PROMPT: { readonly [L in PhoneLanguage]: string } = {
  en: 'You have an unfinished referral.\n1 Continue it\n2 Start again',
  sw: 'Una rufaa ambayo hukumaliza.\n1 Endelea nayo\n2 Anza upya',
};
const CHOOSE: { readonly [L in PhoneLanguage]: string } = { en: 'Choose 1 or 2.', sw: 'Chagua 1 au 2.' };

/**
 * The screen for a session whose phone left `saved` answers unfinished (undefined: none), and the
 * answers to keep for that phone now. The caller keeps two things: by phone, `answers` after every
 * CON (forgotten after an END or after RESUME_WINDOW_MINUTES); by session, the `saved` answers it
 * found for the phone when the session began, passed in on each of the session's requests. The
 * session first asks whether to continue; its later answers follow the saved ones.
 */
export function resumableUssdScreen(text: string, saved: string | undefined, options: UssdOptions): UssdStep & { answers: string } {
  if (!saved) return { ...ussdScreen(text, options), answers: text };
  const typed = text === '' ? [] : text.split('*');
  // Answers before the first 1 or 2 were tries that fit neither.
  const chosenAt = typed.findIndex((answer) => answer.trim() === CONTINUE || answer.trim() === START_AGAIN);
  if (chosenAt >= 0) {
    const rest = typed.slice(chosenAt + 1);
    const answers = typed[chosenAt]!.trim() === CONTINUE ? [saved, ...rest].join('*') : rest.join('*');
    return { ...ussdScreen(answers, options), answers };
  }
  const language = replay(saved, options).state.draft.language;
  const screen = `CON ${typed.length > 0 ? `${CHOOSE[language]} ` : ''}${RESUME_PROMPT[language]}`;
  // Until the referrer chooses, the saved answers stay as they were.
  return { kind: 'CON', screen, answers: saved };
}
