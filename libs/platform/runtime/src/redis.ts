import { Redis } from 'ioredis';

/** BullMQ workers block on Redis: they need `maxRetriesPerRequest: null` (BullMQ docs). */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * How a BullMQ worker recovers the jobs of a worker that died: after `lockMs` without a lock renewal
 * the job is retried (checked every third of that), and a job keeps being retried rather than failed
 * for stalling, since every Haki job is safe to run twice.
 */
export function stalledJobRecovery(lockMs: number): { lockDuration: number; stalledInterval: number; maxStalledCount: number } {
  return { lockDuration: lockMs, stalledInterval: Math.max(1_000, Math.floor(lockMs / 3)), maxStalledCount: 5 };
}
