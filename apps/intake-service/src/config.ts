import { z } from 'zod';
import { activeKeyCheck, env, linkConfigSchema, linkKeyCheck, redisConfigSchema, serviceConfigSchema } from '@haki/platform-config';

export const intakeConfigSchema = serviceConfigSchema
  // Phone intake's USSD sessions, dropped-session answers and per-phone limits (all expiring).
  .extend(redisConfigSchema.shape)
  .extend({
    /** Encryption keys for survivor PII, `keyId:base64(32 bytes)` separated by commas. */
    PII_KEYS: env.sealingKeys(),
    /** The key id new data is sealed with; older keys stay for reading (rotation). */
    PII_ACTIVE_KEY_ID: z.string().min(1),
    /** Keys of the signed links the notification service sends (the same LINK_KEYS): without them /briefs answers 404. */
    ...linkConfigSchema.shape,
    /**
     * The secret path segment of Africa's Talking's USSD callback (`/ussd/africastalking/<secret>`):
     * without it the callback answers 404, so USSD intake is off until it is set.
     */
    USSD_WEBHOOK_SECRET: z.string().min(24, 'must be at least 24 characters (it is the callback credential)').optional(),
    /**
     * The contact keys notification seals phone numbers with (the same CONTACT_KEYS): intake opens the
     * SMS of phone referrers with them, and seals its messages back to them.
     */
    CONTACT_KEYS: env.sealingKeys(),
    CONTACT_ACTIVE_KEY_ID: z.string().min(1),
    /** Puts the demo partners on the organisation list at boot (`npm start` does). */
    SEED_DEMO_ORGANISATIONS: env.bool(false),
  })
  .refine(...linkKeyCheck)
  // Caught at boot (exit 78 naming the variable), not at the first referral.
  .refine(...activeKeyCheck('PII'))
  .refine(...activeKeyCheck('CONTACT'));
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
