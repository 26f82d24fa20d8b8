import type { MessageLanguage } from '../send-offer/offer-message';
import { escapeHtml } from '@haki/platform-runtime';

/**
 * The pages an answer link opens: plain HTML forms that work on a feature phone's browser with no
 * JavaScript, in the volunteer's language. They name the request as the SMS does (service, county,
 * reference): no survivor, no precise place.
 */
interface PageWords {
  title: string;
  accept: string;
  decline: string;
  reason: string;
  thanks: (response: 'accept' | 'decline') => string;
  used: string;
  problems: Record<'LINK.INVALID' | 'LINK.EXPIRED' | 'LINK.USED' | 'OTHER', string>;
}

const WORDS: Record<MessageLanguage, PageWords> = {
  en: {
    title: 'Haki request',
    accept: 'Accept',
    decline: 'Decline',
    reason: 'Reason (optional)',
    thanks: (response) =>
      response === 'accept'
        ? 'Thank you. Your YES is sent. You will get a confirmation by SMS, or be told if the request has closed.'
        : 'Thank you. Your NO is sent.',
    used: 'This link was used already; the answer given stands. Reply by SMS or call ops to change it.',
    problems: {
      'LINK.INVALID': 'This link is not valid.',
      'LINK.EXPIRED': 'This link has expired. The request may have closed; call ops if you can still help.',
      'LINK.USED': 'This link was used already; the answer given stands.',
      OTHER: 'Something went wrong; nothing was recorded. Please try again or reply by SMS.',
    },
  },
  sw: {
    title: 'Ombi la Haki',
    accept: 'Kubali',
    decline: 'Kataa',
    reason: 'Sababu (si lazima)',
    thanks: (response) =>
      response === 'accept'
        ? 'Asante. NDIYO yako imetumwa. Utapokea uthibitisho kwa SMS, au utaambiwa kama ombi limefungwa.'
        : 'Asante. HAPANA yako imetumwa.',
    used: 'Kiungo hiki kimeshatumika; jibu lililotolewa linabaki. Jibu kwa SMS au piga simu ofisini kulibadilisha.',
    problems: {
      'LINK.INVALID': 'Kiungo hiki si halali.',
      'LINK.EXPIRED': 'Muda wa kiungo hiki umekwisha. Ombi huenda limefungwa; piga simu ofisini kama bado unaweza kusaidia.',
      'LINK.USED': 'Kiungo hiki kimeshatumika; jibu lililotolewa linabaki.',
      OTHER: 'Hitilafu imetokea; hakuna kilichorekodiwa. Tafadhali jaribu tena au jibu kwa SMS.',
    },
  },
};

function page(language: MessageLanguage, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width"><meta name="referrer" content="no-referrer">` +
    `<title>${escapeHtml(title)}</title></head><body>${body}</body></html>`
  );
}

/** The offer, as its SMS words it, with Accept and Decline (and a reason) posting back to the same link. */
export function answerPage(language: MessageLanguage, offerText: string): string {
  const words = WORDS[language];
  return page(
    language,
    words.title,
    `<p>${escapeHtml(offerText)}</p>` +
      `<form method="post"><input type="hidden" name="response" value="accept"><button type="submit">${words.accept}</button></form>` +
      `<form method="post"><input type="hidden" name="response" value="decline">` +
      `<p><label>${words.reason}<br><input type="text" name="reason" maxlength="200"></label></p>` +
      `<button type="submit">${words.decline}</button></form>`,
  );
}

export const thanksPage = (language: MessageLanguage, response: 'accept' | 'decline') =>
  page(language, WORDS[language].title, `<p>${escapeHtml(WORDS[language].thanks(response))}</p>`);

export const usedPage = (language: MessageLanguage) => page(language, WORDS[language].title, `<p>${escapeHtml(WORDS[language].used)}</p>`);

export function problemPage(language: MessageLanguage, code: string): string {
  const problems = WORDS[language].problems;
  return page(language, WORDS[language].title, `<p>${escapeHtml(problems[code as keyof typeof problems] ?? problems.OTHER)}</p>`);
}
