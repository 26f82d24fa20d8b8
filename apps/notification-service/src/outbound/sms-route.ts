import { describeError } from '@haki/contracts';
import type { MessageChannel } from '../channels/channel';
import type { OutboundJob } from './outbound-job';

/** One provider's way out: its channel, and where a job goes once this provider's retry budget is spent. */
export interface SmsRoute {
  channel: MessageChannel;
  /** Queues the job for the fallback provider; absent on the last provider. */
  handOver?: (job: OutboundJob) => Promise<void>;
}

/**
 * What a failed send leads to. A refusal no retry or provider can fix (an invalid number: a coded error
 * that is not retryable) is recorded as failed at once. A retryable one (timeout, throttling, 5xx) is
 * retried by BullMQ with backoff (this rethrows) until the provider's last attempt, which hands the job
 * to the fallback provider if there is one, and otherwise is recorded as failed.
 */
export async function afterFailedSend(
  error: unknown,
  attempt: { last: boolean },
  route: SmsRoute,
  job: OutboundJob,
): Promise<'record-failure' | 'handed-over'> {
  const final = describeError(error)?.retryable === false;
  if (final) return 'record-failure';
  if (!attempt.last) throw error;
  if (!route.handOver) return 'record-failure';
  await route.handOver(job);
  return 'handed-over';
}
