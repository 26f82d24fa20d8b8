import { z } from 'zod';
import { activeKeyCheck, env, redisConfigSchema, serviceConfigSchema } from '@haki/platform-config';
import { CHANNEL_PROVIDERS } from './channels/channel-factory';

export const notificationConfigSchema = serviceConfigSchema
  .extend(redisConfigSchema.shape)
  .extend({
    /** Which SMS provider adapter sends messages; `recording` stores them for local runs and tests, `africastalking` sends. */
    SMS_PROVIDER: z.enum(CHANNEL_PROVIDERS).default('recording'),
    /** Load demo contact details for the demo roster into an empty contacts collection. */
    SEED_DEMO_CONTACTS: env.bool(false),
    /**
     * How long a worker holds a job before BullMQ assumes it died and hands the job to another worker.
     * Must exceed the slowest provider call; shorter means faster recovery after a crash.
     */
    JOB_LOCK_MS: env.milliseconds(15_000),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
    /** Keys that open volunteers' contact details sealed by the matching service (the same list as matching's). */
    CONTACT_KEYS: env.sealingKeys(),
    CONTACT_ACTIVE_KEY_ID: z.string().min(1),
    /** Africa's Talking (SMS_PROVIDER=africastalking): account, API key, sender id and API host. */
    AT_USERNAME: z.string().min(1).optional(),
    AT_API_KEY: z.string().min(1).optional(),
    AT_SENDER_ID: z.string().min(1).optional(),
    AT_BASE_URL: z.string().url().default('https://api.africastalking.com'),
    /** How long one provider call may take before it counts as failed and is retried. */
    SMS_TIMEOUT_MS: env.milliseconds(10_000),
  })
  .refine(...activeKeyCheck('CONTACT'))
  .superRefine((config, context) => {
    if (config.SMS_PROVIDER !== 'africastalking') return;
    for (const name of ['AT_USERNAME', 'AT_API_KEY'] as const) {
      if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: 'required when SMS_PROVIDER is africastalking' });
    }
  });
export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
