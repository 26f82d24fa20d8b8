import { randomBytes, randomUUID } from 'node:crypto';
import { CreateBucketCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { testS3Server } from '@haki/testing';
import { EvidenceVault } from './evidence-vault';
import { S3BlobStore, s3ClientFrom } from './s3-store';

/**
 * S3BlobStore against a real S3-compatible server (versitygw, started by deploy/local/infra.sh in
 * development and CI), to prove what a scripted client cannot: that the server honours
 * If-None-Match: * and answers 412 and NoSuchKey the way the store expects.
 *
 *   S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY   the server and its keys (infra.sh prints them;
 *                                                         `npm test` exports them). Required: without
 *                                                         them every test here fails, saying so.
 *   S3_REGION        default us-east-1
 *   S3_TEST_BUCKET   default haki-evidence-test (created if missing)
 */
describe('S3BlobStore against a real S3-compatible server', () => {
  const bucket = process.env['S3_TEST_BUCKET'] ?? 'haki-evidence-test';
  // Each run writes under its own prefix, so runs never see each other's keys.
  const runPrefix = `run-${randomUUID()}`;
  let client: S3Client;
  let store: S3BlobStore;

  beforeAll(async () => {
    const { endpoint, accessKeyId, secretAccessKey } = testS3Server();
    client = s3ClientFrom({
      endpoint,
      region: process.env['S3_REGION'] ?? 'us-east-1',
      forcePathStyle: true,
      accessKeyId,
      secretAccessKey,
    });
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (error) {
      const alreadyThere = error instanceof S3ServiceException && ['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes(error.name);
      if (!alreadyThere) throw error;
    }
    store = new S3BlobStore({ bucket, prefix: runPrefix, client });
  });

  afterAll(() => client?.destroy());

  it('gives back what was put, byte for byte, and null for a key never put', async () => {
    const bytes = randomBytes(300_000);
    await store.put('case-1/ev-1', bytes);
    expect((await store.get('case-1/ev-1'))!.equals(bytes)).toBe(true);
    expect(await store.get('case-1/never')).toBeNull();
  });

  it('takes the same bytes again as done, and refuses other bytes for the key (the server enforces If-None-Match)', async () => {
    const first = Buffer.from('first version');
    await store.put('case-1/ev-2', first);
    await expect(store.put('case-1/ev-2', Buffer.from(first))).resolves.toBeUndefined();
    await expect(store.put('case-1/ev-2', Buffer.from('second version'))).rejects.toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    expect(await store.get('case-1/ev-2')).toEqual(first);
  });

  it('lets exactly one of several racing writers with different bytes win', async () => {
    const attempts = [1, 2, 3, 4].map(() => randomBytes(200_000));
    const results = await Promise.allSettled(attempts.map((bytes) => store.put('case-1/race', bytes)));
    const winners = attempts.filter((_, index) => results[index]!.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    }
    expect((await store.get('case-1/race'))!.equals(winners[0]!)).toBe(true);
  });

  it('keeps prefixes apart', async () => {
    const other = new S3BlobStore({ bucket, prefix: `${runPrefix}-other`, client });
    await store.put('case-1/shared', Buffer.from('mine'));
    expect(await other.get('case-1/shared')).toBeNull();
  });

  it('reports a missing bucket as a configuration error, not as an empty key', async () => {
    const missing = new S3BlobStore({ bucket: `haki-missing-${randomUUID()}`, client });
    await expect(missing.get('case-1/ev-1')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('NoSuchBucket'),
    });
  });

  it('carries the evidence vault: encrypted round trip, and an object replaced in the bucket is found out', async () => {
    const vault = new EvidenceVault(store, new Map([['k1', randomBytes(32)]]), 'k1', 5 * 1024 * 1024);
    const photo = randomBytes(500_000);
    const received = await vault.receive('case-9', 'ev-1', photo);
    expect(await vault.receive('case-9', 'ev-1', Buffer.from(photo))).toEqual(received);
    expect((await vault.open('case-9', 'ev-1')).content.equals(photo)).toBe(true);
    expect((await store.get('case-9/ev-1'))!.includes(photo.subarray(1000, 1064))).toBe(false);

    // Someone with write access to the bucket alters the object behind the service's back.
    const altered = (await store.get('case-9/ev-1'))!;
    altered[altered.length - 1]! ^= 0x01;
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${runPrefix}/case-9/ev-1`, Body: altered }));
    expect(await vault.verify('case-9', 'ev-1', received.sha256)).toMatchObject({ intact: false });
    await expect(vault.open('case-9', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
  });
});
