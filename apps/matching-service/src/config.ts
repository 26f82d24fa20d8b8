import { z } from 'zod';
import { activeKeyCheck, env, redisConfigSchema, serviceConfigSchema } from '@haki/platform-config';

export const matchingConfigSchema = serviceConfigSchema
  .extend(redisConfigSchema.shape)
  .extend({
    /** Load the demo roster into an empty roster collection at boot (local runs, demos, e2e). */
    SEED_DEMO_ROSTER: env.bool(false),
    /**
     * Multiplies every duration of the offer policy table (offer timeout, search window, progress
     * reminders). 1 in production; demos and tests run the same policy faster with, say, 0.001.
     */
    POLICY_TIME_SCALE: z.coerce.number().positive().max(100).default(1),
    /** How long a timer job may run before BullMQ hands it to another worker (recovery time after a crash). */
    JOB_LOCK_MS: env.milliseconds(15_000),
    /**
     * How old the in-memory roster (professionals, open cases, history) may get before ranking reads it
     * again (roster/roster-snapshot.ts). 0 reads it for every ranking.
     */
    ROSTER_REFRESH_MS: env.milliseconds(5_000),
    /** Keys that seal volunteers' contact details for the notification service (rotation as PII_KEYS). */
    CONTACT_KEYS: env.sealingKeys(),
    CONTACT_ACTIVE_KEY_ID: z.string().min(1),
  })
  .refine(...activeKeyCheck('CONTACT'));
export type MatchingConfig = z.infer<typeof matchingConfigSchema>;
