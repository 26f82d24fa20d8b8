import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventEnvelope, Topic } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import type { EventPublisher, OutgoingEvent } from './event-publisher';
import { isDuplicateKeyError } from './processed-events';

/**
 * Transactional outbox without multi-document transactions (FerretDB has none): an aggregate keeps
 * its not-yet-published events in its own `outbox` array, written in the same single-document atomic
 * update as the state change. The relay (or the aggregate's single writer, `flushOutbox`) publishes them
 * and then pulls them out. A crash between the two publishes again; consumers drop the duplicate by
 * event id.
 *
 * On FerretDB 1.24 an update is not atomic against a concurrent write to the same document (issue
 * #3040), so the relay's `$pullAll` must not race another writer of that aggregate. The relay serves
 * aggregates written once and then only relayed (a referral in intake, a roster import); an
 * aggregate that keeps changing (a referral in matching) is published by its single writer with
 * `flushOutbox`.
 *
 * A step may instead `enqueue()` its events ahead of its state change and `kick()` after it: they are
 * stored in the pending collection itself and published from there, two commands fewer per step than
 * an aggregate's outbox (no read back, no clearing), and nothing to keep once published. A crash
 * between the two writes can publish events of a change that was not written (a re-run step enqueues
 * the same ids, which consumers drop; an ops change reported failed is repeated), never lose the
 * events of one that was. Used for a sent message's events and a roster change's.
 */
export interface OutboxEntry {
  topic: Topic;
  envelope: EventEnvelope;
}

export const outboxSchemaDefinition = {
  outbox: { type: [{ _id: false, topic: String, envelope: Object }], default: [] },
};

export const toOutbox = (topic: Topic, envelope: EventEnvelope): OutboxEntry => ({ topic, envelope });

export interface OutboxHolder {
  _id: unknown;
  outbox: OutboxEntry[];
}

/** Any mongoose model whose documents use `outboxSchemaDefinition` (models differ in their other fields). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OutboxModel = Model<any>;

/** Markers read, and their aggregates published, per batch. */
const MARKERS_PER_BATCH = 100;

/**
 * One write's announcement that an aggregate has outbox entries to publish, or events enqueued ahead of
 * a state change (`outbox_pending`).
 */
export interface PendingOutboxDocument {
  /**
   * `<collection>|<aggregate id>|<write id>`: one per write, so no relay pass deletes another write's
   * marker; `events|<first event id>` for enqueued events, so enqueuing them again stores nothing new.
   */
  _id: string;
  /** The aggregate's collection (`collection` itself is a name mongoose reserves); `events` when enqueued. */
  source: string;
  aggregateId?: string;
  /** Enqueued events, published as they are. */
  entries?: OutboxEntry[];
  at: Date;
}

const ENQUEUED = 'events';

const pendingSchema = new Schema<PendingOutboxDocument>(
  { _id: String, source: String, aggregateId: String, entries: { type: [{ _id: false, topic: String, envelope: Object }] }, at: Date },
  { versionKey: false },
);

/** The markers of one service's database (`outbox_pending`). */
export const pendingOutboxModel = (connection: Connection): Model<PendingOutboxDocument> =>
  connection.models['PendingOutbox'] ?? connection.model<PendingOutboxDocument>('PendingOutbox', pendingSchema, 'outbox_pending');

