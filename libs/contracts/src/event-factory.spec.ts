import { EventFactory } from './event-factory';
import { TOPICS } from './names';

const events = new EventFactory('matching-service');
const cause = events.create({
  topic: TOPICS.referralEscalated,
  key: 'ref-1',
  correlationId: 'corr-1',
  payload: { referralId: 'ref-1', role: 'advocate', reason: 'nobody free' },
});

describe('EventFactory', () => {
  it('starts a chain under the given correlation id, with no cause', () => {
    expect(cause).toMatchObject({ producer: 'matching-service', correlationId: 'corr-1', causationId: null, key: 'ref-1' });
  });

  it('derives a follow-up from its cause: same correlation, caused by it, the same id on every retry', () => {
    const followUp = () =>
      events.followUp(cause, {
        topic: TOPICS.referralEscalated,
        key: 'ref-1',
        idSeed: 'escalated:ref-1',
        payload: { referralId: 'ref-1', role: 'advocate', reason: 'still nobody' },
      });
    const first = followUp();
    expect(first).toMatchObject({ producer: 'matching-service', correlationId: 'corr-1', causationId: cause.eventId });
    expect(followUp().eventId).toBe(first.eventId);
    expect(first.eventId).not.toBe(cause.eventId);
  });

  it('validates the payload against the topic schema', () => {
    expect(() =>
      events.followUp(cause, { topic: TOPICS.referralEscalated, key: 'ref-1', idSeed: 'x', payload: { referralId: 'ref-1' } as never }),
    ).toThrow();
  });
});
