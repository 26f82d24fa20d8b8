import { TOPICS, type EventEnvelope, type PayloadOf, type Topic } from '@haki/contracts';
import type { CaseFacts } from '../case.model';

/** Ops-readable summary of each event type, and the case facts it establishes. No PII ever reaches here. */
const DESCRIBE: { [T in Topic]: (payload: PayloadOf<T>) => { summary: string; facts?: CaseFacts } } = {
  [TOPICS.referralSubmitted]: (p) => ({
    summary: `Referral received: ${p.serviceType.replace('-', ' ')} (${p.urgency}) in ${p.countyName}`,
    facts: { serviceType: p.serviceType, urgency: p.urgency, countyName: p.countyName },
  }),
  [TOPICS.assignmentOffered]: (p) => ({ summary: `Offered to ${p.professionalId} as ${p.role.replace('-', ' ')}: ${p.rationale}` }),
  [TOPICS.notificationDispatched]: (p) => ({
    summary:
      p.status === 'sent'
        ? `${p.channel.toUpperCase()} sent via ${p.provider} for offer ${p.offerId}`
        : `${p.channel.toUpperCase()} failed: ${p.failureReason ?? 'unknown'}`,
  }),
  [TOPICS.referralEscalated]: (p) => ({ summary: `Escalated to ops: ${p.reason}` }),
};

export function describeEvent(topic: Topic, event: EventEnvelope): { summary: string; facts?: CaseFacts } {
  return (DESCRIBE[topic] as (payload: unknown) => { summary: string; facts?: CaseFacts })(event.payload);
}
