import { eventually } from '@haki/testing';
import { HakiSystem, turkanaPostmortem } from './haki-system';

/**
 * Kills consumers with SIGKILL at the worst moments (after reserving a capacity slot but before recording
 * the offers; after sending an SMS but before recording it), restarts them, and checks that the
 * referral still ends with each offer made once, one reservation per offered volunteer and one SMS each.
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

    const { referralId } = await system.submitReferral(turkanaPostmortem());

    expect((await crashingMatching.exited).signal).toBe('SIGKILL');
    await system.start('matching-service');
    expect((await crashingNotification.exited).signal).toBe('SIGKILL');
    await system.start('notification-service', { JOB_LOCK_MS: '3000' });

    // Every offer made ends with its SMS recorded, however the crashes fell.
    const kase = await eventually(
      async () => {
        const current = await system.getCase(referralId);
        const offers = current.roles.flatMap((role) => role.offers);
        expect(offers.length).toBeGreaterThan(0);
        expect(current.timeline.filter((entry) => entry.type === 'notification.dispatched')).toHaveLength(offers.length);
        return current;
      },
      { timeoutMs: 60_000 },
    );
    // Give any duplicate a moment to show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = await system.getCase(referralId);
    const offers = final.roles.flatMap((role) => role.offers);
    expect(final.timeline.filter((entry) => entry.type === 'assignment.offered')).toHaveLength(offers.length);
    expect(final.timeline.filter((entry) => entry.type === 'notification.dispatched')).toHaveLength(offers.length);
    expect(kase.matchingStatus).toBe('offered');
    const offered = offers.map((offer) => offer.professionalId);
    expect(new Set(offered).size).toBe(offered.length); // nobody offered twice
    expect(offered).toContain('pro-eld-path-1');

    // Exactly the offered volunteers hold a slot for this referral, once each.
    const matching = await system.db('matching-service');
    const slots = await matching.collection('capacity_slots').find({ referralId }).toArray();
    expect(slots.map((slot) => slot['professionalId']).sort()).toEqual([...offered].sort());

    const notification = await system.db('notification-service');
    expect(await notification.collection('recorded_messages').countDocuments()).toBe(offers.length);
    expect(await notification.collection('notifications').countDocuments({ status: 'sent' })).toBe(offers.length);
  });
});
