import type { Sealer, SealedValue } from './sealer';

/** The part of a MongoDB collection re-sealing uses (a mongoose connection's `collection()`). */
interface SealedCollection {
  find(filter: object, options: { projection: object }): AsyncIterable<Record<string, unknown>>;
  updateOne(filter: object, update: object): Promise<{ modifiedCount: number }>;
}

/**
 * Key rotation, second half: after a new key became active, every document whose `field` is still
 * sealed with an older key is opened and sealed again with the active one (context: the document's
 * `_id`, as everywhere). Each update is conditional on the old nonce, so a document changed meanwhile
 * is left to its writer. Scans the collection: an operator's command, never on a request path. Once
 * it reports nothing left, the old key can be removed from `*_KEYS`.
 */
export async function resealCollection(
  collection: SealedCollection,
  field: string,
  sealer: Sealer,
): Promise<{ resealed: number; skipped: number }> {
  let resealed = 0;
  let skipped = 0;
  const stale = collection.find({ [`${field}.kid`]: { $exists: true, $ne: sealer.activeKey } }, { projection: { _id: 1, [field]: 1 } });
  for await (const document of stale) {
    const id = String(document['_id']);
    const sealed = document[field] as SealedValue;
    const { modifiedCount } = await collection.updateOne(
      { _id: document['_id'], [`${field}.iv`]: sealed.iv },
      { $set: { [field]: sealer.seal(sealer.open(sealed, id), id) } },
    );
    if (modifiedCount) resealed += 1;
    else skipped += 1;
  }
  return { resealed, skipped };
}
