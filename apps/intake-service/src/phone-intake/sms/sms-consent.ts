import type { PhoneLanguage } from '../phone-draft';

// An SMS referral cannot go to a volunteer without consent, and a text rarely says it: once the
// referral is otherwise complete, one more question asks for it, as the USSD menu does on its screen.

export const CONSENT_QUESTION: { readonly [L in PhoneLanguage]: string } = {
  en: 'Haki: does the family (or the person harmed) agree that Haki shares this with a volunteer doctor or lawyer? Reply YES or NO.',
  sw: 'Haki: je, familia (au aliyedhurika) inakubali Haki ishiriki hili na daktari au wakili wa kujitolea? Jibu NDIYO au HAPANA.',
};

const YES = new Set([
  'yes',
  'y',
  'ndiyo',
  'ndio',
  'ndyo',
  'sawa',
  'ok',
  'okay',
  'agree',
  'agreed',
  'wamekubali',
  'amekubali',
  'imekubali',
  'tumekubali',
]);
const NO = new Set(['no', 'n', 'hapana', 'sio', 'hawajakubali', 'hajakubali', 'refuse', 'refused']);
/** Swahili's "la" (no) is also a common joining word ("kanisa la mtaa"): it counts only as the whole reply. */
const NO_ALONE = 'la';

/** The referrer's YES or NO in either language (the first word that says one), or undefined. */
export function readYesNo(text: string): boolean | undefined {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  if (words.length === 1 && words[0] === NO_ALONE) return false;
  for (const word of words) {
    if (YES.has(word)) return true;
    if (NO.has(word)) return false;
  }
  return undefined;
}
