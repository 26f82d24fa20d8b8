import { toCaseView } from './case-view';

const entry = (type: string, at: string, facts?: Record<string, string>) => ({
  eventId: `${type}-${at}`,
  causationId: null,
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
    expect(view).toMatchObject({
      caseId: 'ref-1',
      matchingStatus: 'offered',
      county: 'Turkana',
      urgency: 'critical',
      serviceType: 'postmortem',
    });
  });

  it('reports escalation when nobody could be offered the case', () => {
    const view = toCaseView('ref-2', [
      entry('referral.submitted', '2026-11-26T10:00:00Z'),
      entry('referral.escalated', '2026-11-26T10:00:02Z'),
    ]);
    expect(view.matchingStatus).toBe('escalated');
    expect(view).not.toHaveProperty('county');
  });
});

describe('toCaseView with a team', () => {
  const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, second));
  const offer = (type: string, second: number, fact: Record<string, string>) => ({
    eventId: `${type}-${fact['offerId']}-${second}`,
    causationId: null,
    type,
    occurredAt: at(second),
    summary: type,
    offer: fact as never,
  });
  const submitted = {
    eventId: 'submitted',
    causationId: null,
    type: 'referral.submitted',
    occurredAt: at(0),
    summary: 'submitted',
    facts: { serviceType: 'postmortem', urgency: 'critical', countyName: 'Turkana', rolesNeeded: ['forensic-pathologist', 'advocate'] },
  };

  it('shows each role with its offers in the order made, and the case assigned once every required role is confirmed', () => {
    const view = toCaseView('ref-3', [
      submitted,
      offer('assignment.offered', 1, { offerId: 'ref-3:2', role: 'forensic-pathologist', professionalId: 'p2', status: 'offered' }),
      offer('assignment.offered', 1, { offerId: 'ref-3:1', role: 'forensic-pathologist', professionalId: 'p1', status: 'offered' }),
      offer('assignment.offered', 1, { offerId: 'ref-3:3', role: 'advocate', professionalId: 'a1', status: 'offered' }),
      // Read out of order: the confirmation before the acceptance it follows.
      offer('assignment.confirmed', 3, { offerId: 'ref-3:1', role: 'forensic-pathologist', professionalId: 'p1', status: 'confirmed' }),
      offer('assignment.responded', 2, { offerId: 'ref-3:1', professionalId: 'p1', status: 'accepted' }),
      offer('assignment.cancelled', 3, {
        offerId: 'ref-3:2',
        role: 'forensic-pathologist',
        professionalId: 'p2',
        status: 'cancelled',
        reason: 'filled',
      }),
    ]);
    expect(view.roles).toEqual([
      {
        role: 'forensic-pathologist',
        required: true,
        status: 'confirmed',
        offers: [
          { offerId: 'ref-3:1', professionalId: 'p1', status: 'confirmed' },
          { offerId: 'ref-3:2', professionalId: 'p2', status: 'cancelled', reason: 'filled' },
        ],
      },
      { role: 'advocate', required: false, status: 'offered', offers: [{ offerId: 'ref-3:3', professionalId: 'a1', status: 'offered' }] },
    ]);
    // The advocate is optional: the pathologist alone makes the team.
    expect(view.matchingStatus).toBe('assigned');
  });

  it('after an escalation, a reassignment and a completion: the new assignee holds the role, the case is completed', () => {
    const pathologist = { role: 'forensic-pathologist' };
    const view = toCaseView('ref-3', [
      submitted,
      {
        eventId: 'esc',
        causationId: null,
        type: 'referral.escalated',
        occurredAt: at(1),
        summary: 'esc',
        escalatedRole: 'forensic-pathologist',
      },
      offer('assignment.offered', 2, {
        ...pathologist,
        offerId: 'ref-3:1',
        professionalId: 'p1',
        status: 'offered',
        explanation: 'assigned by ops (ops-1)',
      }),
      offer('assignment.confirmed', 3, { ...pathologist, offerId: 'ref-3:1', professionalId: 'p1', status: 'confirmed' }),
      offer('assignment.cancelled', 4, {
        ...pathologist,
        offerId: 'ref-3:1',
        professionalId: 'p1',
        status: 'cancelled',
        reason: 'reassigned',
      }),
      offer('assignment.offered', 4, { ...pathologist, offerId: 'ref-3:2', professionalId: 'p2', status: 'offered' }),
      offer('assignment.confirmed', 5, { ...pathologist, offerId: 'ref-3:2', professionalId: 'p2', status: 'confirmed' }),
    ]);
    expect(view.roles[0]).toMatchObject({ status: 'confirmed' });
    expect(view.roles[0]!.offers[0]).toEqual({
      offerId: 'ref-3:1',
      professionalId: 'p1',
      status: 'cancelled',
      reason: 'reassigned',
      explanation: 'assigned by ops (ops-1)',
    });
    expect(view.matchingStatus).toBe('assigned');
    const done = toCaseView('ref-3', [
      ...[submitted],
      offer('assignment.offered', 2, { ...pathologist, offerId: 'ref-3:2', professionalId: 'p2', status: 'offered' }),
      offer('assignment.confirmed', 5, { ...pathologist, offerId: 'ref-3:2', professionalId: 'p2', status: 'confirmed' }),
      offer('assignment.completed', 9, { ...pathologist, offerId: 'ref-3:2', professionalId: 'p2', status: 'completed' }),
    ]);
    expect(done.roles[0]).toMatchObject({ status: 'completed' });
    expect(done.matchingStatus).toBe('completed');
  });

  it('reports the case escalated when a required role went to ops', () => {
    const view = toCaseView('ref-3', [
      submitted,
      {
        eventId: 'esc',
        causationId: null,
        type: 'referral.escalated',
        occurredAt: at(5),
        summary: 'esc',
        escalatedRole: 'forensic-pathologist',
      },
    ]);
    expect(view.roles[0]).toMatchObject({ role: 'forensic-pathologist', status: 'escalated' });
    expect(view.matchingStatus).toBe('escalated');
  });
});

describe('toCaseView when ops corrected an answer', () => {
  it('shows what matching decided: an accept then a decline recorded before matching confirmed stays confirmed', () => {
    const at = (second: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, second));
    const fact = (type: string, second: number, status: string) => ({
      eventId: `${type}-${second}`,
      causationId: null,
      type,
      occurredAt: at(second),
      summary: type,
      offer: { offerId: 'ref-4:1', role: 'forensic-pathologist', professionalId: 'p1', status } as never,
    });
    const view = toCaseView('ref-4', [
      fact('assignment.offered', 1, 'offered'),
      fact('assignment.responded', 2, 'accepted'),
      fact('assignment.responded', 3, 'declined'),
      fact('assignment.confirmed', 4, 'confirmed'),
    ]);
    expect(view.roles[0]).toMatchObject({ status: 'confirmed', offers: [{ offerId: 'ref-4:1', status: 'confirmed' }] });
  });
});
