import { z } from 'zod';
import { activeKeyCheck, env, linkConfigSchema, linkKeyCheck, redisConfigSchema, serviceConfigSchema } from '@haki/platform-config';
import { CHANNEL_PROVIDERS } from './channels/channel-factory';

export const notificationConfigSchema = serviceConfigSchema
  .extend(redisConfigSchema.shape)
  .extend({
    /** Which SMS provider adapter sends messages; `recording` stores them for local runs and tests, `africastalking` sends. */
    SMS_PROVIDER: z.enum(CHANNEL_PROVIDERS).default('recording'),
    /** The provider that takes over a message the primary could not send within its retry budget; none when unset. */
    SMS_FALLBACK_PROVIDER: z.enum(CHANNEL_PROVIDERS).optional(),
    /** Each provider's send rate limit (messages per second, BullMQ's limiter); unlimited when unset. */
    SMS_MAX_PER_SECOND: z.coerce.number().int().min(1).max(1000).optional(),
    SMS_FALLBACK_MAX_PER_SECOND: z.coerce.number().int().min(1).max(1000).optional(),
    /**
     * The secret path segment of Africa's Talking's callback URLs (it signs nothing): inbound SMS and
     * delivery reports are taken only at /webhooks/africastalking/<secret>/…; the routes answer 404 without it.
     */
    AT_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{24,}$/, 'must be at least 24 letters, digits, "-" or "_"')
      .optional(),
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
    /** Twilio (a provider when SMS_PROVIDER or SMS_FALLBACK_PROVIDER is twilio): account, token, and who sends. */
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID (AC and 32 hex digits)')
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'must be a Messaging Service SID (MG and 32 hex digits)')
      .optional(),
    TWILIO_FROM: z.string().min(1).optional(),
    /** A message Twilio could not hand on within this many seconds fails instead of arriving after the offer ended. */
    TWILIO_VALIDITY_SECONDS: z.coerce.number().int().min(1).max(36_000).default(3_600),
    TWILIO_BASE_URL: z.string().url().default('https://api.twilio.com'),
    /**
     * This service's public origin as the providers call it (https://haki.example.org): Twilio signs the
     * full URL it calls, so its webhooks are verified against it, and its status callback URL is built on it.
     */
    PUBLIC_BASE_URL: env.origin(),
    /**
     * Signed links (jose): keys shared with the intake service, which serves the brief. With them and
     * PUBLIC_BASE_URL, email offers carry an accept/decline link (/links/…); with BRIEF_BASE_URL (the
     * intake service's public origin) too, confirmations carry a link to the brief (/briefs/…).
     */
    ...linkConfigSchema.shape,
    BRIEF_BASE_URL: env.origin(),
    /** How long a brief link opens after the confirmation. */
    BRIEF_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(14),
    /** Each provider's retry budget: attempts, and the first retry's delay (doubling after each). */
    SMS_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    SMS_RETRY_DELAY_MS: env.milliseconds(2_000),
    /**
     * Email over SMTP: confirmations are copied by email, and volunteers who prefer it get offers by email.
     * No email is sent when SMTP_HOST is unset (an email-preferring volunteer then gets SMS).
     */
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65_535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE: env.bool(false),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    EMAIL_FROM: z.string().min(3).default('Haki <haki@localhost>'),
    /** How long one provider call may take before it counts as failed and is retried. */
    SMS_TIMEOUT_MS: env.milliseconds(10_000),
  })
  .refine(...activeKeyCheck('CONTACT'))
  .refine(...linkKeyCheck)
  .superRefine((config, context) => {
    if (config.SMS_FALLBACK_PROVIDER && config.SMS_FALLBACK_PROVIDER === config.SMS_PROVIDER) {
      context.addIssue({ code: 'custom', path: ['SMS_FALLBACK_PROVIDER'], message: 'must differ from SMS_PROVIDER' });
    }
    const chosen = [config.SMS_PROVIDER, config.SMS_FALLBACK_PROVIDER];
    const require = (provider: string, names: readonly (keyof typeof config)[]) => {
      if (!chosen.includes(provider as never)) return;
      for (const name of names) {
        if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: `required when ${provider} is a provider` });
      }
    };
    require('africastalking', ['AT_USERNAME', 'AT_API_KEY']);
    require('twilio', ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']);
    if (chosen.includes('twilio') && !config.TWILIO_MESSAGING_SERVICE_SID && !config.TWILIO_FROM) {
      context.addIssue({ code: 'custom', path: ['TWILIO_FROM'], message: 'give TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM' });
    }
  });
export type NotificationConfig = z.infer<typeof notificationConfigSchema>;
