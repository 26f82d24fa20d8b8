import { Schema, type Connection, type Model } from 'mongoose';
import type { ProfessionalReplyHandledV1 } from '@haki/contracts';
import { createModel } from '@haki/platform-runtime';

/** What a message back to a volunteer who texted us says: what became of their reply, or that it was unclear. */
export type ReplyAnswer = Pick<ProfessionalReplyHandledV1, 'outcome' | 'response' | 'codes' | 'backOn'> | { outcome: 'unclear' };

/**
 * One message back to a volunteer about one inbound SMS, keyed `reply:<inbound id>` and sent once by
 * the outbound queue like an offer. Not about an offer, so it publishes no notification events.
 */
export interface ReplyMessageDocument {
  _id: string;
  professionalId: string;
  answer: ReplyAnswer;
  status: 'queued' | 'sent' | 'failed';
  provider?: string;
  providerMessageId?: string;
  correlationId: string;
}

const schema = new Schema<ReplyMessageDocument>(
  {
    _id: String,
    professionalId: String,
    answer: { type: Schema.Types.Mixed },
    status: String,
    provider: String,
    providerMessageId: String,
    correlationId: String,
  },
  { versionKey: false },
);

export const replyMessageModel = (connection: Connection): Promise<Model<ReplyMessageDocument>> =>
  createModel(connection, 'ReplyMessage', schema, 'reply_messages');
