import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { HakiError } from '@haki/contracts';
import { assertSameBytes, assertValidBlobKey, type BlobStore } from './blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  /** Keys are stored as `<prefix>/<key>`, so one bucket can hold other things (or several environments). */
  prefix?: string;
  client: S3Client;
  /**
   * Whether the store honours `If-None-Match: *` on PutObject (AWS S3 since 2024, versitygw, MinIO,
   * moto do). Default true. Set false only for a store that rejects or ignores the header: writes then
   * check first and put after, which leaves a small window in which a concurrent write can be replaced.
   */
  conditionalWrites?: boolean;
}

/**
 * A blob store in an S3-compatible bucket (AWS S3, or a gateway such as versitygw or MinIO), through
 * the official AWS SDK. No server-side encryption is requested: the evidence vault has already
 * encrypted every byte under the case key, so the bucket's operator never holds a key that opens it.
 */
export class S3BlobStore implements BlobStore {
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  private readonly conditionalWrites: boolean;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.client = options.client;
    this.conditionalWrites = options.conditionalWrites ?? true;
    const prefix = options.prefix?.replace(/^\/+|\/+$/g, '') ?? '';
    if (prefix) assertValidBlobKey(prefix);
    this.prefix = prefix ? `${prefix}/` : '';
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const objectKey = this.objectKeyOf(key);
    if (!this.conditionalWrites) {
      const existing = await this.get(key);
      if (existing) {
        assertSameBytes(key, existing, bytes);
        return;
      }
    }
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          Body: bytes,
          ContentType: 'application/octet-stream',
          // Put-if-absent, decided by the store itself: no window between checking and writing.
          ...(this.conditionalWrites ? { IfNoneMatch: '*' } : {}),
        }),
      );
    } catch (error) {
      if (!isPreconditionFailed(error)) throw asStoreError(error, 'write', objectKey);
      // The key is taken: a retry of the same upload is fine, other bytes are a conflict.
      const existing = await this.get(key);
      // Taken a moment ago and gone now: only a deletion behind our back does this; let the caller retry.
      if (!existing) throw new HakiError('EVIDENCE.STORE_UNAVAILABLE', `${objectKey} was reported present but could not be read back`);
      assertSameBytes(key, existing, bytes);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const objectKey = this.objectKeyOf(key);
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      if (!answer.Body) return Buffer.alloc(0);
      // Reading the body is part of the request: a connection dropped mid-download lands in the catch below.
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw asStoreError(error, 'read', objectKey);
    }
  }

  private objectKeyOf(key: string): string {
    assertValidBlobKey(key);
    return `${this.prefix}${key}`;
  }
}

/** NoSuchKey, or a bare 404 from a store that names it differently; a missing bucket is a configuration error, not an empty key. */
function isMissingObject(error: unknown): boolean {
  if (!(error instanceof S3ServiceException) || error.name === 'NoSuchBucket') return false;
  return error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404;
}

function isPreconditionFailed(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'PreconditionFailed' || error.$metadata.httpStatusCode === 412);
}

/**
 * Sorts the SDK's failures (after its own retries) into what a caller can act on:
 * - no answer at all (connection refused or reset, DNS, timeout), a 5xx, throttling (429/503 SlowDown),
 *   or AWS's 409 ConditionalRequestConflict (a concurrent conditional write in flight): the store is
 *   unavailable for now, EVIDENCE.STORE_UNAVAILABLE, retryable;
 * - any other refusal (AccessDenied, NoSuchBucket, missing credentials) is our configuration, which
 *   retrying will not fix: INTERNAL, naming what the store said (never the credentials).
 */
function asStoreError(error: unknown, action: 'read' | 'write', objectKey: string): HakiError {
  if (error instanceof HakiError) return error;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode ?? 0;
    const said = `${error.name} (HTTP ${status || 'no status'})`;
    if (status >= 500 || status === 429 || error.name === 'ConditionalRequestConflict') {
      return new HakiError('EVIDENCE.STORE_UNAVAILABLE', `the evidence bucket could not ${action} ${objectKey}: ${said}`);
    }
    return new HakiError('INTERNAL', `the evidence bucket refused to ${action} ${objectKey}: ${said}`);
  }
  const { name, detail } = describeFailure(error);
  if (name === 'CredentialsProviderError') {
    return new HakiError('INTERNAL', `no credentials for the evidence bucket to ${action} ${objectKey}`);
  }
  return new HakiError('EVIDENCE.STORE_UNAVAILABLE', `the evidence bucket did not answer to ${action} ${objectKey} (${name}: ${detail})`);
}

/**
 * Name and system code (ECONNREFUSED…) of a failure, else its message, read structurally: errors
 * from node's own modules are not always `instanceof Error` (jest's VM), and the SDK then wraps them.
 */
function describeFailure(error: unknown): { name: string; detail: string } {
  if (typeof error !== 'object' || error === null) return { name: typeof error, detail: String(error) };
  const name = 'name' in error && typeof error.name === 'string' ? error.name : 'unknown';
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message.slice(0, 200) : '';
  return { name, detail: code ?? message };
}

export interface S3ConnectionConfig {
  /** For an S3-compatible server (versitygw, MinIO); omitted for AWS S3 itself. */
  endpoint?: string;
  region: string;
  /** `bucket` in the path rather than the host name: what most self-hosted S3-compatible servers need. */
  forcePathStyle: boolean;
  /** Both or neither: without them the SDK's default chain applies (environment, instance or pod role). */
  accessKeyId?: string;
  secretAccessKey?: string;
}

export function s3ClientFrom(config: S3ConnectionConfig): S3Client {
  const { endpoint, region, forcePathStyle, accessKeyId, secretAccessKey } = config;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new HakiError('CONFIG.INVALID', 'evidence store: set both the S3 access key id and secret access key, or neither');
  }
  return new S3Client({
    region,
    forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  });
}
