import { z } from 'zod';
import { activeKeyCheck, env, linkConfigSchema, linkKeyCheck, serviceConfigSchema } from '@haki/platform-config';

export const intakeConfigSchema = serviceConfigSchema
  .extend({
    /** Encryption keys for survivor PII, `keyId:base64(32 bytes)` separated by commas. */
    PII_KEYS: env.sealingKeys(),
    /** The key id new data is sealed with; older keys stay for reading (rotation). */
    PII_ACTIVE_KEY_ID: z.string().min(1),
    /** Keys of the signed links the notification service sends (the same LINK_KEYS): without them /briefs answers 404. */
    ...linkConfigSchema.shape,
    /** Puts the demo partners on the organisation list at boot (`npm start` does). */
    SEED_DEMO_ORGANISATIONS: env.bool(false),
  })
  .refine(...linkKeyCheck)
  // Caught at boot (exit 78 naming the variable), not at the first referral.
  .refine(...activeKeyCheck('PII'));
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
