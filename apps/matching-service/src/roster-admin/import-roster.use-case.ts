import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';
import { HakiError } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import type { OutboxRelay } from '@haki/platform-messaging';
import { bulkWriteInChunks, LOGGER } from '@haki/platform-runtime';
import { PROFESSIONALS, ROSTER_IMPORTS, ROSTER_OUTBOX } from '../matching.tokens';
import type { ProfessionalDocument } from '../roster/professional.model';
import { RosterSnapshot } from '../roster/roster-snapshot';
import { toProfessionalDocument } from './professional-profile';
import { parseRosterCsv } from './roster-csv';
import { RosterChanges } from './roster-changes';
import type { RosterImportDocument, RosterImports } from './roster-import.model';

export interface ImportResult {
  importId: string;
  created: number;
  updated: number;
}

/**
 * A network's roster spreadsheet (CSV) in one action: every row validated first, and with any bad row
 * nothing is imported and every problem is named. Good rows create professionals or update them (leave
 * already set on a professional is kept); contact details go sealed to the notification service.
 */
@Injectable()
export class ImportRoster implements OnApplicationBootstrap {
  constructor(
    @Inject(ROSTER_IMPORTS) private readonly imports: RosterImports,
    @Inject(PROFESSIONALS) private readonly professionals: Model<ProfessionalDocument>,
    private readonly changes: RosterChanges,
    @Inject(ROSTER_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly snapshot: RosterSnapshot,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(csv: string, recordedBy: string | undefined): Promise<ImportResult> {
    if (!recordedBy?.trim()) {
      throw new HakiError('ROSTER.IMPORT_INVALID', 'say who imports: ?recordedBy=<your id>', {
        fields: [{ field: 'recordedBy', reason: 'is required' }],
      });
    }
    const rows = parseRosterCsv(csv);
    const ids = rows.map((row) => row.id);
    // Leave is not in the spreadsheet: an updated professional keeps what ops set.
    const leave = new Map(
      (await this.professionals.find({ _id: { $in: ids } }, { timeOff: 1 }).lean()).map((doc) => [doc._id, doc.timeOff]),
    );
    const record: RosterImportDocument = {
      _id: randomUUID(),
      status: 'applying',
      professionals: rows.map((row) => ({ ...toProfessionalDocument(row.id, row.profile), timeOff: leave.get(row.id) ?? [] })),
      recordedBy: recordedBy.trim(),
      createdAt: new Date(),
      outbox: rows.flatMap((row) => (row.profile.contact ? [this.changes.contactChanged(row.id, row.profile.contact)] : [])),
    };
    await this.imports.create(record);
    await this.apply(record);
    this.logger.info({ importId: record._id, rows: rows.length }, 'roster imported');
    return {
      importId: record._id,
      created: ids.filter((id) => !leave.has(id)).length,
      updated: ids.filter((id) => leave.has(id)).length,
    };
  }

  /** Writes every row (repeatable), publishes the contact events, then marks the import applied. */
  private async apply(record: RosterImportDocument): Promise<void> {
    await bulkWriteInChunks(
      this.professionals,
      record.professionals.map(({ _id, ...fields }) => ({ updateOne: { filter: { _id }, update: { $set: fields }, upsert: true } })),
    );
    this.snapshot.invalidate();
    // Marked applied before the relay is told: afterwards the relay is the record's only writer (on
    // FerretDB its clearing of the outbox rewrites the whole document and would undo the status).
    await this.imports.updateOne({ _id: record._id }, { $set: { status: 'applied' } });
    await this.outbox.announce(this.imports, record._id);
    // Surge triage, as for a single change: whoever the import adds or frees is offered to waiting referrals.
    for (const professional of record.professionals) await this.outbox.enqueue(await this.changes.slotsOpened(professional));
    this.outbox.kick();
  }

  /** Finishes imports a crash interrupted. */
  async onApplicationBootstrap(): Promise<void> {
    for (const record of await this.imports.find({ status: 'applying' }).lean()) {
      await this.apply(record);
      this.logger.info({ importId: record._id }, 'interrupted roster import finished');
    }
  }
}
