import { useTestDatabase } from '@haki/testing';
import {
  capacitySlotsModel,
  openCasesByProfessional,
  releaseCapacity,
  releaseSlotsExcept,
  reserveCapacity,
  type CapacitySlots,
} from './capacity';

describe('capacity slots on the real database', () => {
  const database = useTestDatabase('capacity');
  let slots: CapacitySlots;
  const advocate = { _id: 'pro-nbo-adv-1', capacity: 3 };

  beforeEach(async () => {
    slots = await capacitySlotsModel(database());
  });

  it('never goes over capacity when many referrals reserve the same professional at once', async () => {
    const referralIds = Array.from({ length: 25 }, (_, i) => `ref-${i}`);
    const results = await Promise.all(referralIds.map((id) => reserveCapacity(slots, advocate, id)));
    const winners = referralIds.filter((_, i) => results[i]);
    expect(winners).toHaveLength(3);
    const held = await slots.find({ professionalId: advocate._id }).lean();
    expect(held.map((slot) => slot.referralId).sort()).toEqual(winners.sort());
    expect((await openCasesByProfessional(slots)).get(advocate._id)).toBe(3);
  });

  it('gives a referral that retries, even concurrently, the one slot it holds', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => reserveCapacity(slots, advocate, 'ref-a')));
    expect(results).toEqual([true, true, true, true, true]);
    expect(await slots.countDocuments({ professionalId: advocate._id })).toBe(1);
  });

  it('frees a slot exactly once and lets the next referral take it', async () => {
    for (const id of ['ref-a', 'ref-b', 'ref-c']) await reserveCapacity(slots, advocate, id);
    expect(await reserveCapacity(slots, advocate, 'ref-d')).toBe(false);
    await releaseCapacity(slots, advocate._id, 'ref-b');
    await releaseCapacity(slots, advocate._id, 'ref-b');
    expect((await openCasesByProfessional(slots)).get(advocate._id)).toBe(2);
    expect(await reserveCapacity(slots, advocate, 'ref-d')).toBe(true);
    expect(await reserveCapacity(slots, advocate, 'ref-e')).toBe(false);
  });

  it('frees the slots a crashed attempt left with someone the retry did not offer', async () => {
    const clinician = { _id: 'pro-nbo-clin-1', capacity: 2 };
    await reserveCapacity(slots, advocate, 'ref-x');
    await reserveCapacity(slots, clinician, 'ref-x');
    await reserveCapacity(slots, advocate, 'ref-other');
    await releaseSlotsExcept(slots, 'ref-x', [clinician._id]);
    expect((await slots.find({ referralId: 'ref-x' }).lean()).map((s) => s.professionalId)).toEqual([clinician._id]);
    await releaseSlotsExcept(slots, 'ref-x', []);
    expect(await slots.countDocuments({ referralId: 'ref-x' })).toBe(0);
    expect(await slots.countDocuments({ referralId: 'ref-other' })).toBe(1);
  });
});
