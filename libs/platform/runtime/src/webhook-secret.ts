import { createHash, timingSafeEqual } from 'node:crypto';
import { HakiError } from '@haki/contracts';

/**
 * Refuses a callback whose URL secret is not the configured one, or any callback when none is
 * configured (deny by default). Compared in constant time over digests, so neither the content nor the
 * length of the secret leaks through response timing. Answered as 404: a prober learns nothing.
 */
export function requireSecret(configured: string | undefined, given: string): void {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!configured || !timingSafeEqual(digest(configured), digest(given))) {
    throw new HakiError('WEBHOOK.UNAUTHENTICATED', 'no such endpoint');
  }
}
