import { decide, DEFAULT_POLICY_TABLE } from '@haki/matching-core';
import { attentionOf } from './attention';

const NOW = Date.parse('2026-11-30T09:00:00+03:00');
const MIN = 60_000;
const submit = (candidates: string[], urgency: 'critical' | 'normal' = 'critical') =>
  decide(
    undefined,
    {
      type: 'referralSubmitted',
      referralId: 'r1',
      urgency,
      roles: [
        { role: 'forensic-pathologist', required: true, candidates },
        { role: 'advocate', required: false, candidates: [] },
      ],
    },
    NOW,
    { ...DEFAULT_POLICY_TABLE, critical: { ...DEFAULT_POLICY_TABLE.critical, wideningSteps: [] } },
  ).state;

describe('what makes a referral need ops', () => {
  it('lists offers about to lapse, and a role nobody fills even when optional', () => {
    const state = submit(['p1', 'p2']);
    const timeout = DEFAULT_POLICY_TABLE.critical.offerTimeoutMinutes * MIN;
    expect(attentionOf(state, NOW, 5 * MIN)).toEqual({ reasons: ['unfilled-role'], unfilledRoles: ['advocate'], expiringOffers: [] });
    const soon = attentionOf(state, NOW + timeout - 2 * MIN, 5 * MIN);
    expect(soon.reasons).toEqual(['unfilled-role', 'offer-expiring']);
    expect(soon.expiringOffers.map((offer) => offer.professionalId)).toEqual(['p1', 'p2']);
    expect(soon.expiringOffers[0]!.expiresAt).toBe(new Date(NOW + timeout).toISOString());
  });

  it('flags a role waiting for capacity (surge triage)', () => {
    const waiting = decide(
      undefined,
      {
        type: 'referralSubmitted',
        referralId: 'r2',
        urgency: 'critical',
        roles: [{ role: 'forensic-pathologist', required: true, candidates: [], waitable: true }],
      },
      NOW,
      { ...DEFAULT_POLICY_TABLE, critical: { ...DEFAULT_POLICY_TABLE.critical, wideningSteps: [] } },
    ).state;
    expect(waiting.roles[0]!.phase).toBe('waiting');
    expect(attentionOf(waiting, NOW, 5 * MIN).reasons).toEqual(['waiting-for-capacity']);
    expect(attentionOf(submit(['p1']), NOW, 5 * MIN).reasons).not.toContain('waiting-for-capacity');
  });

  it('flags an escalated referral', () => {
    const state = submit([]);
    expect(state.status).toBe('escalated');
    expect(attentionOf(state, NOW, 5 * MIN).reasons).toEqual(['escalated', 'unfilled-role']);
  });
});
