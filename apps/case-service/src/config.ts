import { z } from 'zod';
import { activeKeyCheck, env, serviceConfigSchema } from '@haki/platform-config';

export const caseConfigSchema = serviceConfigSchema
  .extend({
    /**
     * Keys for what people write on a case (notes, evidence descriptions) and for its evidence files,
     * `keyId:base64(32 bytes)` separated by commas; each case's own file key is derived from the active
     * one (HKDF with the case id), so one leaked file key opens one case.
     */
    CASE_KEYS: env.sealingKeys(),
    CASE_ACTIVE_KEY_ID: z.string().min(1),
    /** Where evidence files are kept, encrypted: a local directory (one server) or an S3-compatible bucket. */
    EVIDENCE_STORE: z.enum(['local', 's3']).default('local'),
    /** The local store's directory (created 0700). */
    EVIDENCE_DIR: z.string().min(1).default('.cache/evidence'),
    /** The largest evidence file taken, in MB (a phone photo, a scanned report); the gateway's MAX_BODY_BYTES must allow it. */
    EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(100).default(15),
    EVIDENCE_S3_BUCKET: z.string().min(3).optional(),
    EVIDENCE_S3_PREFIX: z.string().default(''),
    EVIDENCE_S3_REGION: z.string().min(1).default('us-east-1'),
    /** An S3-compatible endpoint (MinIO, Ceph, a cloud's); unset for AWS itself. */
    EVIDENCE_S3_ENDPOINT: env.url(['http', 'https']).optional(),
    EVIDENCE_S3_FORCE_PATH_STYLE: env.bool(false),
    /** Static credentials; unset to use the SDK's default chain (instance role, web identity). */
    EVIDENCE_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    EVIDENCE_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .refine(...activeKeyCheck('CASE'))
  .refine((config) => config.EVIDENCE_STORE !== 's3' || !!config.EVIDENCE_S3_BUCKET, {
    path: ['EVIDENCE_S3_BUCKET'],
    message: 'required when EVIDENCE_STORE=s3',
  });
export type CaseConfig = z.infer<typeof caseConfigSchema>;
