import { z } from 'zod';

/**
 * Surge triage (matching → matching): a professional's slot was freed and this referral, which has a role
 * waiting for capacity, is the first in triage order they could serve; its consumer searches again.
 * `passedOver` are the referrals already offered this slot (and the one that freed it): whoever does not
 * take the slot passes it on to the next waiting referral not in the list, so the chain ends.
 */
export const referralCapacityFreedV1 = z.object({
  referralId: z.string().min(1),
  professionalId: z.string().min(1),
  passedOver: z.array(z.string().min(1)).max(10_000),
});