/**
 * Publishes the outbox of aggregates that are written and then only relayed (a referral in intake, a
 * roster import), and the events enqueued ahead of a change. Its polls read `outbox_pending`, which
 * holds one small marker per write not yet published, so an idle relay reads an empty collection however many aggregates are stored (a poll
 * of the aggregates themselves for non-empty outboxes is a full read on FerretDB, and grew with
 * history). A writer stores the aggregate with its entries, then `announce()`s it. A crash between the
 * two leaves entries without a marker: `start()` looks for those once, with one read of each
 * collection. Crash-safe without transactions: a marker is deleted only after its aggregate's
 * entries are published and removed.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private rerunRequested = false;
  private stopped = true;
  private readonly byCollection: Map<string, OutboxModel>;

  constructor(
    models: OutboxModel[],
    private readonly pending: Model<PendingOutboxDocument>,
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    // Every write kicks the relay, so the poll is only the safety net (a publish that failed, say):
    // polling less often costs an idle stack less.
    private readonly pollIntervalMs = 2_000,
  ) {
    this.byCollection = new Map(models.map((model) => [model.collection.name, model]));
  }

  /** Starts polling, after announcing whatever a crash left unannounced. */
  async start(): Promise<void> {
    this.stopped = false;
    for (const model of this.byCollection.values()) {
      const stranded: { _id: unknown }[] = await model.find({ 'outbox.0': { $exists: true } }, { _id: 1 }).lean();
      for (const { _id } of stranded) await this.mark(model, String(_id));
      if (stranded.length)
        this.logger.info({ collection: model.collection.name, count: stranded.length }, 'unannounced outbox entries found at start');
    }
    this.schedule();
  }

  /** Call after writing an aggregate with new outbox entries: marks it pending and publishes now. */
  async announce(model: OutboxModel, aggregateId: string): Promise<void> {
    await this.mark(model, aggregateId);
    this.kick();
  }

  /**
   * Stores events to publish, before the state change they report (see above); `kick()` once the change
   * is written publishes them (else the next poll does). Enqueuing the same events again (a re-run
   * step) stores nothing new.
   */
  async enqueue(entries: OutboxEntry[]): Promise<void> {
    if (!entries.length) return;
    try {
      await this.pending.create({ _id: `${ENQUEUED}|${entries[0]!.envelope.eventId}`, source: ENQUEUED, entries, at: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Publishes now instead of at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.rerunRequested = true;
      return;
    }
    void this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  /** Publishes every pending entry once; exposed for tests and for shutdown. */
  drain(): Promise<void> {
    this.draining ??= this.drainLoop().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  private mark(model: OutboxModel, aggregateId: string) {
    const collection = model.collection.name;
    return this.pending.create({ _id: `${collection}|${aggregateId}|${randomUUID()}`, source: collection, aggregateId, at: new Date() });
  }

  private async drainLoop(): Promise<void> {
    do {
      this.rerunRequested = false;
      try {
        await this.drainPending();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay failed; will retry');
      }
    } while (this.rerunRequested && !this.stopped);
  }

  /**
   * A page of markers at a time: their aggregates are read by `_id`, all their entries (and the events
   * enqueued in markers) published in one batch (each aggregate's entries in order, and one aggregate's events share a key, so their
   * order on the partition holds), then cleared and the markers deleted. If the batch fails, its
   * aggregates are retried one by one, so an entry that cannot be published (a broken event, say)
   * holds back only its own aggregate: it is logged and tried again on the next poll.
   */
  private async drainPending(): Promise<void> {
    const failed: string[] = [];
    for (;;) {
      const markers = await this.pending
        .find({ _id: { $nin: failed } })
        .limit(MARKERS_PER_BATCH)
        .lean();
      if (!markers.length) return;
      try {
        await this.publishMarkers(markers);
        // A short page was the last: markers written since then kick another pass (`rerunRequested`).
        if (markers.length < MARKERS_PER_BATCH) return;
      } catch (error) {
        this.logger.warn({ err: error, markers: markers.length }, 'outbox batch failed; publishing its aggregates one by one');
        for (const marker of markers) {
          try {
            await this.publishMarkers([marker]);
          } catch (error) {
            failed.push(marker._id);
            this.logger.error(
              { err: error, collection: marker.source, aggregateId: marker.aggregateId },
              'outbox entry not published; will retry',
            );
          }
        }
      }
    }
  }

  private async publishMarkers(markers: PendingOutboxDocument[]): Promise<void> {
    const aggregates = new Map<string, { model: OutboxModel; id: string }>();
    for (const { source, aggregateId } of markers) {
      const model = this.byCollection.get(source);
      if (model && aggregateId) aggregates.set(`${source}|${aggregateId}`, { model, id: aggregateId });
    }
    const enqueued = markers.flatMap((marker) => marker.entries ?? []);
    const stored = await Promise.all(
      [...aggregates.values()].map(async ({ model, id }) => ({
        model,
        holder: (await model.findById(id, { outbox: 1 }).lean()) as OutboxHolder | null,
      })),
    );
    const withEntries = stored.filter(({ holder }) => holder?.outbox.length) as { model: OutboxModel; holder: OutboxHolder }[];
    await this.publisher.publish([...enqueued, ...withEntries.flatMap(({ holder }) => holder.outbox)] as OutgoingEvent[]);
    await Promise.all(withEntries.map(({ model, holder }) => clearPublished(model, holder)));
    await Promise.all(markers.map((marker) => this.pending.deleteOne({ _id: marker._id })));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.drain();
      this.schedule();
    }, this.pollIntervalMs);
  }
}

/**
 * For an aggregate whose single writer also publishes its events (a Kafka consumer that owns the
 * aggregate's partition): publishes what the aggregate's outbox holds now, then removes exactly those
 * entries, as the relay would, but in the writer's own step, so no second writer ever touches the
 * document. Called after every write and on every redelivery, a crash between the write and the
 * publish only delays the events until the input comes back.
 */
export async function flushOutbox(model: OutboxModel, aggregateId: string, publisher: EventPublisher): Promise<number> {
  const stored: OutboxHolder | null = await model.findById(aggregateId, { outbox: 1 }).lean();
  if (!stored?.outbox.length) return 0;
  await publishAndClear(model, stored, publisher);
  return stored.outbox.length;
}

/** Publishes the outbox entries as read, then removes exactly those. */
async function publishAndClear(model: OutboxModel, stored: OutboxHolder, publisher: EventPublisher): Promise<void> {
  await publisher.publish(stored.outbox as OutgoingEvent[]);
  await clearPublished(model, stored);
}

/**
 * Removes the published entries. FerretDB ignores conditional $pull; removing the exact entries read
 * works on both servers and leaves entries appended meanwhile for the next round.
 */
function clearPublished(model: OutboxModel, stored: OutboxHolder) {
  return model.updateOne({ _id: stored._id }, { $pullAll: { outbox: stored.outbox } });
}
