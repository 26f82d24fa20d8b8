import { z } from 'zod';
import { serviceConfigSchema } from '@haki/platform-config';

export const intakeConfigSchema = serviceConfigSchema
  .extend({
    /** Encryption keys for survivor PII, `keyId:base64(32 bytes)` separated by commas. */
    PII_KEYS: z
      .string()
      .min(1, 'set at least one key, e.g. k1:<32 random bytes in base64>')
      .transform((value, ctx) => {
        const keys = new Map<string, Buffer>();
        for (const entry of value.split(',')) {
          const [id, material] = entry.trim().split(':');
          const key = Buffer.from(material ?? '', 'base64');
          if (!id || key.length !== 32) {
            ctx.addIssue({ code: 'custom', message: `entry "${id ?? ''}" must be keyId:<32 bytes base64>` });
            return z.NEVER;
          }
          keys.set(id, key);
        }
        return keys;
      }),
    /** The key id new data is sealed with; older keys stay for reading (rotation). */
    PII_ACTIVE_KEY_ID: z.string().min(1),
  })
  // Caught at boot (exit 78 naming the variable), not at the first referral.
  .refine((config) => config.PII_KEYS.has(config.PII_ACTIVE_KEY_ID), {
    path: ['PII_ACTIVE_KEY_ID'],
    message: 'must be one of the key ids in PII_KEYS',
  });
export type IntakeConfig = z.infer<typeof intakeConfigSchema>;
