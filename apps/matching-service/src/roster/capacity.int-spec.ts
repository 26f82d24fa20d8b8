import { useTestDatabase } from '@haki/testing';
import { CapacityLedger, capacityHoldingsModel, capacitySlotsModel, openCasesByProfessional, type CapacitySlots } from './capacity';

describe('capacity slots on the real database', () => {
  const database = useTestDatabase('capacity');
  let slots: CapacitySlots;
  let ledger: CapacityLedger;
  const advocate = { _id: 'pro-nbo-adv-1', capacity: 3 };

  beforeEach(async () => {
    slots = await capacitySlotsModel(database());
    ledger = new CapacityLedger(slots, await capacityHoldingsModel(database()));
  });

  it('never goes over capacity when many referrals reserve the same professional at once', async () => {
    const referralIds = Array.from({ length: 25 }, (_, i) => `ref-${i}`);
    const results = await Promise.all(referralIds.map((id) => ledger.reserve(advocate, id)));
    const winners = referralIds.filter((_, i) => results[i]);
    expect(winners).toHaveLength(3);
    const held = await slots.find({ professionalId: advocate._id }).lean();
    expect(held.map((slot) => slot.referralId).sort()).toEqual(winners.sort());
    expect((await openCasesByProfessional(slots)).get(advocate._id)).toBe(3);
    expect((await ledger.referralsOf(advocate._id)).sort()).toEqual(winners.sort());
    for (const id of referralIds) expect(await ledger.holders(id)).toEqual(new Set(results[referralIds.indexOf(id)] ? [advocate._id] : []));
  });

  it('reserves several professionals for one referral at once, and the same slots again on a retry', async () => {
    const clinician = { _id: 'pro-nbo-clin-1', capacity: 1 };
    const pathologist = { _id: 'pro-nbo-path-1', capacity: 2 };
    await ledger.reserve(clinician, 'ref-other'); // the clinician is full
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await ledger.reserveAll([advocate, clinician, pathologist], 'ref-x')).toEqual([true, false, true]);
    }
    expect(await ledger.holders('ref-x')).toEqual(new Set([advocate._id, pathologist._id]));
    expect(await slots.countDocuments({ referralId: 'ref-x' })).toBe(2);
  });

  it('takes the next slot when another process took the first one meanwhile', async () => {
    const otherProcess = new CapacityLedger(slots, await capacityHoldingsModel(database()));
    await otherProcess.reserve(advocate, 'ref-1'); // this ledger has not seen slot #0 go
    expect(await ledger.reserveAll([advocate], 'ref-2')).toEqual([true]);
    expect((await slots.find({ professionalId: advocate._id }).lean()).map((slot) => slot.referralId).sort()).toEqual(['ref-1', 'ref-2']);
    expect(await ledger.holders('ref-2')).toEqual(new Set([advocate._id]));
  });

  it('gives a referral that retries the one slot it holds', async () => {
    for (let attempt = 0; attempt < 3; attempt++) expect(await ledger.reserve(advocate, 'ref-a')).toBe(true);
    expect(await slots.countDocuments({ professionalId: advocate._id })).toBe(1);
  });

  it('frees a slot exactly once and lets the next referral take it', async () => {
    for (const id of ['ref-a', 'ref-b', 'ref-c']) await ledger.reserve(advocate, id);
    expect(await ledger.reserve(advocate, 'ref-d')).toBe(false);
    await ledger.release(advocate._id, 'ref-b');
    await ledger.release(advocate._id, 'ref-b');
    expect((await openCasesByProfessional(slots)).get(advocate._id)).toBe(2);
    expect(await ledger.holders('ref-b')).toEqual(new Set());
    expect(await ledger.reserve(advocate, 'ref-d')).toBe(true);
    expect(await ledger.reserve(advocate, 'ref-e')).toBe(false);
  });

  it('frees the slots a crashed attempt left with someone the retry did not offer', async () => {
    const clinician = { _id: 'pro-nbo-clin-1', capacity: 2 };
    await ledger.reserve(advocate, 'ref-x');
    await ledger.reserve(clinician, 'ref-x');
    await ledger.reserve(advocate, 'ref-other');
    await ledger.releaseAllExcept('ref-x', [clinician._id]);
    expect((await slots.find({ referralId: 'ref-x' }).lean()).map((s) => s.professionalId)).toEqual([clinician._id]);
    await ledger.releaseAllExcept('ref-x', []);
    expect(await slots.countDocuments({ referralId: 'ref-x' })).toBe(0);
    expect(await ledger.holders('ref-other')).toEqual(new Set([advocate._id]));
  });
});
