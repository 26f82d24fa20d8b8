import type { MessageLanguage } from '../send-offer/offer-message';
import type { ReplyAnswer } from './reply-message.model';

/** At most this many codes are listed when a volunteer must choose: the message stays one segment. */
const LISTED_CODES = 4;

interface ReplyPhrasebook {
  unclear: string;
  noOpenOffer: (code: string | undefined) => string;
  severalOpen: (count: number, codes: string) => string;
  declineRecorded: (code: string) => string;
  awaySet: (backOn: string) => string;
  backSet: string;
}

/** Each text fits one GSM-7 segment (reply-text.spec.ts) and names nothing but reply codes. */
const ENGLISH: ReplyPhrasebook = {
  unclear:
    'Haki: sorry, we did not understand. Reply YES or NO with the 4-digit code, e.g. YES 1234. AWAY 3 = away 3 days. BACK = available.',
  noOpenOffer: (code) =>
    code
      ? `Haki: no open request of yours has ref ${code}. It may have closed or gone to someone else. No action needed.`
      : 'Haki: you have no open request to answer. No action needed.',
  severalOpen: (count, codes) =>
    `Haki: you have ${count} open requests (${codes}). Reply YES or NO with the code, e.g. YES ${codes.slice(0, 4)}.`,
  declineRecorded: (code) => `Haki: thank you, your NO to ref ${code} is recorded.`,
  awaySet: (backOn) => `Haki: noted, you are away until ${backOn}. No requests until then. Reply BACK when you are available.`,
  backSet: 'Haki: welcome back, you will get requests again.',
};

/** Swahili (needs a native speaker's review before production, like the offer texts). */
const SWAHILI: ReplyPhrasebook = {
  unclear:
    'Haki: samahani, hatukuelewa. Jibu NDIYO au HAPANA na namba ya kumb, mf. NDIYO 1234. LIKIZO 3 = siku 3 mbali. NIPO = nipo tayari.',
  noOpenOffer: (code) =>
    code
      ? `Haki: huna ombi lililo wazi lenye kumb ${code}. Huenda limefungwa au limepewa mwingine. Huna haja ya kufanya lolote.`
      : 'Haki: huna ombi lililo wazi la kujibu. Huna haja ya kufanya lolote.',
  severalOpen: (count, codes) =>
    `Haki: una maombi ${count} yaliyo wazi (${codes}). Jibu NDIYO au HAPANA na namba, mf. NDIYO ${codes.slice(0, 4)}.`,
  declineRecorded: (code) => `Haki: asante, HAPANA yako kwa kumb ${code} imerekodiwa.`,
  awaySet: (backOn) => `Haki: sawa, uko mbali hadi ${backOn}. Hutapokea maombi hadi hapo. Jibu NIPO ukiwa tayari.`,
  backSet: 'Haki: karibu tena, utapokea maombi tena.',
};

const PHRASEBOOKS: Record<MessageLanguage, ReplyPhrasebook> = { en: ENGLISH, sw: SWAHILI };

/**
 * The text that tells a volunteer what became of their SMS, or undefined when nothing needs saying:
 * an acceptance is answered by its confirmation (or, if someone was faster, by the cancellation).
 */
export function replyText(answer: ReplyAnswer, language: MessageLanguage = 'en'): string | undefined {
  const book = PHRASEBOOKS[language];
  switch (answer.outcome) {
    case 'unclear':
      return book.unclear;
    case 'no-open-offer':
      return book.noOpenOffer(answer.codes[0]);
    case 'several-open-offers': {
      const listed = answer.codes.slice(0, LISTED_CODES).join(', ') + (answer.codes.length > LISTED_CODES ? ', ...' : '');
      return book.severalOpen(answer.codes.length, listed);
    }
    case 'answer-recorded':
      return answer.response === 'decline' ? book.declineRecorded(answer.codes[0] ?? '') : undefined;
    case 'away-set':
      return book.awaySet(answer.backOn ?? '');
    case 'back-set':
      return book.backSet;
  }
}
