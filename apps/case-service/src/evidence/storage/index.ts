export { assertValidBlobKey, evidenceBlobKey, type BlobStore } from './blob-store';
export { LocalDirectoryBlobStore } from './local-directory-store';
export { S3BlobStore, s3ClientFrom, type S3BlobStoreOptions, type S3ConnectionConfig } from './s3-store';
export { EvidenceVault, EVIDENCE_PROBLEMS, type EvidenceCheck, type OpenedEvidence, type ReceivedEvidence } from './evidence-vault';
