import type { DeliveryReports } from '../delivery/delivery-reports';
import type { ProviderMessageDocument } from '../delivery/provider-message.model';
import type { OutboundJob } from './outbound-job';
import { afterFailedSend, type SmsRoute } from './sms-route';

/** What is recorded on a stored message once a provider took it (sent) or none could (failed). */
type SendOutcome = { status: 'sent'; provider: string; providerMessageId: string } | { status: 'failed'; provider: string };

/**
 * Sends a stored message that is about no offer (a reply to a volunteer, a text to a phone referrer)
 * through the job's provider and records the outcome on its record: sent (and followed by delivery
 * reports), handed to the fallback provider, or failed (rethrown, so the job records it).
 */
export async function sendRecorded(
  record: (outcome: SendOutcome) => PromiseLike<unknown>,
  message: { _id: string; to: string; text: string; kind: ProviderMessageDocument['kind'] },
  delivery: { job: OutboundJob; attempt: { last: boolean }; route: SmsRoute; reports: DeliveryReports },
): Promise<'sent' | 'handed-over'> {
  const { job, attempt, route, reports } = delivery;
  const provider = route.channel.provider;
  let providerMessageId: string;
  try {
    ({ providerMessageId } = await route.channel.send({ idempotencyKey: message._id, to: message.to, text: message.text }));
  } catch (error) {
    if ((await afterFailedSend(error, attempt, route, job)) === 'handed-over') return 'handed-over';
    await record({ status: 'failed', provider });
    throw error;
  }
  // Outside the try: the provider took it, so a database error here must not count as a failed send
  // (a retry, or the fallback provider, would send it twice).
  await reports.track(provider, providerMessageId, { recordId: message._id, kind: message.kind });
  await record({ status: 'sent', provider, providerMessageId });
  return 'sent';
}
