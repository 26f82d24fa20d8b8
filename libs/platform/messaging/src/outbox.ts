import type { Model } from 'mongoose';
import type { EventEnvelope, Topic } from '@haki/contracts';
import type { Logger } from '@haki/platform-logging';
import type { EventPublisher, OutgoingEvent } from './event-publisher';

/**
 * Transactional outbox without multi-document transactions (FerretDB has none): an aggregate keeps
 * its not-yet-published events in its own `outbox` array, written in the same single-document atomic
 * update as the state change. The relay publishes them and then pulls them out. A crash between the
 * two publishes again on restart; consumers drop the duplicate by event id.
 *
 * On FerretDB 1.24 an update is not atomic against a concurrent write to the same document (issue
 * #3040), so the relay's `$pullAll` must not race another writer of that aggregate. The relay serves
 * aggregates written once and then only relayed (a referral in intake, a notification); an aggregate
 * that keeps changing (a referral in matching) is published by its single writer with `flushOutbox`.
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

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private rerunRequested = false;
  private stopped = true;

  constructor(
    private readonly models: OutboxModel[],
    private readonly publisher: EventPublisher,
    private readonly logger: Logger,
    private readonly pollIntervalMs = 500,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  /** Call after writing an aggregate with new outbox entries: publishes now instead of next poll. */
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

  private async drainLoop(): Promise<void> {
    do {
      this.rerunRequested = false;
      for (const model of this.models) {
        try {
          await this.drainModel(model);
        } catch (error) {
          this.logger.error({ err: error, collection: model.collection.name }, 'outbox relay failed; will retry');
        }
      }
    } while (this.rerunRequested && !this.stopped);
  }

  /**
   * Publishes aggregate by aggregate, so one entry that cannot be published (a broken event, say)
   * holds back only its own aggregate: it is logged and tried again on the next poll.
   */
  private async drainModel(model: OutboxModel): Promise<void> {
    const failed: unknown[] = [];
    for (;;) {
      const pending: OutboxHolder[] = await model
        .find({ 'outbox.0': { $exists: true }, _id: { $nin: failed } }, { outbox: 1 })
        .limit(100)
        .lean();
      if (!pending.length) return;
      for (const doc of pending) {
        try {
          await publishAndClear(model, doc, this.publisher);
        } catch (error) {
          failed.push(doc._id);
          this.logger.error(
            { err: error, collection: model.collection.name, aggregateId: doc._id },
            'outbox entry not published; will retry',
          );
        }
      }
    }
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
  // FerretDB ignores conditional $pull; removing the exact entries read works on both servers and
  // leaves entries appended meanwhile for the next round.
  await model.updateOne({ _id: stored._id }, { $pullAll: { outbox: stored.outbox } });
}
