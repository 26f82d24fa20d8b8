import { Redis } from 'ioredis';
import { testInfraUrls, uniqueName } from '@haki/testing';
import { SessionStore } from './session-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SessionStore on real Redis', () => {
  const redis = new Redis(testInfraUrls().redisUrl);
  const prefix = uniqueName('sessions');
  afterAll(() => redis.quit());

  it('ends a session left idle, keeps a used one alive, and ends every session at its absolute limit', async () => {
    const store = new SessionStore(redis, prefix, 600, 1_500);
    const idle = await store.create({ subject: 'idle.user', roles: ['intake'] });
    const busy = await store.create({ subject: 'busy.user', roles: ['ops'] });
    for (let i = 0; i < 4; i++) {
      await sleep(300);
      expect(await store.touch(busy.id)).toMatchObject({ principal: { subject: 'busy.user' } });
    }
    expect(await store.touch(idle.id)).toBeUndefined(); // 1.2 s without use, 0.6 s allowed
    await sleep(400);
    expect(await store.touch(busy.id)).toBeUndefined(); // used all along, but past 1.5 s in all
  });

  it('keeps only a hash of the cookie value in Redis, and forgets a signed-out session', async () => {
    const store = new SessionStore(redis, prefix, 60_000, 60_000);
    const { id } = await store.create({ subject: 'someone', roles: ['auditor'] });
    const keys = await redis.keys(`${prefix}:session:*`);
    expect(keys.some((key) => key.includes(id))).toBe(false);
    expect(await store.touch('not-a-session-id')).toBeUndefined();
    await store.end(id);
    expect(await store.touch(id)).toBeUndefined();
  });
});
