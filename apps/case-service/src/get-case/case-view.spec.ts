import { toCaseView } from './case-view';

const entry = (type: string, at: string, facts?: Record<string, string>) => ({
  _id: `${type}-${at}`,
  caseId: 'ref-1',
  type,
  occurredAt: new Date(at),
  summary: type,
  ...(facts ? { facts } : {}),
});

describe('toCaseView', () => {
  it('orders the timeline by time even when events arrived out of order, and derives status and facts', () => {
    const view = toCaseView('ref-1', [
      entry('notification.dispatched', '2026-11-26T10:00:03Z'),
      entry('referral.submitted', '2026-11-26T10:00:00Z', { countyName: 'Turkana', urgency: 'critical', serviceType: 'postmortem' }),
      entry('assignment.offered', '2026-11-26T10:00:01Z'),
    ]);
    expect(view.timeline.map((e) => e.type)).toEqual(['referral.submitted', 'assignment.offered', 'notification.dispatched']);
    expect(view).toMatchObject({ caseId: 'ref-1', status: 'offered', county: 'Turkana', urgency: 'critical', serviceType: 'postmortem' });
  });

  it('reports escalation when nobody could be offered the case', () => {
    const view = toCaseView('ref-2', [
      entry('referral.submitted', '2026-11-26T10:00:00Z'),
      entry('referral.escalated', '2026-11-26T10:00:02Z'),
    ]);
    expect(view.status).toBe('escalated');
    expect(view).not.toHaveProperty('county');
  });
});
