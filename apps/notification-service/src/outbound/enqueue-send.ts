import type { DefaultJobOptions, Queue } from 'bullmq';
import { traceparentField } from '@haki/platform-logging';
import type { OutboundJob } from './outbound-job';

/**
 * Each provider's retry budget, set on its queue (SMS_ATTEMPTS, SMS_RETRY_DELAY_MS): the defaults, six
 * attempts 2, 4, 8, 16 and 32 s apart, give a provider about a minute before the fallback takes over
 * (or the message is recorded as failed).
 */
export function sendJobOptions(attempts: number, firstRetryDelayMs: number): DefaultJobOptions {
  return { attempts, backoff: { type: 'exponential', delay: firstRetryDelayMs }, removeOnComplete: 1000, removeOnFail: false };
}

/**
 * Queues the send of a stored message. The job id is the record id: queuing twice sends once. The job
 * continues the active trace; a hand-over to the fallback provider passes the first job's on.
 */
export function enqueueSend(queue: Queue<OutboundJob>, notificationId: string, correlationId: string, kind?: OutboundJob['kind']) {
  return queue.add(
    'send-offer',
    { notificationId, correlationId, ...(kind ? { kind } : {}), ...traceparentField() },
    { jobId: notificationId.replace(/:/g, '_') }, // BullMQ reserves ':' in custom job ids
  );
}
