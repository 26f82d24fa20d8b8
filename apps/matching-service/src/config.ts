import { z } from 'zod';
import { env, serviceConfigSchema } from '@haki/platform-config';

export const matchingConfigSchema = serviceConfigSchema.extend({
  /** Load the demo roster into an empty roster collection at boot (local runs, demos, e2e). */
  SEED_DEMO_ROSTER: env.bool(false),
  /** How long a professional has to answer an offer. */
  OFFER_TTL_MS: env.milliseconds(30 * 60_000),
});
export type MatchingConfig = z.infer<typeof matchingConfigSchema>;
