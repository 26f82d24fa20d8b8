import { randomBytes } from 'node:crypto';
import { useTestDatabase } from '@haki/testing';
import { resealCollection } from './reseal';
import { Sealer, type SealedValue } from './sealer';

describe('resealing after a key rotation, on the real database', () => {
  const database = useTestDatabase('reseal');
  const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];

  it('seals every value under an older key again with the active one, so the old key can go', async () => {
    const documents = database().collection<{ _id: string; sealed?: SealedValue }>('referrals');
    const before = new Sealer(new Map([['k1', oldKey]]), 'k1');
    const during = new Sealer(
      new Map([
        ['k1', oldKey],
        ['k2', newKey],
      ]),
      'k2',
    );
    await documents.insertMany([
      { _id: 'ref-1', sealed: before.seal({ name: 'Ekai Lokwang' }, 'ref-1') },
      { _id: 'ref-2', sealed: before.seal({ name: 'Amina Hussein' }, 'ref-2') },
      { _id: 'ref-3', sealed: during.seal({ name: 'Otieno Ouma' }, 'ref-3') },
      { _id: 'ref-4' },
    ]);

    expect(await resealCollection(documents, 'sealed', during)).toEqual({ resealed: 2, skipped: 0 });
    expect(await resealCollection(documents, 'sealed', during)).toEqual({ resealed: 0, skipped: 0 });

    const after = new Sealer(new Map([['k2', newKey]]), 'k2'); // the old key removed
    const opened = await Promise.all(
      ['ref-1', 'ref-2', 'ref-3'].map(async (id) => after.open<{ name: string }>((await documents.findOne({ _id: id }))!.sealed!, id).name),
    );
    expect(opened).toEqual(['Ekai Lokwang', 'Amina Hussein', 'Otieno Ouma']);
  });
});
