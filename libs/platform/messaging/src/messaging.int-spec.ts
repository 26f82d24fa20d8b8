import { Schema, type Connection } from 'mongoose';
import { Writable } from 'node:stream';
import { HakiError, TOPICS, createEvent, deadLetterTopic, replayTopic, type EventEnvelope } from '@haki/contracts';
import { createLogger } from '@haki/platform-logging';
import { eventually, testInfraUrls, testKafkaCredentials, uniqueName, useTestDatabase } from '@haki/testing';
import { EventConsumer, type DeadLetter } from './event-consumer';
import { EventPublisher } from './event-publisher';
import { TopicNamer, createKafka, ensureTopics } from './kafka';
import { OutboxRelay, outboxSchemaDefinition, pendingOutboxModel, toOutbox, type OutboxHolder } from './outbox';
import { ProcessedEventStore } from './processed-events';

const logger = createLogger({ service: 'messaging-test', level: 'silent' }, new Writable({ write: (_c, _e, done) => done() }));

const escalated = (referralId: string, eventId?: string) =>
  createEvent({
    topic: TOPICS.referralEscalated,
    key: referralId,
    payload: { referralId, role: 'advocate', reason: 'nobody accepted' },
    producer: 'test',
    correlationId: `corr-${referralId}`,
    ...(eventId ? { eventId } : {}),
  });

