import type { Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@haki/contracts';
import { SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime, type TracedJob } from '@haki/platform-runtime';
import type { MatchingConfig } from '../config';
import { TIMER_QUEUE, TIMER_QUEUE_REDIS } from '../matching.tokens';

/** A due timer as a job: ids only, never a document (the timeout itself is a few ids and a type). */
export interface TimerJob extends TracedJob {
  timerSetEventId: string;
  referralId: string;
  dueAt: string;
  timeout: unknown;
}

/** The BullMQ queue of policy timers (delayed jobs); closed on shutdown before its Redis connection. */
export const timerQueueProvider: Provider = {
  provide: TIMER_QUEUE,
  inject: [TIMER_QUEUE_REDIS, SERVICE_CONFIG, SERVICE_RUNTIME],
  useFactory: (connection: Redis, config: MatchingConfig, runtime: ServiceRuntime) => {
    const queue = new Queue<TimerJob>(QUEUES.matchingTimers, { connection, prefix: config.QUEUE_PREFIX });
    runtime.onStop(() => queue.close());
    runtime.metrics.watchQueue(queue, runtime.logger);
    return queue;
  },
};
