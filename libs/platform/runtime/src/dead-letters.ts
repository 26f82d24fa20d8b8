import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { EventFactory, HakiError, parseEvent, type Topic } from '@haki/contracts';
import { EventPublisher, type DeadLetter } from '@haki/platform-messaging';
import { Allow, ROLE_GROUPS } from '@haki/platform-access';
import { MONGO } from './tokens';

/** A dead letter as kept for ops in the service's own database (`dead_letters`), keyed by topic/partition/offset. */
export interface DeadLetterDocument extends Omit<DeadLetter, 'id'> {
  _id: string;
  at: Date;
  replayedAt?: Date;
}

const COLLECTION = 'dead_letters';

/** Stored once per message (a redelivered dead letter finds its record). */
export async function storeDeadLetter(mongo: Connection, letter: DeadLetter): Promise<void> {
  const { id, ...rest } = letter;
  await mongo
    .collection<DeadLetterDocument>(COLLECTION)
    .updateOne({ _id: id }, { $setOnInsert: { ...rest, at: new Date() } }, { upsert: true });
}

/**
 * The messages this service gave up on, for ops: `GET /dead-letters` (newest first, at most 100; the
 * collection holds only failures, so reading it whole stays small) and `POST /dead-letters/:id/replay`
 * once the cause is fixed: the letter is marked, and its id goes to this service's replay topic; the
 * consumer takes the event from this store (validated again, so a message that was never a valid event
 * cannot be replayed) as one of its original topic. Only a topic's owner may publish there
 * (docs/decisions/0010), hence the detour. An oversized message was kept as its size and hash only and
 * cannot be replayed.
 */
@Controller('dead-letters')
export class DeadLettersController {
  constructor(
    @Inject(MONGO) private readonly mongo: Connection,
    private readonly publisher: EventPublisher,
    private readonly events: EventFactory,
  ) {}

  @Get()
  @Allow(...ROLE_GROUPS.deadLetterReaders)
  async list(): Promise<{ items: (Omit<DeadLetterDocument, '_id' | 'value'> & { id: string; replayable: boolean })[] }> {
    const found = await this.mongo.collection<DeadLetterDocument>(COLLECTION).find().sort({ at: -1 }).limit(100).toArray();
    return { items: found.map(({ _id, value, ...rest }) => ({ id: _id, ...rest, replayable: value !== undefined })) };
  }

  @Post(':id/replay')
  @Allow(...ROLE_GROUPS.deadLetterReplayers)
  @HttpCode(202)
  async replay(@Param('id') id: string): Promise<{ id: string; status: 'replayed' }> {
    const letters = this.mongo.collection<DeadLetterDocument>(COLLECTION);
    const letter = await letters.findOne({ _id: id });
    if (!letter) throw new HakiError('EVENT.DEAD_LETTER_NOT_FOUND', `no dead letter ${id}`);
    if (letter.value === undefined)
      throw new HakiError('EVENT.DEAD_LETTER_NOT_REPLAYABLE', `${id} was too large to keep; it cannot be replayed`);
    try {
      parseEvent(letter.topic, JSON.parse(letter.value));
    } catch (error) {
      throw new HakiError('EVENT.DEAD_LETTER_NOT_REPLAYABLE', `${id} is not a valid event (${(error as Error).message.slice(0, 200)})`);
    }
    // Marked first: the consumer replays only letters marked so (loadReplay), whatever reaches its replay topic.
    await letters.updateOne({ _id: id }, { $set: { replayedAt: new Date() } });
    await this.publisher.replay(this.events.producer, id, letter.key);
    return { id, status: 'replayed' };
  }
}

/** A dead letter ops asked to replay (the consumer's `loadReplay`): by `_id`, only if marked for replay and kept whole. */
export async function loadReplay(mongo: Connection, id: string): Promise<{ topic: Topic; value: string } | undefined> {
  const letter = await mongo.collection<DeadLetterDocument>(COLLECTION).findOne({ _id: id });
  return letter?.replayedAt && letter.value !== undefined ? { topic: letter.topic, value: letter.value } : undefined;
}
