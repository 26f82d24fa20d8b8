import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number in E.164 (+254712345678), however it was typed ("0712 345 678", "254712345678",
 * "+254 (712) 345-678"): contact records and provider callbacks spell numbers differently, and a reply
 * is matched to its sender by this form. Numbers without a country code are read as Kenyan.
 * libphonenumber-js (Google's libphonenumber metadata) rather than our own rules for every prefix.
 */
export function toE164(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, 'KE');
  return parsed?.isPossible() ? parsed.number : undefined;
}
