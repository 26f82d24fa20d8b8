import { createServer } from 'node:net';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { S3BlobStore, s3ClientFrom } from './s3-store';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const clientFor = (endpoint: string): S3Client =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

/** What the bucket answers, as the SDK reports it: the SDK's own exception types, built as its deserialisers build them. */
const answers = {
  preconditionFailed: () =>
    new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one…' }),
  noSuchKey: () => new NoSuchKey({ $metadata: { httpStatusCode: 404 }, message: 'The specified key does not exist.' }),
  noSuchBucket: () =>
    new S3ServiceException({ name: 'NoSuchBucket', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'no bucket' }),
  accessDenied: () => new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'no' }),
  slowDown: () => new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'slow' }),
  object: (bytes: Buffer) => ({ Body: { transformToByteArray: () => Promise.resolve(new Uint8Array(bytes)) }, $metadata: {} }),
};

type Command = PutObjectCommand | GetObjectCommand;

/**
 * A client whose `send` answers from a script (the wire itself is covered by s3-store.int-spec.ts
 * against a real S3-compatible server); records what was sent.
 */
function scriptedClient(answer: (command: Command) => unknown): { client: S3Client; sent: Command[] } {
  const client = clientFor('http://127.0.0.1:9');
  const sent: Command[] = [];
  jest.spyOn(client, 'send').mockImplementation(((command: Command) => {
    sent.push(command);
    const result = answer(command);
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
  }) as never);
  return { client, sent };
}

describe('S3BlobStore', () => {
  it('puts with If-None-Match: * under <prefix>/<key>, asking for no server-side encryption', async () => {
    const { client, sent } = scriptedClient(() => ({ $metadata: {} }));
    await new S3BlobStore({ bucket: 'evidence', prefix: 'prod/', client }).put('case-1/ev-1', Buffer.from('sealed'));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(PutObjectCommand);
    expect(sent[0]!.input).toEqual({
      Bucket: 'evidence',
      Key: 'prod/case-1/ev-1',
      Body: Buffer.from('sealed'),
      ContentType: 'application/octet-stream',
      IfNoneMatch: '*',
    });
  });

  it('on 412 compares with what is stored: the same bytes are a finished retry, others a conflict', async () => {
    const stored = Buffer.from('first');
    const { client, sent } = scriptedClient((command) =>
      command instanceof PutObjectCommand ? answers.preconditionFailed() : answers.object(stored),
    );
    const store = new S3BlobStore({ bucket: 'evidence', client });
    await expect(store.put('case-1/ev-1', Buffer.from('first'))).resolves.toBeUndefined();
    await expect(store.put('case-1/ev-1', Buffer.from('other'))).rejects.toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    expect(sent.map((command) => [command.constructor.name, command.input.Key])).toEqual([
      ['PutObjectCommand', 'case-1/ev-1'],
      ['GetObjectCommand', 'case-1/ev-1'],
      ['PutObjectCommand', 'case-1/ev-1'],
      ['GetObjectCommand', 'case-1/ev-1'],
    ]);
  });

  it('without conditional writes, checks first and does not put over an existing object', async () => {
    const { client, sent } = scriptedClient(() => answers.object(Buffer.from('first')));
    const store = new S3BlobStore({ bucket: 'evidence', client, conditionalWrites: false });
    await expect(store.put('case-1/ev-1', Buffer.from('other'))).rejects.toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    expect(sent.map((command) => command.constructor.name)).toEqual(['GetObjectCommand']);
  });

  it('reads NoSuchKey as nothing stored, but a missing bucket or a refusal as a configuration error', async () => {
    const get = (error: () => Error): Promise<Buffer | null> =>
      new S3BlobStore({ bucket: 'evidence', client: scriptedClient(error).client }).get('case-1/ev-1');
    await expect(get(answers.noSuchKey)).resolves.toBeNull();
    await expect(get(answers.noSuchBucket)).rejects.toMatchObject({ code: 'INTERNAL', retryable: false });
    await expect(get(answers.accessDenied)).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('AccessDenied') });
    await expect(get(answers.slowDown)).rejects.toMatchObject({ code: 'EVIDENCE.STORE_UNAVAILABLE', retryable: true });
  });

  it('reports a store that does not answer as EVIDENCE.STORE_UNAVAILABLE (retryable), for reads and writes', async () => {
    const store = new S3BlobStore({ bucket: 'evidence', client: clientFor(`http://127.0.0.1:${await closedPort()}`) });
    await expect(store.get('case-1/ev-1')).rejects.toMatchObject({
      code: 'EVIDENCE.STORE_UNAVAILABLE',
      retryable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
    await expect(store.put('case-1/ev-1', Buffer.from('x'))).rejects.toMatchObject({ code: 'EVIDENCE.STORE_UNAVAILABLE' });
  });

  it('refuses keys and prefixes outside the key grammar before sending anything', async () => {
    const { client, sent } = scriptedClient(() => ({ $metadata: {} }));
    await expect(new S3BlobStore({ bucket: 'b', client }).get('case/../x')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(() => new S3BlobStore({ bucket: 'b', client, prefix: 'a b' })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(sent).toEqual([]);
  });
});

describe('s3ClientFrom', () => {
  it('builds a path-style client for an S3-compatible endpoint with static credentials', async () => {
    const client = s3ClientFrom({
      endpoint: 'http://127.0.0.1:7070',
      region: 'us-east-1',
      forcePathStyle: true,
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
    expect(client.config.forcePathStyle).toBe(true);
    expect(await client.config.region()).toBe('us-east-1');
    expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'id', secretAccessKey: 'secret' });
    const endpoint = await client.config.endpoint!();
    expect([endpoint.protocol, endpoint.hostname, endpoint.port]).toEqual(['http:', '127.0.0.1', 7070]);
  });

  it('refuses half a credential pair', () => {
    expect(() => s3ClientFrom({ region: 'eu-west-1', forcePathStyle: false, accessKeyId: 'id' })).toThrow(
      expect.objectContaining({ code: 'CONFIG.INVALID' }),
    );
  });
});
