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
});
