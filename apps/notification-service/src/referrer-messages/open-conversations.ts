import { Inject, Injectable } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Sealer } from '@haki/platform-config';
import { createModel } from '@haki/platform-runtime';
import { CONTACT_SEALER, OPEN_CONVERSATIONS } from '../notification.tokens';

/**
 * Phones phone intake has asked a question and waits on (`_id`: the number's keyed fingerprint, until
 * when). While one is open, that phone's texts go to intake even from a volunteer, so a volunteer who
 * referred by SMS and answers "YES" to intake's consent question does not accept an offer by mistake.
 */
export interface OpenConversationDocument {
  _id: string;
  until: Date;
}

const schema = new Schema<OpenConversationDocument>({ _id: String, until: Date }, { versionKey: false });
export const openConversationModel = (connection: Connection): Promise<Model<OpenConversationDocument>> =>
  createModel(connection, 'OpenConversation', schema, 'referrer_conversations');

/** As long as intake keeps an unanswered question (sms-conversations.ts in intake). */
const OPEN_FOR_MS = 24 * 3600_000;

@Injectable()
export class OpenConversations {
  constructor(
    @Inject(OPEN_CONVERSATIONS) private readonly open: Model<OpenConversationDocument>,
    @Inject(CONTACT_SEALER) private readonly sealer: Sealer,
  ) {}

  /** Intake asked this phone a question (open), or is done with it (closed). */
  async asked(phone: string, stillAsking: boolean): Promise<void> {
    const _id = this.sealer.fingerprint(phone);
    if (stillAsking) await this.open.replaceOne({ _id }, { until: new Date(Date.now() + OPEN_FOR_MS) }, { upsert: true });
    else await this.open.deleteOne({ _id });
  }

  /** Whether intake waits on an answer from this phone. An abandoned conversation's entry goes when read. */
  async isOpen(phone: string): Promise<boolean> {
    const _id = this.sealer.fingerprint(phone);
    const entry = await this.open.findById(_id).lean();
    if (entry && entry.until.getTime() <= Date.now()) await this.open.deleteOne({ _id, until: entry.until });
    return entry !== null && entry.until.getTime() > Date.now();
  }
}