describe('messaging against real Kafka and MongoDB-wire', () => {
  const { kafkaBrokers } = testInfraUrls();
  const database = useTestDatabase('msg');
  let mongo: Connection;
  let names: TopicNamer;
  let publisher: EventPublisher;
  let processed: ProcessedEventStore;
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'messaging-test', logger, credentials: testKafkaCredentials() });
  const consumers: EventConsumer[] = [];

  beforeEach(async () => {
    mongo = database();
    names = new TopicNamer(uniqueName('t'));
    const topic = names.topic(TOPICS.referralEscalated);
    await ensureTopics(kafka, [topic, deadLetterTopic(topic)]);
    publisher = new EventPublisher(kafka, names);
    await publisher.connect();
    processed = new ProcessedEventStore(mongo);
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await publisher.disconnect();
  });

  async function consume(
    groupId: string,
    handler: (event: EventEnvelope) => Promise<void>,
    options: { dedupedByHandler?: boolean; onDeadLetter?: (letter: DeadLetter) => Promise<void> } = {},
  ) {
    // Every consumer also reads its group's replay topic; the broker makes no topic by itself.
    await ensureTopics(kafka, [names.topic(replayTopic(groupId))]);
    const consumer = new EventConsumer(kafka, names, {
      groupId,
      handlers: { [TOPICS.referralEscalated]: handler },
      ...(options.dedupedByHandler ? { dedupedByHandler: new Set([TOPICS.referralEscalated]) } : {}),
      ...(options.onDeadLetter ? { onDeadLetter: options.onDeadLetter } : {}),
      processed,
      logger,
      maxAttempts: 3,
      retryBaseDelayMs: 10,
    });
    consumers.push(consumer);
    return consumer.start();
  }

  async function readDeadLetters(): Promise<{ value: EventEnvelope & Record<string, unknown>; error: { code: string } }[]> {
    const found: { value: EventEnvelope & Record<string, unknown>; error: { code: string } }[] = [];
    const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(names.topic(TOPICS.referralEscalated)), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        found.push({ value: JSON.parse(message.value!.toString()), error: JSON.parse(message.headers!['x-dlq-error']!.toString()) });
      },
    });
    try {
      await eventually(() => expect(found.length).toBeGreaterThan(0));
    } finally {
      await reader.disconnect();
    }
    return found;
  }

  it('creates the same new topics from several services starting at once', async () => {
    const fresh = [uniqueName('together'), uniqueName('together')];
    await Promise.all(Array.from({ length: 4 }, () => ensureTopics(kafka, fresh)));
    const admin = kafka.admin();
    await admin.connect();
    const listed = await admin.listTopics();
    await admin.disconnect();
    expect(listed).toEqual(expect.arrayContaining(fresh));
  });

  it('delivers a duplicate event id to the handler only once', async () => {
    const seen: string[] = [];
    await consume('dedupe', async (event) => void seen.push(event.eventId));
    const event = escalated('ref-1');
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: event }]);
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: event }]);
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: escalated('ref-2') }]);
    await eventually(() => expect(seen).toHaveLength(2));
    expect(seen.filter((id) => id === event.eventId)).toHaveLength(1);
  });

  it('leaves a duplicate to a handler that dedupes by its own write, and stores no processed marks for it', async () => {
    const seen: string[] = [];
    await consume('own-dedupe', async (event) => void seen.push(event.eventId), { dedupedByHandler: true });
    const event = escalated('ref-own');
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: event }]);
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: event }]);
    await eventually(() => expect(seen).toEqual([event.eventId, event.eventId]));
    expect(await mongo.collection('processed_event_ids').countDocuments({ consumer: 'own-dedupe' })).toBe(0);
  });

  it('retries a failure that can succeed later, then commits', async () => {
    let attempts = 0;
    await consume('retry', async () => {
      attempts += 1;
      if (attempts < 3) throw new Error('database briefly unavailable');
    });
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: escalated('ref-3') }]);
    await eventually(() => expect(attempts).toBe(3));
    await eventually(async () => expect(await mongo.collection('processed_event_ids').countDocuments({ consumer: 'retry' })).toBe(1));
  });

  it('keeps retrying a database outage past maxAttempts instead of dead-lettering good events', async () => {
    let attempts = 0;
    const event = escalated('ref-outage');
    await consume('outage', async () => {
      attempts += 1;
      if (attempts <= 6) throw Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' });
    });
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: event }]);
    await eventually(async () => expect(await processed.has('outage', event.eventId)).toBe(true));
    expect(attempts).toBe(7); // maxAttempts is 3 in these tests
  });

  it('dead-letters a non-retryable failure at once, with its coded error, and keeps consuming', async () => {
    const handled: string[] = [];
    let poisonAttempts = 0;
    await consume('poison', async (event) => {
      const payload = event.payload as { referralId: string };
      if (payload.referralId === 'poison') {
        poisonAttempts += 1;
        throw new HakiError('MATCHING.UNKNOWN_ROLE', 'no such role');
      }
      handled.push(payload.referralId);
    });
    await publisher.publish([
      { topic: TOPICS.referralEscalated, envelope: escalated('poison') },
      { topic: TOPICS.referralEscalated, envelope: escalated('healthy') },
    ]);
    await eventually(() => expect(handled).toEqual(['healthy']));
    const dead = await readDeadLetters();
    expect(dead[0]!.error.code).toBe('MATCHING.UNKNOWN_ROLE');
    expect((dead[0]!.value.payload as { referralId: string }).referralId).toBe('poison');
    expect(poisonAttempts).toBe(1);
  });

  it('dead-letters a message that is not a valid envelope', async () => {
    await consume('garbage', async () => undefined);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: names.topic(TOPICS.referralEscalated), messages: [{ key: 'x', value: '{"not":"an event"}' }] });
    await producer.disconnect();
    const dead = await readDeadLetters();
    expect(dead[0]!.error.code).toBe('EVENT.INVALID_ENVELOPE');
  });

  it('dead-letters a ~1 MB message unread as its size and hash, so the copy fits, and keeps consuming', async () => {
    const handled: string[] = [];
    const letters: DeadLetter[] = [];
    await consume('flood', async (event) => void handled.push((event.payload as { referralId: string }).referralId), {
      onDeadLetter: async (letter) => void letters.push(letter),
    });
    const huge = JSON.stringify({ ...escalated('huge'), padding: 'x'.repeat(1_000_000) });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: names.topic(TOPICS.referralEscalated), messages: [{ key: 'huge', value: huge }] });
    await producer.disconnect();
    await publisher.publish([{ topic: TOPICS.referralEscalated, envelope: escalated('after') }]);

    await eventually(() => expect(handled).toEqual(['after']));
    const dead = await readDeadLetters();
    expect(dead[0]!.error.code).toBe('EVENT.TOO_LARGE');
    expect(dead[0]!.value).toEqual({ truncated: true, bytes: huge.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(letters).toEqual([expect.objectContaining({ topic: TOPICS.referralEscalated, key: 'huge', bytes: huge.length })]);
    expect(letters[0]).not.toHaveProperty('value');
  });

  it('relays outbox entries written atomically with the aggregate, then clears them', async () => {
    const Aggregate = mongo.model<OutboxHolder & { _id: string; state: string }>(
      'Aggregate',
      new Schema({ _id: String, state: String, ...outboxSchemaDefinition }),
    );
    const received: string[] = [];
    await consume('outbox', async (event) => void received.push((event.payload as { referralId: string }).referralId));
    const pending = pendingOutboxModel(mongo);
    // Written before the relay started and never announced (a crash right after the write): found at start.
    await Aggregate.create({ _id: 'agg-1', state: 'escalated', outbox: [toOutbox(TOPICS.referralEscalated, escalated('agg-1'))] });
    await Aggregate.updateOne({ _id: 'agg-1' }, { $push: { outbox: toOutbox(TOPICS.referralEscalated, escalated('agg-1b')) } });
    const relay = new OutboxRelay([Aggregate], pending, publisher, logger, 50);
    await relay.start();
    await eventually(() => expect(received.sort()).toEqual(['agg-1', 'agg-1b']));
    // Written and announced while it runs.
    await Aggregate.create({ _id: 'agg-2', state: 'escalated', outbox: [toOutbox(TOPICS.referralEscalated, escalated('agg-2'))] });
    await relay.announce(Aggregate, 'agg-2');
    await eventually(() => expect(received.sort()).toEqual(['agg-1', 'agg-1b', 'agg-2']));
    await relay.stop();
    const stored = await Aggregate.find().lean();
    expect(stored.map((doc) => doc.outbox)).toEqual([[], []]);
    expect(stored[0]!.state).toBe('escalated');
    expect(await pending.countDocuments()).toBe(0); // an idle relay's polls read an empty collection
  });

  it('publishes enqueued events from the pending collection, once however often they are enqueued', async () => {
    const received: string[] = [];
    await consume('enqueued', async (event) => void received.push((event.payload as { referralId: string }).referralId));
    const pending = pendingOutboxModel(mongo);
    const relay = new OutboxRelay([], pending, publisher, logger, 50);
    const entries = [toOutbox(TOPICS.referralEscalated, escalated('enq-1')), toOutbox(TOPICS.referralEscalated, escalated('enq-2'))];
    // Stored before the relay runs (a step re-run after a crash enqueues the same events again).
    await relay.enqueue(entries);
    await relay.enqueue(entries);
    expect(await pending.countDocuments()).toBe(1);
    await relay.start();
    await eventually(() => expect(received).toEqual(['enq-1', 'enq-2']));
    await relay.stop();
    expect(await pending.countDocuments()).toBe(0);
  });
});
