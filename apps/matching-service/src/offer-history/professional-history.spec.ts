import type { OfferOutcomeDocument } from './offer-outcome.model';
import { historyFrom } from './professional-history';

const at = (minutes: number) => new Date(Date.parse('2026-11-02T09:00:00Z') + minutes * 60_000);
const outcome = (status: OfferOutcomeDocument['status'], answeredAfter?: number, extra: Partial<OfferOutcomeDocument> = {}) => ({
  _id: `o-${Math.random()}`,
  professionalId: 'p1',
  referralId: 'r',
  serviceType: 'postmortem' as const,
  status,
  offeredAt: at(0),
  ...(answeredAfter === undefined ? {} : { answeredAt: at(answeredAfter) }),
  ...extra,
});

describe('professional history from offer outcomes', () => {
  it('counts answered and expired offers, acceptances, the median response and the assignments', () => {
    const history = historyFrom([
      outcome('active', 10),
      outcome('completed', 30),
      outcome('declined', 50),
      outcome('expired'),
      outcome('cancelled'), // filled by someone else before they answered: says nothing about them
      outcome('undelivered'),
    ]);
    expect(history.stats).toEqual({ offers: 4, accepts: 2, medianResponseMinutes: 30 });
    expect(history.recentAssignments).toEqual([
      { at: at(10).toISOString(), serviceType: 'postmortem' },
      { at: at(30).toISOString(), serviceType: 'postmortem' },
    ]);
  });

  it('counts an ops assignment as an assignment but not as an answer to an offer', () => {
    const history = historyFrom([outcome('accepted', 0, { manual: true })]);
    expect(history.stats).toEqual({ offers: 0, accepts: 0, medianResponseMinutes: 60 });
    expect(history.recentAssignments).toHaveLength(1);
  });
});
