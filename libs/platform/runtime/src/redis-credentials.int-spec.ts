import { Redis } from 'ioredis';
import { testInfraUrls } from '@haki/testing';

describe('Redis credentials', () => {
  it('refuses a client without the password, and serves one with it', async () => {
    const url = new URL(testInfraUrls().redisUrl);
    expect(url.password).not.toBe('');
    const withPassword = new Redis(url.toString(), { lazyConnect: true });
    url.password = '';
    const withoutPassword = new Redis(url.toString(), { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await expect(withoutPassword.set('haki-credentials-probe', 'x')).rejects.toThrow(/NOAUTH/);
      await expect(withPassword.ping()).resolves.toBe('PONG');
    } finally {
      withoutPassword.disconnect();
      withPassword.disconnect();
    }
  });
});
