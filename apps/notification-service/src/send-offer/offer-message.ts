import { createHash } from 'node:crypto';
import type { MessagePurpose } from './notification.model';

const SERVICE_WORDS: Record<string, string> = {
  postmortem: 'postmortem',
  'torture-documentation': 'injury documentation',
  'detention-medical': 'medical aid in detention',
  'legal-aid': 'legal aid',
};

/** A 4-digit code the professional replies with; derived from the offer so a resend shows the same one. */
export function replyCode(offerId: string): string {
  return String(parseInt(createHash('sha256').update(offerId).digest('hex').slice(0, 8), 16) % 10_000).padStart(4, '0');
}

/**
 * The offer SMS. It must fit one 160-character GSM-7 segment for cheap phones, and carries no names,
 * no precise place and no narrative: an SMS can be read by whoever holds the phone, police included.
 */
export function offerSms(offer: { offerId: string; serviceType: string; urgency: string; countyName: string }): string {
  const code = replyCode(offer.offerId);
  const urgency = offer.urgency === 'critical' ? 'URGENT ' : '';
  const service = SERVICE_WORDS[offer.serviceType] ?? 'case';
  return `Haki: ${urgency}${service} request, ${offer.countyName} County. Reply YES ${code} to accept or NO ${code} to decline.`;
}

const FOLLOW_UPS: Record<Exclude<MessagePurpose, 'offer'>, (what: string, code: string) => string> = {
  confirmed: (what, code) => `Haki: confirmed, the ${what} is yours (ref ${code}). Ops will call you with the details.`,
  cancelled: (what, code) => `Haki: the ${what} (ref ${code}) is no longer needed. No reply needed. Thank you.`,
  expired: (what, code) => `Haki: the ${what} (ref ${code}) has expired. No reply needed.`,
  reminder: (what, code) => `Haki: please tell ops how the ${what} (ref ${code}) is going.`,
  completed: (what, code) => `Haki: the ${what} (ref ${code}) is recorded as done. Thank you.`,
};

/** The text for any message about an offer: the offer itself, or what became of it. Same limits as the offer. */
export function messageText(message: {
  offerId: string;
  serviceType: string;
  urgency: string;
  countyName: string;
  purpose?: MessagePurpose;
}): string {
  const purpose = message.purpose ?? 'offer';
  if (purpose === 'offer') return offerSms(message);
  const what = `${SERVICE_WORDS[message.serviceType] ?? 'case'} request in ${message.countyName} County`;
  return FOLLOW_UPS[purpose](what, replyCode(message.offerId));
}
