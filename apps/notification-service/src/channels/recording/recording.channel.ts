import type { Connection } from 'mongoose';
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
    await this.collection.updateOne(
      { _id: message.idempotencyKey },
      { $setOnInsert: { to: message.to, text: message.text, recordedAt: new Date() } },
      { upsert: true },
    );
    return { provider: this.provider, providerMessageId: `rec-${message.idempotencyKey}`, status: 'accepted' };
  }
}
