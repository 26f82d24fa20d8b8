import { testS3Server } from './s3-server';

describe('testS3Server', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('gives the endpoint and keys from the environment', () => {
    Object.assign(process.env, { S3_ENDPOINT: 'http://127.0.0.1:7070', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' });
    expect(testS3Server()).toEqual({ endpoint: 'http://127.0.0.1:7070', accessKeyId: 'key', secretAccessKey: 'secret' });
  });

  it('fails, naming what is missing and how to start the server, rather than letting a test skip', () => {
    process.env['S3_ENDPOINT'] = 'http://127.0.0.1:7070';
    delete process.env['S3_ACCESS_KEY_ID'];
    delete process.env['S3_SECRET_ACCESS_KEY'];
    expect(() => testS3Server()).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY not set[\s\S]*deploy\/local\/infra.sh up/);
  });
});
