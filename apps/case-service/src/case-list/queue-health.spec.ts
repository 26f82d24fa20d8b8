import type { CaseSummary, SlaClock } from './case-summary';
import { queueHealth } from './queue-health';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();
const clock = (milestone: SlaClock['milestone'], dueInMinutes: number, metMinutesFromNow?: number): SlaClock => ({
  milestone,
  dueAt: at(dueInMinutes),
  atRiskFrom: at(dueInMinutes - 10),
  ...(metMinutesFromNow !== undefined ? { metAt: at(metMinutesFromNow) } : {}),
});
const row = (caseId: string, more: Partial<CaseSummary>): CaseSummary => ({
  caseId,
  status: 'matching',
  professionalIds: [],
  unfilledRoles: [],
  escalated: false,
  missingChecklistItems: 0,
  receivedAt: at(-600),
  updatedAt: at(-1),
  sla: [],
  entries: 3,
  ...more,
});

describe('queue health (what ops are alerted on)', () => {
  it('counts open escalations with ops and the oldest one’s wait; not closed cases, not rows without the time', () => {
    const health = queueHealth(
      [
        row('a', { escalated: true, escalatedAt: at(-25) }),
        row('b', { escalated: true, escalatedAt: at(-5) }),
        row('old-row', { escalated: true }), // stored before escalatedAt was kept, or offered again by matching
        row('closed', { status: 'closed', escalated: false, escalatedAt: at(-500) }),
      ],
      NOW,
    );
    expect(health.escalated).toBe(2);
    expect(health.oldestEscalationSeconds).toBe(25 * 60);
  });

  it('counts a clock open past due, per milestone; not one met late, not one still running, not a closed case', () => {
    const health = queueHealth(
      [
        row('overdue-offer', { sla: [clock('first-offer', -1)] }),
        row('met-late', { sla: [clock('first-offer', -60, -30), clock('acceptance', 60)] }),
        row('overdue-on-site', { sla: [clock('first-offer', -300, -299), clock('acceptance', -200, -250), clock('on-site', -5)] }),
        row('closed', { status: 'closed', sla: [clock('report', -5)] }),
      ],
      NOW,
    );
    expect(health.overdue).toEqual({ 'first-offer': 1, acceptance: 0, 'on-site': 1, report: 0 });
    expect(health.escalated).toBe(0);
    expect(health.oldestEscalationSeconds).toBe(0);
  });
});
