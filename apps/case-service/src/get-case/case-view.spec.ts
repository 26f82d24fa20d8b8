import { toCaseView } from './case-view';

const entry = (type: string, at: string) => ({ eventId: `${type}-${at}`, type, occurredAt: new Date(at), summary: type });

describe('toCaseView', () => {
  it('orders the timeline by time even when events arrived out of order, and derives the status', () => {
    const view = toCaseView({
      _id: 'ref-1',
      countyName: 'Turkana',
      appliedEventIds: [],
      timeline: [
        entry('notification.dispatched', '2026-11-26T10:00:03Z'),
        entry('referral.submitted', '2026-11-26T10:00:00Z'),
        entry('assignment.offered', '2026-11-26T10:00:01Z'),
      ],
    });
    expect(view.timeline.map((e) => e.type)).toEqual(['referral.submitted', 'assignment.offered', 'notification.dispatched']);
    expect(view.status).toBe('offered');
    expect(view.county).toBe('Turkana');
  });

  it('reports escalation when nobody could be offered the case', () => {
    const view = toCaseView({
      _id: 'ref-2',
      appliedEventIds: [],
      timeline: [entry('referral.submitted', '2026-11-26T10:00:00Z'), entry('referral.escalated', '2026-11-26T10:00:02Z')],
    });
    expect(view.status).toBe('escalated');
  });
});
