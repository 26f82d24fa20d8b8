import { Schema, type Connection, type Model } from 'mongoose';
import { outboxSchemaDefinition, type OutboxHolder } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';

/**
 * The events of one roster change (sealed contact details, unavailability), in a document of their
 * own, written once and then only relayed. Not on the professional: on FerretDB 1.24 the relay's
 * clearing of a published outbox rewrites the whole document (its issue #3040), and a concurrent
 * change to the professional was lost that way. Written before the change itself, so a crash between
 * the two can publish a change ops were told failed (and will repeat), never lose one they were told
 * succeeded.
 */
export interface RosterEventsDocument extends OutboxHolder {
  _id: string;
  professionalId: string;
  createdAt: Date;
}

const schema = new Schema<RosterEventsDocument>(
  { _id: String, professionalId: String, createdAt: Date, ...outboxSchemaDefinition },
  { versionKey: false },
);

export type RosterEvents = Model<RosterEventsDocument>;
export const rosterEventsModel = (connection: Connection): Promise<RosterEvents> =>
  createModel(connection, 'RosterEvents', schema, 'roster_events');
