import { Schema, type Connection, type Model } from 'mongoose';
import { outboxSchemaDefinition, type OutboxHolder } from '@haki/platform-messaging';
import { createModel } from '@haki/platform-runtime';
import type { ProfessionalDocument } from '../roster/professional.model';

/**
 * One CSV import, recorded whole in a single write before any professional is touched: the validated
 * rows and their sealed contact events. Applying the rows is repeatable, so an import a crash cut short
 * is finished at the next start: an import is either not recorded at all or, in the end, applied in full.
 */
export interface RosterImportDocument extends OutboxHolder {
  _id: string;
  status: 'applying' | 'applied';
  professionals: Omit<ProfessionalDocument, 'outbox'>[];
  recordedBy: string;
  createdAt: Date;
}

const schema = new Schema<RosterImportDocument>(
  { _id: String, status: String, professionals: [Object], recordedBy: String, createdAt: Date, ...outboxSchemaDefinition },
  { versionKey: false },
);
schema.index({ status: 1 });

export type RosterImports = Model<RosterImportDocument>;
export const rosterImportModel = (connection: Connection): Promise<RosterImports> =>
  createModel(connection, 'RosterImport', schema, 'roster_imports');
