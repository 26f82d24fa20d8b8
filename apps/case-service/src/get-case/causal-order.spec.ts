import { causalOrder } from './causal-order';

const at = (second: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, second));
const event = (eventId: string, second: number, causationId: string | null = null) => ({ eventId, causationId, occurredAt: at(second) });
const ids = (entries: { eventId: string }[]) => entries.map((entry) => entry.eventId);

describe('causalOrder', () => {
  it('puts an effect after its cause even when its clock says earlier and it arrived first', () => {
    const submitted = event('submitted', 0);
    const offered = event('offered', 5, 'submitted');
    const dispatched = event('dispatched', 4, 'offered'); // the notification host's clock is a second behind
    expect(ids(causalOrder([dispatched, offered, submitted]))).toEqual(['submitted', 'offered', 'dispatched']);
  });

  it('interleaves independent chains by time', () => {
    const entries = [
      event('submitted', 0),
      event('offer-a', 1, 'submitted'),
      event('offer-b', 1, 'submitted'),
      event('sms-b', 2, 'offer-b'),
      event('answer-a', 3, 'offer-a'),
      event('sms-a', 2, 'offer-a'),
    ];
    expect(ids(causalOrder(entries))).toEqual(['submitted', 'offer-a', 'offer-b', 'sms-b', 'sms-a', 'answer-a']);
  });

  it('orders an event whose cause is not on the timeline by time, and breaks ties by arrival', () => {
    const entries = [event('due', 7, 'timer-not-recorded'), event('submitted', 0), event('second', 7), event('first', 3)];
    expect(ids(causalOrder(entries))).toEqual(['submitted', 'first', 'due', 'second']);
  });
});
