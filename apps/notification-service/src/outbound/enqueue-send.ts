import type { Queue } from 'bullmq';
import type { OutboundJob } from './outbound-job';

/** Attempts per provider: with the backoff below, about a minute before the next provider (or failure). */
export const SEND_ATTEMPTS = 6;

/** Queues the send of a stored message. The job id is the record id: queuing twice sends once. */
export function enqueueSend(queue: Queue<OutboundJob>, notificationId: string, correlationId: string, kind?: 'reply') {
  return queue.add(
    'send-offer',
    { notificationId, correlationId, ...(kind ? { kind } : {}) },
    {
      jobId: notificationId.replace(/:/g, '_'), // BullMQ reserves ':' in custom job ids
      attempts: SEND_ATTEMPTS,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1000,
      removeOnFail: false,
    },
  );
}
