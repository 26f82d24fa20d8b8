import { createHash } from 'node:crypto';

/**
 * The 4-digit code a volunteer replies with ("YES 6842"), derived from the offer id so every message
 * about the offer shows the same one. The notification service prints it; the matching service finds
 * which of the sender's open offers a reply names by computing it again, so nothing stores it.
 */
export function replyCode(offerId: string): string {
  return String(parseInt(createHash('sha256').update(offerId).digest('hex').slice(0, 8), 16) % 10_000).padStart(4, '0');
}
