import type { Queue } from 'bullmq';
import type { SendOfferJob } from '../send-offer/send-offer.use-case';

/** Queues the send of a stored notification. The job id is the notification id: queuing twice sends once. */
export function enqueueSend(queue: Queue<SendOfferJob>, notificationId: string, correlationId: string) {
  return queue.add(
    'send-offer',
    { notificationId, correlationId },
    {
      jobId: notificationId.replace(/:/g, '_'), // BullMQ reserves ':' in custom job ids
      attempts: 6,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1000,
      removeOnFail: false,
    },
  );
}
