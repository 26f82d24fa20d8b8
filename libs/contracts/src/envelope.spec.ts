import { createEvent, deterministicEventId, parseEvent } from './envelope';
import { HakiError } from './errors';
import { TOPICS, deadLetterTopic } from './names';

const submitted = {
  referralId: 'ref-1',
  serviceType: 'postmortem' as const,
  urgency: 'critical' as const,
  rolesNeeded: ['forensic-pathologist' as const],
  countyCode: 23,
  countyName: 'Turkana',
  coarseLocation: { lat: 3.1, lon: 35.6 },
  submittedAt: '2026-11-26T10:00:00.000Z',
};

describe('event envelope', () => {
  it('derives type and version from the topic and round-trips through JSON', () => {
    const event = createEvent({
      topic: TOPICS.referralSubmitted,
      key: 'ref-1',
      payload: submitted,
      producer: 'intake-service',
      correlationId: 'corr-1',
    });
    expect(event.type).toBe('referral.submitted');
    expect(event.version).toBe(1);
    expect(event.causationId).toBeNull();
    const parsed = parseEvent(TOPICS.referralSubmitted, JSON.parse(JSON.stringify(event)));
    expect(parsed).toEqual(event);
  });

  it('reads a service type stored or published under its old name as its name now', () => {
    const old = createEvent({
      topic: TOPICS.referralSubmitted,
      key: 'ref-1',
      producer: 'intake-service',
      correlationId: 'c-1',
      payload: submitted,
    });
    const raw = JSON.parse(JSON.stringify(old));
    raw.payload.serviceType = 'detention-medical';
    expect(parseEvent(TOPICS.referralSubmitted, raw).payload).toMatchObject({ serviceType: 'medical-care' });
  });

  it('carries the trace context it was created under; one that does not parse is dropped, not fatal', () => {
    const traceparent = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
    const base = { topic: TOPICS.referralSubmitted, key: 'ref-1', payload: submitted, producer: 'p', correlationId: 'c' } as const;
    expect(parseEvent(TOPICS.referralSubmitted, JSON.parse(JSON.stringify(createEvent({ ...base, traceparent }))))).toMatchObject({
      traceparent,
    });
    const untraced = createEvent(base);
    expect('traceparent' in untraced).toBe(false);
    const forged = parseEvent(TOPICS.referralSubmitted, { ...untraced, traceparent: 'x\n{"level":60}' });
    expect(forged.traceparent).toBeUndefined();
    expect(forged.payload).toEqual(submitted);
  });

  it('rejects a payload that breaks its schema, naming the field', () => {
    expect(() =>
      createEvent({
        topic: TOPICS.referralSubmitted,
        key: 'ref-1',
        payload: { ...submitted, countyCode: 99 },
        producer: 'intake-service',
        correlationId: 'c',
      }),
    ).toThrow(/countyCode/);
  });

  it('refuses an event published on the wrong topic with a coded, non-retryable error', () => {
    const event = createEvent({ topic: TOPICS.referralSubmitted, key: 'ref-1', payload: submitted, producer: 'p', correlationId: 'c' });
    let caught: unknown;
    try {
      parseEvent(TOPICS.assignmentOffered, event);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HakiError);
    expect((caught as HakiError).code).toBe('EVENT.WRONG_TOPIC');
    expect((caught as HakiError).retryable).toBe(false);
  });

  it('reports every invalid payload field by path', () => {
    const event = createEvent({ topic: TOPICS.referralSubmitted, key: 'ref-1', payload: submitted, producer: 'p', correlationId: 'c' });
    const broken = { ...event, payload: { ...submitted, urgency: 'whenever', coarseLocation: { lat: 80, lon: 36 } } };
    try {
      parseEvent(TOPICS.referralSubmitted, broken);
      throw new Error('expected parseEvent to throw');
    } catch (error) {
      const fields = (error as HakiError).fields?.map((f) => f.field);
      expect(fields).toEqual(expect.arrayContaining(['urgency', 'coarseLocation.lat']));
    }
  });

  it('names dead-letter topics after their source topic', () => {
    expect(deadLetterTopic(TOPICS.assignmentOffered)).toBe('assignment.offered.v1.dlq');
  });
});

describe('HakiError', () => {
  it('survives serialisation across a process boundary', () => {
    const original = new HakiError('REFERRAL.INVALID', 'outside Kenya', {
      fields: [{ field: 'location.lat', reason: 'outside Kenya' }],
    });
    const rebuilt = HakiError.from(JSON.parse(JSON.stringify(original)));
    expect(rebuilt.code).toBe('REFERRAL.INVALID');
    expect(rebuilt.fields).toEqual(original.fields);
    expect(rebuilt.retryable).toBe(false);
  });
});

describe('deterministicEventId', () => {
  it('gives the same UUID-shaped id for the same seed and different ids for different seeds', () => {
    const id = deterministicEventId('offer:ref-1:pro-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicEventId('offer:ref-1:pro-1')).toBe(id);
    expect(deterministicEventId('offer:ref-1:pro-2')).not.toBe(id);
  });
});
