import type { Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '@haki/contracts';
import { SERVICE_CONFIG, SERVICE_RUNTIME, type ServiceRuntime } from '@haki/platform-runtime';
import type { NotificationConfig } from '../config';
import { OUTBOUND_QUEUE, QUEUE_REDIS } from '../notification.tokens';

/** The BullMQ queue of messages to send; closed on shutdown before its Redis connection. */
export const outboundQueueProvider: Provider = {
  provide: OUTBOUND_QUEUE,
  inject: [QUEUE_REDIS, SERVICE_CONFIG, SERVICE_RUNTIME],
  useFactory: (connection: Redis, config: NotificationConfig, runtime: ServiceRuntime) => {
    const queue = new Queue(QUEUES.outboundNotifications, { connection, prefix: config.QUEUE_PREFIX });
    runtime.onStop(() => queue.close());
    return queue;
  },
};
