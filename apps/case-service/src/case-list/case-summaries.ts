import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import type { Logger } from '@haki/platform-logging';
import { createModel, LOGGER } from '@haki/platform-runtime';
import { CaseTimelineStore } from '../case-timeline-store';
import type { CaseTimeline } from '../case.model';
import { CASE_LIST_LOG, CASE_SUMMARIES, CASE_TIMELINE } from '../case.tokens';
import { foldCase, summarise, type CaseState } from '../case-state/case-state';
import type { CaseSummary } from './case-summary';

export type CaseSummaryDocument = CaseSummary & { _id: string };

/** `<n>` → the case whose row changed n-th: every process reads it in order to keep its rows current. */
export interface CaseListLogDocument {
  _id: string;
  caseId: string;
  at: Date;
}

const summarySchema = new Schema<CaseSummaryDocument>({ _id: String }, { strict: false, versionKey: false });
const logSchema = new Schema<CaseListLogDocument>({ _id: String, caseId: String, at: Date }, { versionKey: false });

export const caseSummaryModel = (connection: Connection): Promise<Model<CaseSummaryDocument>> =>
  createModel(connection, 'CaseSummary', summarySchema, 'case_summaries');
export const caseListLogModel = (connection: Connection): Promise<Model<CaseListLogDocument>> =>
  createModel(connection, 'CaseListLog', logSchema, 'case_list_log');

/** A catch-up poll's interval: how stale another process's change may look on this one's list at most, when nobody lists. */
const CATCH_UP_MS = 2_000;

/**
 * Every case's list row, in memory, with the database as the source of truth. The local database reads a
 * whole collection for any filter but a bare `_id` (docs/performance.md), so lists, filters and counts
 * are answered from here; the rows are stored (`case_summaries`, by case id) so a restart reloads them.
 *
 * Several processes may change cases. Each change appends the case id to `case_list_log` in the next
 * numbered slot (insert-only, gapless like a timeline), and every process reads the log from where it
 * stopped, by `_id`, before answering a list and every 2 s: one lookup when nothing changed, however many
 * cases are stored. At start a process finds the log's end by probing (about 2·log₂ n lookups), loads
 * every row once, then follows the log from there.
 */
@Injectable()
export class CaseSummaries implements OnModuleInit, OnApplicationShutdown {
  private readonly rows = new Map<string, CaseSummary>();
  /** The next log slot this process has not read. */
  private cursor = 0;
  /** The next log slot this process believes is free (a hint: a taken one is skipped). */
  private nextSlot = 0;
  private catchingUp: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(CASE_SUMMARIES) private readonly summaries: Model<CaseSummaryDocument>,
    @Inject(CASE_LIST_LOG) private readonly log: Model<CaseListLogDocument>,
    private readonly timeline: CaseTimelineStore,
    @Inject(CASE_TIMELINE) private readonly slots: CaseTimeline,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const end = await this.findLogEnd();
    for (const { _id, ...row } of await this.summaries.find().lean<CaseSummaryDocument[]>()) this.rows.set(_id, row);
    this.cursor = end;
    this.nextSlot = end;
    await this.catchUp();
    await this.buildRowsOnce();
    this.logger.info({ cases: this.rows.size, logEnd: this.cursor }, 'case list loaded');
    this.timer = setInterval(
      () => void this.catchUp().catch((error) => this.logger.warn({ err: error }, 'case list catch-up failed')),
      CATCH_UP_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Every row, current with every process's changes up to now. */
  async current(): Promise<Iterable<CaseSummary>> {
    // A pass already under way may have read the log's end before another process's latest change:
    // wait for it, then read on from where it stopped.
    if (this.catchingUp) await this.catchingUp;
    await this.catchUp();
    return this.rows.values();
  }

  /** Every row as this process last saw it, without reading the log first (metrics: at most one catch-up interval behind). */
  rowsAsLastSeen(): Iterable<CaseSummary> {
    return this.rows.values();
  }

  /** One case's row as this process last saw it (for access checks: who is assigned, which organisation). */
  row(caseId: string): CaseSummary | undefined {
    return this.rows.get(caseId);
  }

  /**
   * Folds the case from its timeline, stores its row and announces it; returns the state. Two writers of
   * one case may store their rows in either order, so each checks afterwards that nothing was added to
   * the timeline after what it folded, and folds again if something was: the last row stored is then
   * always the whole timeline's.
   */
  async refresh(caseId: string): Promise<CaseState | undefined> {
    // What this process remembers of the case first (usually all of it: it just recorded an event there).
    for (let remembered = true; ; remembered = false) {
      const entries = remembered ? await this.timeline.remembered(caseId) : await this.timeline.read(caseId);
      if (!entries.length) return undefined;
      const state = foldCase(caseId, entries);
      const row = summarise(state);
      try {
        await this.summaries.replaceOne({ _id: caseId }, { _id: caseId, ...row }, { upsert: true });
      } catch (error) {
        // Two writers upserting a new case's row at once: one insert loses (FerretDB, and MongoDB without
        // its retry, answer E11000). The row exists now: fold again and replace it.
        if (!isDuplicateKeyError(error)) throw error;
        continue;
      }
      if (await this.timeline.hasSlot(caseId, entries.length)) {
        this.timeline.forget(caseId);
        continue;
      }
      this.rows.set(caseId, row);
      await this.announce(caseId);
      return state;
    }
  }

  /**
   * Cases recorded before the list existed get their rows once per database (a marker in `migrations`
   * skips this afterwards): one read of every case's first slot, paid once, not at every start.
   */
  private async buildRowsOnce(): Promise<void> {
    const migrations = this.summaries.db.collection<{ _id: string; at: Date; cases: number }>('migrations');
    if (await migrations.findOne({ _id: ROWS_BUILT })) return;
    const firstSlots = await this.slots.find({ _id: /\/0$/ }, { _id: 1 }).lean();
    for (const { _id } of firstSlots) await this.refresh(_id.slice(0, -'/0'.length));
    await migrations.updateOne({ _id: ROWS_BUILT }, { $setOnInsert: { at: new Date(), cases: firstSlots.length } }, { upsert: true });
    if (firstSlots.length) this.logger.info({ cases: firstSlots.length }, 'case list rows built for cases recorded before it');
  }

  private async announce(caseId: string): Promise<void> {
    for (let slot = Math.max(this.nextSlot, this.cursor); ; slot += 1) {
      try {
        await this.log.create({ _id: logId(slot), caseId, at: new Date() });
        this.nextSlot = slot + 1;
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  /** Reads the log from the cursor to its end, reloading each row named; one pass at a time. */
  private catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        for (;;) {
          const entry = await this.log.findById(logId(this.cursor)).lean();
          if (!entry) return;
          const row = await this.summaries.findById(entry.caseId).lean<CaseSummaryDocument>();
          if (row) {
            const { _id, ...summary } = row;
            this.rows.set(_id, summary);
          }
          this.cursor += 1;
        }
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  /** The first free log slot: slots fill without gaps, so double until one is free, then halve the gap. */
  private async findLogEnd(): Promise<number> {
    const taken = async (slot: number) => (await this.log.findById(logId(slot), { _id: 1 }).lean()) !== null;
    if (!(await taken(0))) return 0;
    let low = 0; // taken
    let high = 1;
    while (await taken(high)) {
      low = high;
      high *= 2;
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (await taken(middle)) low = middle;
      else high = middle;
    }
    return high;
  }
}

const logId = (slot: number): string => String(slot);
const ROWS_BUILT = 'case-summaries-built';
