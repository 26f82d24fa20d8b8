import { resolveTestInfrastructure } from './infrastructure';

describe('resolveTestInfrastructure', () => {
  it('refuses a partial set of URLs, naming the missing ones', async () => {
    await expect(resolveTestInfrastructure({ KAFKA_BROKERS: '127.0.0.1:9092' })).rejects.toThrow(
      /KAFKA_CREDENTIALS_DIR, MONGO_URL, REDIS_URL missing/,
    );
  });

  it('says which URL refuses connections', async () => {
    await expect(
      resolveTestInfrastructure({
        KAFKA_BROKERS: '127.0.0.1:1',
        KAFKA_CREDENTIALS_DIR: '/nowhere',
        MONGO_URL: 'mongodb://127.0.0.1:1',
        REDIS_URL: 'redis://127.0.0.1:1',
      }),
    ).rejects.toThrow(/KAFKA_BROKERS points at 127.0.0.1:1/);
  });

  it('refuses a partial set of S3 variables, naming the missing ones', async () => {
    await expect(resolveTestInfrastructure({ S3_ENDPOINT: 'http://127.0.0.1:1' })).rejects.toThrow(
      /S3_ENDPOINT set but S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY missing/,
    );
  });

  it('says when the S3 endpoint refuses connections', async () => {
    await expect(
      resolveTestInfrastructure({ S3_ENDPOINT: 'http://127.0.0.1:1', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' }),
    ).rejects.toThrow(/S3_ENDPOINT points at 127.0.0.1:1/);
  });
});
