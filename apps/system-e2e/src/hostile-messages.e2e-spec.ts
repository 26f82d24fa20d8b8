import { createEvent, replayTopic, TOPICS } from '@haki/contracts';
import { eventually, testKafka } from '@haki/testing';
import { HakiSystem, SERVICE_NAMES, legalAid } from './haki-system';

interface Listed {
  items: { id: string; topic: string; key?: string; reason: { code: string }; bytes: number; replayable: boolean; replayedAt?: string }[];
}

/** Messages nobody should send: every consumer keeps going, ops see them, and their referral is escalated. */
describe('hostile messages on the topics', () => {
  const system = new HakiSystem();
  // As the operator: only a topic's owner or the operator may write there (kafka-access.e2e-spec).
  const kafka = testKafka('hostile-e2e');
  const producer = kafka.producer();

  beforeAll(async () => {
    await Promise.all(SERVICE_NAMES.map((service) => system.start(service)));
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await system.stop();
  });

  const deadLetters = async (): Promise<Listed> =>
    (await system.fetch(`${system.url('matching-service')}/dead-letters`)).json() as Promise<Listed>;

  it('dead-letters a 1 MB message unread, escalates its referral, and keeps every consumer alive', async () => {
    const referralId = 'flooded-referral-1';
    await producer.send({
      topic: system.topic(TOPICS.referralSubmitted),
      messages: [{ key: referralId, value: JSON.stringify({ padding: 'x'.repeat(1_000_000) }) }],
    });
    const listed = await eventually(async () => {
      const found = (await deadLetters()).items.find((item) => item.key === referralId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(listed).toMatchObject({ topic: TOPICS.referralSubmitted, reason: { code: 'EVENT.TOO_LARGE' }, replayable: false });
    expect(listed.bytes).toBeGreaterThan(1_000_000);
    const replay = await system.fetch(`${system.url('matching-service')}/dead-letters/${encodeURIComponent(listed.id)}/replay`, {
      method: 'POST',
    });
    expect(replay.status).toBe(409);

    // The referral is not left "matching": ops see it escalated, with where its message is kept.
    await eventually(async () => {
      const response = await system.fetch(`${system.url('case-service')}/cases/${referralId}`);
      expect(response.status).toBe(200);
      const kase = (await response.json()) as { matchingStatus: string; timeline: { summary: string }[] };
      expect(kase.matchingStatus).toBe('escalated');
      expect(kase.timeline.map((entry) => entry.summary).join('\n')).toContain('Escalated to ops: the whole referral');
    });
    // Everyone is still consuming, and alive.
    const { referralId: next } = await system.submitReferral(
      legalAid({ subject: { name: 'After The Flood' }, referrer: { name: 'Kisumu desk' } }),
    );
    await eventually(async () => expect((await system.getCase(next)).matchingStatus).toBe('offered'));
    for (const service of SERVICE_NAMES) expect((await system.fetch(`${system.url(service)}/health/live`)).status).toBe(200);
  });

  it('lists a valid event that failed, and replays it once the cause is fixed (here: still failing, so dead-lettered again)', async () => {
    const answer = createEvent({
      topic: TOPICS.assignmentResponded,
      key: 'ghost-referral-1',
      producer: 'forger',
      correlationId: 'hostile-e2e',
      payload: {
        referralId: 'ghost-referral-1',
        offerId: 'ghost-referral-1:1',
        professionalId: 'pro-nbo-path-1',
        response: 'accept',
        channel: 'ops-phone',
        recordedBy: 'x',
      },
    });
    await producer.send({
      topic: system.topic(TOPICS.assignmentResponded),
      messages: [{ key: answer.key, value: JSON.stringify(answer) }],
    });
    const listed = await eventually(async () => {
      const found = (await deadLetters()).items.filter((item) => item.key === 'ghost-referral-1');
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(listed).toMatchObject({ reason: { code: 'MATCHING.REFERRAL_NOT_FOUND' }, replayable: true });

    // Whoever holds the matching service's broker password may write its replay topic, but an event put
    // there is not taken (only the id of a dead letter ops asked to replay is). One on each partition, so
    // one precedes the real replay below in its partition and would be dead-lettered before it if taken.
    const forged = { ...answer, key: 'forged-referral-1', payload: { ...answer.payload, referralId: 'forged-referral-1' } };
    const asMatching = testKafka('hostile-replay', 'matching-service').producer();
    await asMatching.connect();
    await asMatching.send({
      topic: system.topic(replayTopic('matching-service')),
      messages: [0, 1, 2].flatMap((partition) => [
        { partition, key: forged.key, value: JSON.stringify(forged) },
        { partition, key: forged.key, value: JSON.stringify({ deadLetterId: 'no-such-letter' }) },
      ]),
    });
    await asMatching.disconnect();

    const replay = await system.fetch(`${system.url('matching-service')}/dead-letters/${encodeURIComponent(listed.id)}/replay`, {
      method: 'POST',
    });
    expect(replay.status).toBe(202);
    await eventually(async () => {
      const found = (await deadLetters()).items.filter((item) => item.key === 'ghost-referral-1');
      expect(found).toHaveLength(2);
      expect(found.find((item) => item.id === listed.id)!.replayedAt).toBeDefined();
    });
    expect((await deadLetters()).items.filter((item) => item.key === 'forged-referral-1')).toEqual([]);
  });
});
