import { connect } from 'node:net';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, logLevel, ResourcePatternTypes, type Producer } from 'kafkajs';
import { ALL_TOPICS, EVENT_SERVICES, TOPIC_OWNERS, TOPICS, deadLetterTopic, replayTopic, type EventService } from '@haki/contracts';
import { eventually, testInfraUrls, testKafka, testKafkaCredentials, uniqueName } from '@haki/testing';
import { grantKafkaAccess } from './kafka-access';
import { TopicNamer, kafkaSecurity } from './kafka';

const names = new TopicNamer(uniqueName('acl'));

/** What the broker answers when `producer` sends one message to `topic`: 'accepted' or the error's type. */
async function sendAs(producer: Producer, topic: string): Promise<string> {
  try {
    await producer.send({ topic, messages: [{ key: 'r-1', value: '{"forged":true}' }] });
    return 'accepted';
  } catch (error) {
    const { type, cause, name } = error as { type?: string; cause?: { type?: string }; name: string };
    return type ?? cause?.type ?? name;
  }
}

/** 'joined' when a consumer of `groupId` joins its group, else the name of the error it crashed with. */
async function joinAs(kafka: Kafka, groupId: string): Promise<string> {
  const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
  await consumer.connect();
  await consumer.subscribe({ topics: [names.topic(TOPICS.assignmentOffered)], fromBeginning: true });
  const outcome = new Promise<string>((resolve) => {
    // Fetching starts once joined and synced: disconnecting then leaves no request of the join in flight.
    consumer.on(consumer.events.FETCH_START, () => resolve('joined'));
    consumer.on(consumer.events.CRASH, ({ payload }) => resolve(payload.error.name));
  });
  void consumer.run({ eachMessage: async () => undefined }).catch(() => undefined);
  const result = await outcome;
  await consumer.disconnect();
  return result;
}

/** Sends a Metadata v0 request for all topics on a fresh socket without SASL, and says what came back. */
function answerToUnauthenticatedMetadata(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const clientId = Buffer.from('acl-anonymous');
    const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4);
    let at = body.writeInt16BE(3, 0); // Metadata
    at = body.writeInt16BE(0, at); // v0
    at = body.writeInt32BE(1, at); // correlation id
    at = body.writeInt16BE(clientId.length, at);
    at += clientId.copy(body, at);
    body.writeInt32BE(0, at); // no topics named: all of them
    const size = Buffer.alloc(4);
    size.writeInt32BE(body.length, 0);
    let received = 0;
    const socket = connect({ host, port }, () => socket.write(Buffer.concat([size, body])));
    socket.setTimeout(10_000, () => {
      socket.destroy();
      resolve('no answer, still open');
    });
    socket.on('data', (chunk) => (received += chunk.length));
    socket.on('error', reject);
    socket.on('close', () => resolve(received ? `answered ${received} bytes` : 'connection closed, no answer'));
  });
}

/** The broker itself refuses what a service may not do: only a topic's owner publishes there (docs/decisions/0010). */
describe('broker credentials and per-service ACLs', () => {
  const producers = new Map<EventService, Producer>();

  beforeAll(async () => {
    await grantKafkaAccess(testKafka('acl-admin'), names);
    for (const service of EVENT_SERVICES) {
      const producer = testKafka(`acl-${service}`, service).producer();
      await producer.connect();
      producers.set(service, producer);
    }
  });

  afterAll(async () => {
    await Promise.all([...producers.values()].map((producer) => producer.disconnect()));
  });

  it('lets each service publish exactly the topics it owns: every service × every event topic', async () => {
    const cells: string[] = [];
    for (const service of EVENT_SERVICES) {
      for (const topic of ALL_TOPICS) {
        const answer = await sendAs(producers.get(service)!, names.topic(topic));
        const expected = TOPIC_OWNERS[topic] === service ? 'accepted' : 'TOPIC_AUTHORIZATION_FAILED';
        if (answer !== expected) cells.push(`${service} → ${topic}: ${answer}, expected ${expected}`);
      }
    }
    expect(cells).toEqual([]);
  });

  it('refuses a forged assignment.offered from the notification service, whose text would become an SMS', async () => {
    expect(await sendAs(producers.get('notification-service')!, names.topic(TOPICS.assignmentOffered))).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it("lets a service write dead letters and its own replay topic, not another's", async () => {
    const notification = producers.get('notification-service')!;
    expect(await sendAs(notification, deadLetterTopic(names.topic(TOPICS.assignmentOffered)))).toBe('accepted');
    expect(await sendAs(notification, names.topic(replayTopic('notification-service')))).toBe('accepted');
    expect(await sendAs(notification, names.topic(replayTopic('matching-service')))).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it("refuses to join another service's consumer group, and to create topics", async () => {
    const intake = testKafka('acl-intake-consumer', 'intake-service');
    // kafkajs reports the broker's GROUP_AUTHORIZATION_FAILED as "coordinator not found"; its own group joins.
    expect(await joinAs(intake, names.group('intake-service'))).toBe('joined');
    expect(await joinAs(intake, names.group('matching-service'))).toBe('KafkaJSGroupCoordinatorNotFound');

    const admin = intake.admin();
    await admin.connect();
    await expect(admin.createTopics({ topics: [{ topic: names.topic('made-up.v1') }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'TOPIC_AUTHORIZATION_FAILED' })],
    });
    await admin.disconnect();
  });

  it('refuses a wrong password and a client without credentials', async () => {
    const { kafkaBrokers } = testInfraUrls();
    const wrong = new Kafka({
      clientId: 'acl-wrong',
      brokers: kafkaBrokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      ...kafkaSecurity({ ...testKafkaCredentials('matching-service'), password: 'not-the-password' }),
    });
    const wrongProducer = wrong.producer();
    await expect(wrongProducer.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    await wrongProducer.disconnect();

    // Without SASL, a Metadata request (which would list the topics) gets no answer: the broker hangs up.
    // Raw bytes, not kafkajs: its retries would outlive the test.
    const [host, port] = kafkaBrokers[0]!.split(':');
    expect(await answerToUnauthenticatedMetadata(host!, Number(port))).toBe('connection closed, no answer');
  });

  it('removes grants it does not give when run again (an ownership that moved, a hand-made exception)', async () => {
    const admin = testKafka('acl-admin-extra').admin();
    await admin.connect();
    await admin.createAcls({
      acl: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: names.topic(TOPICS.assignmentOffered),
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: 'User:notification-service',
          host: '*',
          operation: AclOperationTypes.WRITE,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
    await admin.disconnect();
    await grantKafkaAccess(testKafka('acl-admin-again'), names);
    await eventually(async () =>
      expect(await sendAs(producers.get('notification-service')!, names.topic(TOPICS.assignmentOffered))).toBe(
        'TOPIC_AUTHORIZATION_FAILED',
      ),
    );
  });
});
