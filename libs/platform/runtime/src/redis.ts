import { Redis } from 'ioredis';

/** BullMQ workers block on Redis: they need `maxRetriesPerRequest: null` (BullMQ docs). */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}
