import { createHash } from 'node:crypto';

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
