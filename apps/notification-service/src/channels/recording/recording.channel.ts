import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import type { MessageChannel, OutboundMessage, SendResult } from '../channel';

export interface RecordedMessage {
  _id: string;
  to: string;
  text: string;
  recordedAt: Date;
}

/**
 * The local and test "provider": records each message in MongoDB instead of sending it, keyed by
 * idempotency key, so a resend after a crash is visible as the same single message.
 */
export class RecordingChannel implements MessageChannel {
  readonly provider = 'recording';
  private readonly collection;

  constructor(connection: Connection) {
    this.collection = connection.collection<RecordedMessage>('recorded_messages');
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    try {
      await this.collection.insertOne({ _id: message.idempotencyKey, to: message.to, text: message.text, recordedAt: new Date() });
    } catch (error) {
      // Insert-only, like every write that may race (docs/decisions/0001): a resend finds the first copy.
      if (!isDuplicateKeyError(error)) throw error;
    }
    return { provider: this.provider, providerMessageId: `rec-${message.idempotencyKey}`, status: 'accepted' };
  }
}
