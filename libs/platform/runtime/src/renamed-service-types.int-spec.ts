import { useTestDatabase } from '@haki/testing';
import { renameStoredServiceTypes } from './renamed-service-types';

describe('service types stored under an old name', () => {
  const database = useTestDatabase('renames');

  it('take their new name once per database, nested fields included', async () => {
    const connection = database();
    const referrals = connection.db!.collection<{ _id: string; serviceType: string; facts?: { serviceType: string } }>('referrals');
    await referrals.insertMany([
      { _id: 'r1', serviceType: 'detention-medical', facts: { serviceType: 'detention-medical' } },
      { _id: 'r2', serviceType: 'postmortem', facts: { serviceType: 'postmortem' } },
    ]);
    expect(await renameStoredServiceTypes(connection, { referrals: ['serviceType', 'facts.serviceType'] })).toBe(2);
    expect(await referrals.find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 'r1', serviceType: 'medical-care', facts: { serviceType: 'medical-care' } },
      { _id: 'r2', serviceType: 'postmortem', facts: { serviceType: 'postmortem' } },
    ]);
    // Done once: a later start does not read the collections again.
    await referrals.insertOne({ _id: 'r3', serviceType: 'detention-medical' });
    expect(await renameStoredServiceTypes(connection, { referrals: ['serviceType'] })).toBe(0);
    expect((await referrals.findOne({ _id: 'r3' }))!.serviceType).toBe('detention-medical');
  });
});
