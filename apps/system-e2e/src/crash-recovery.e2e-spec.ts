import { eventually } from '@haki/testing';
import { HakiSystem, TURKANA_POSTMORTEM } from './haki-system';

/**
 * Kills consumers with SIGKILL at the worst moments (after reserving a capacity slot but before recording
 * the offer; after sending the SMS but before recording it), restarts them, and checks that the
 * referral still ends with exactly one offer, one reservation and one SMS.
 */
describe('crash and restart mid-flow', () => {
  const system = new HakiSystem();

  afterAll(() => system.stop());

  it('loses nothing and duplicates nothing', async () => {
    await Promise.all([system.start('intake-service'), system.start('case-service')]);
    const crashingMatching = await system.start('matching-service', { HAKI_FAULT_POINT: 'matching.after-reserve' });
    const crashingNotification = await system.start('notification-service', {
      HAKI_FAULT_POINT: 'notification.after-send',
      JOB_LOCK_MS: '3000',
    });

    const { referralId } = await system.submitReferral(TURKANA_POSTMORTEM);

    expect((await crashingMatching.exited).signal).toBe('SIGKILL');
    await system.start('matching-service');
    expect((await crashingNotification.exited).signal).toBe('SIGKILL');
    await system.start('notification-service', { JOB_LOCK_MS: '3000' });

    const kase = await eventually(
      async () => {
        const current = await system.getCase(referralId);
        expect(current.timeline.map((entry) => entry.type)).toContain('notification.dispatched');
        return current;
      },
      { timeoutMs: 60_000 },
    );
    // Give any duplicate a moment to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await system.getCase(referralId);
    expect(final.timeline.map((entry) => entry.type)).toEqual(['referral.submitted', 'assignment.offered', 'notification.dispatched']);
    expect(kase.status).toBe('offered');

    const matching = await system.db('matching-service');
    const slots = await matching.collection('capacity_slots').find({ referralId }).toArray();
    expect(slots.map((slot) => slot['professionalId'])).toEqual(['pro-eld-path-1']);
    const offers = (await matching.collection('matching_referrals').findOne({ _id: referralId as never }))!['offers'] as unknown[];
    expect(offers).toHaveLength(1);

    const notification = await system.db('notification-service');
    expect(await notification.collection('recorded_messages').countDocuments()).toBe(1);
    expect(await notification.collection('notifications').countDocuments({ status: 'sent' })).toBe(1);
  });
});
