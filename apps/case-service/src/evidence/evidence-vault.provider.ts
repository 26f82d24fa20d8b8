import type { Provider } from '@nestjs/common';
import { SERVICE_CONFIG } from '@haki/platform-runtime';
import type { CaseConfig } from '../config';
import { EVIDENCE_VAULT } from '../case.tokens';
import { EvidenceVault, LocalDirectoryBlobStore, S3BlobStore, s3ClientFrom, type BlobStore } from './storage';

/** The vault over the configured store: a local directory (one server, the default) or an S3-compatible bucket. */
export const evidenceVaultProvider: Provider = {
  provide: EVIDENCE_VAULT,
  inject: [SERVICE_CONFIG],
  useFactory: (config: CaseConfig) => {
    const store: BlobStore =
      config.EVIDENCE_STORE === 's3'
        ? new S3BlobStore({
            bucket: config.EVIDENCE_S3_BUCKET!,
            prefix: config.EVIDENCE_S3_PREFIX,
            client: s3ClientFrom({
              region: config.EVIDENCE_S3_REGION,
              forcePathStyle: config.EVIDENCE_S3_FORCE_PATH_STYLE,
              ...(config.EVIDENCE_S3_ENDPOINT ? { endpoint: config.EVIDENCE_S3_ENDPOINT } : {}),
              ...(config.EVIDENCE_S3_ACCESS_KEY_ID ? { accessKeyId: config.EVIDENCE_S3_ACCESS_KEY_ID } : {}),
              ...(config.EVIDENCE_S3_SECRET_ACCESS_KEY ? { secretAccessKey: config.EVIDENCE_S3_SECRET_ACCESS_KEY } : {}),
            }),
          })
        : new LocalDirectoryBlobStore(config.EVIDENCE_DIR);
    return new EvidenceVault(store, config.CASE_KEYS, config.CASE_ACTIVE_KEY_ID, config.EVIDENCE_MAX_MB * 1024 * 1024);
  },
};
