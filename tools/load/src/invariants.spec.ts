import { capacityInvariant, deadLetterInvariant, streamInvariants, type Observed } from './invariants';

const observed = (): Observed => ({
  submitted: new Map([
    ['r1', 0],
    ['r2', 0],
  ]),
  offers: [{ referralId: 'r1', offerId: 'r1:1', professionalId: 'p1', role: 'forensic-pathologist', at: 1 }],
  sms: [{ referralId: 'r1', offerId: 'r1:1', notificationId: 'n1', purpose: 'offer', channel: 'sms', status: 'sent', at: 2 }],
  escalations: [{ referralId: 'r2', role: 'forensic-pathologist', at: 1 }],
  confirmations: [{ referralId: 'r1', offerId: 'r1:1', role: 'forensic-pathologist', at: 3 }],
});
const broken = (results: { name: string; ok: boolean }[]) => results.filter((r) => !r.ok).map((r) => r.name);

describe('load run invariants', () => {
  it('hold for a clean run', () => {
    expect(broken(streamInvariants(observed()))).toEqual([]);
  });

  it('catch a lost referral, a second confirmation, a repeated offer and a second SMS', () => {
    const run = observed();
    run.submitted.set('r3', 0);
    run.offers.push({ referralId: 'r1', offerId: 'r1:2', professionalId: 'p1', role: 'forensic-pathologist', at: 4 });
    run.confirmations.push({ referralId: 'r1', offerId: 'r1:2', role: 'forensic-pathologist', at: 5 });
    run.sms.push({ referralId: 'r1', offerId: 'r1:1', notificationId: 'n2', purpose: 'offer', channel: 'sms', status: 'sent', at: 6 });
    const results = streamInvariants(run);
    expect(broken(results)).toEqual([
      'every referral offered or escalated within the settle time (nothing lost)',
      'at most one confirmed assignment per referral and role',
      'no professional offered the same referral twice',
      'no message sent twice for one offer, purpose and channel',
    ]);
    expect(results[0]!.violations).toEqual(['r3']);
  });

  it('take a confirmation by SMS and its email copy as two messages, not one sent twice', () => {
    const run = observed();
    run.sms.push({ referralId: 'r1', offerId: 'r1:1', notificationId: 'c1', purpose: 'confirmed', channel: 'sms', status: 'sent', at: 7 });
    run.sms.push({
      referralId: 'r1',
      offerId: 'r1:1',
      notificationId: 'c2',
      purpose: 'confirmed',
      channel: 'email',
      status: 'sent',
      at: 7,
    });
    expect(broken(streamInvariants(run))).toEqual([]);
  });

  it('catch capacity excess and dead letters', () => {
    expect(capacityInvariant(new Map([['p1', 4]]), new Map([['p1', 3]])).violations).toEqual(['p1: 4 > 3']);
    expect(capacityInvariant(new Map([['p1', 3]]), new Map([['p1', 3]])).ok).toBe(true);
    expect(deadLetterInvariant(new Map([['referral.submitted.v1.dlq', 1]])).ok).toBe(false);
  });
});
