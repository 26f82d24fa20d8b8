import { replyCode } from '@haki/contracts';
import type { MessagePurpose } from './notification.model';

/** Languages messages are written in; a contact in any other language gets English. */
export const MESSAGE_LANGUAGES = ['en', 'sw'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export const messageLanguage = (contactLanguage: string | undefined): MessageLanguage => (contactLanguage === 'sw' ? 'sw' : 'en');

type FollowUpPurpose = Exclude<MessagePurpose, 'offer'>;

/**
 * Every text of one language. Each must fit one 160-character GSM-7 segment for cheap phones
 * (offer-message.spec.ts checks every service and county), and carries no names, no precise place and
 * no narrative: an SMS can be read by whoever holds the phone, police included.
 */
interface Phrasebook {
  services: Record<string, string>;
  /** A service type this phrasebook does not name. */
  anyService: string;
  offer(text: { urgent: boolean; service: string; county: string; code: string }): string;
  /** What a follow-up is about: the request, by service and county. */
  subject(service: string, county: string): string;
  followUps: Record<FollowUpPurpose, (subject: string, code: string) => string>;
  /** A confirmation that carries the link to the brief instead of "ops will call". */
  confirmedWithBrief: (subject: string, code: string, url: string) => string;
  /** The line under an email offer that links to its accept/decline page. */
  answerHere: (url: string) => string;
}

const ENGLISH: Phrasebook = {
  services: {
    postmortem: 'postmortem',
    'torture-documentation': 'injury documentation',
    'medical-care': 'medical care',
    'legal-aid': 'legal aid',
    'detention-support': 'detention support',
  },
  anyService: 'case',
  offer: ({ urgent, service, county, code }) =>
    `Haki: ${urgent ? 'URGENT ' : ''}${service} request, ${county} County. Reply YES ${code} to accept or NO ${code} to decline.`,
  subject: (service, county) => `${service} request in ${county} County`,
  followUps: {
    confirmed: (subject, code) => `Haki: confirmed, the ${subject} is yours (ref ${code}). Ops will call you with the details.`,
    cancelled: (subject, code) => `Haki: the ${subject} (ref ${code}) is no longer needed. No reply needed. Thank you.`,
    expired: (subject, code) => `Haki: the ${subject} (ref ${code}) has expired. No reply needed.`,
    reminder: (subject, code) => `Haki: please tell ops how the ${subject} (ref ${code}) is going.`,
    completed: (subject, code) => `Haki: the ${subject} (ref ${code}) is recorded as done. Thank you.`,
  },
  confirmedWithBrief: (subject, code, url) => `Haki: confirmed, the ${subject} is yours (ref ${code}). Details: ${url}`,
  answerHere: (url) => `Or answer here: ${url}`,
};

/** Swahili. "Ombi" (request) takes li- agreement: "ni lako", "halihitajiki", "limekamilika". */
const SWAHILI: Phrasebook = {
  services: {
    postmortem: 'uchunguzi wa maiti',
    'torture-documentation': 'kuandika majeraha',
    'medical-care': 'huduma ya afya',
    'legal-aid': 'msaada wa kisheria',
    'detention-support': 'msaada kwa aliyezuiliwa',
  },
  anyService: 'kesi',
  offer: ({ urgent, service, county, code }) =>
    `Haki: ombi la ${urgent ? 'DHARURA la ' : ''}${service}, Kaunti ya ${county}. Jibu NDIYO ${code} kukubali au HAPANA ${code} kukataa.`,
  subject: (service, county) => `ombi la ${service} katika Kaunti ya ${county}`,
  followUps: {
    confirmed: (subject, code) => `Haki: imethibitishwa, ${subject} ni lako (kumb ${code}). Ofisi itakupigia simu na maelezo.`,
    cancelled: (subject, code) => `Haki: ${subject} (kumb ${code}) halihitajiki tena. Huna haja ya kujibu. Asante.`,
    expired: (subject, code) => `Haki: muda wa ${subject} (kumb ${code}) umekwisha. Huna haja ya kujibu.`,
    reminder: (subject, code) => `Haki: tafadhali ijulishe ofisi jinsi ${subject} (kumb ${code}) linavyoendelea.`,
    completed: (subject, code) => `Haki: ${subject} (kumb ${code}) limerekodiwa kuwa limekamilika. Asante.`,
  },
  confirmedWithBrief: (subject, code, url) => `Haki: imethibitishwa, ${subject} ni lako (kumb ${code}). Maelezo: ${url}`,
  answerHere: (url) => `Au jibu hapa: ${url}`,
};

const PHRASEBOOKS: Record<MessageLanguage, Phrasebook> = { en: ENGLISH, sw: SWAHILI };

/** What a message is about, as the notification record keeps it. */
export interface MessageAbout {
  offerId: string;
  serviceType: string;
  urgency: string;
  countyName: string;
  /** Absent on records from before follow-ups existed: those are offers. */
  purpose?: MessagePurpose;
}

/** Signed links a message may carry (links/offer-links.ts): absent when links are not configured. */
export interface MessageLinks {
  /** The offer's accept/decline page (email offers). */
  respond?: string;
  /** The brief of a confirmed assignment (confirmations): the SMS then takes 2-3 segments (offer-message.spec.ts). */
  brief?: string;
}

/** The text for any message about an offer, the offer itself or what became of it, in the contact's language. */
export function messageText(message: MessageAbout, language: MessageLanguage = 'en', links: MessageLinks = {}): string {
  const book = PHRASEBOOKS[language];
  const service = book.services[message.serviceType] ?? book.anyService;
  const code = replyCode(message.offerId);
  const purpose = message.purpose ?? 'offer';
  if (purpose === 'offer') return book.offer({ urgent: message.urgency === 'critical', service, county: message.countyName, code });
  const subject = book.subject(service, message.countyName);
  if (purpose === 'confirmed' && links.brief) return book.confirmedWithBrief(subject, code, links.brief);
  return book.followUps[purpose](subject, code);
}

/** The same message by email: a subject naming the request, the SMS text as the body, and under an offer its answer link. */
export function emailMessage(
  message: MessageAbout,
  language: MessageLanguage = 'en',
  links: MessageLinks = {},
): { subject: string; text: string } {
  const book = PHRASEBOOKS[language];
  const service = book.services[message.serviceType] ?? book.anyService;
  const text = messageText(message, language, links);
  const answer = (message.purpose ?? 'offer') === 'offer' && links.respond ? `\n\n${book.answerHere(links.respond)}` : '';
  return { subject: `Haki: ${book.subject(service, message.countyName)}`, text: text + answer };
}
