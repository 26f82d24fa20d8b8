import type { TracedJob } from '@haki/platform-runtime';

/**
 * One message to send, by the id of its stored record: jobs carry ids, never message content or phone
 * numbers. `reply` jobs send a message back to a volunteer who texted (reply_messages), `referrer` jobs one to a
 * phone referrer (referrer_messages, issue #15); the others a
 * message about an offer (notifications).
 */
export interface OutboundJob extends TracedJob {
  notificationId: string;
  kind?: 'reply' | 'referrer';
}
