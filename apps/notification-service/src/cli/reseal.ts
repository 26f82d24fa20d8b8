/**
 * Key rotation for notification (`npm run keys:reseal`): volunteers' sealed contact details sealed
 * again with CONTACT_ACTIVE_KEY_ID, and each phone's lookup entry moved to its fingerprint under that
 * key (entries under older keys deleted), so the old key can then be removed from CONTACT_KEYS. The
 * sealed SMS of phone intake (inbound, and messages to referrers) are sealed again too.
 */
import { resealCollection, type SealedValue } from '@haki/platform-config';
import { runResealCommand } from '@haki/platform-runtime';
import { toE164 } from '@haki/vocabulary';

void runResealCommand('CONTACT', async (mongo, sealer) => {
  const contacts = mongo.collection<{ _id: string; sealed?: SealedValue }>('contacts');
  const phones = mongo.collection<{ _id: string; professionalId: string }>('contact_phones');
  const sealed = await resealCollection(contacts, 'sealed', sealer);
  let moved = 0;
  for await (const contact of contacts.find({ sealed: { $exists: true } })) {
    const number = toE164(sealer.open<{ phone: string }>(contact.sealed!, contact._id).phone);
    if (!number) continue;
    const [current, ...older] = sealer.fingerprints(number);
    await phones.replaceOne({ _id: current! }, { professionalId: contact._id }, { upsert: true });
    moved += (await phones.deleteMany({ _id: { $in: older }, professionalId: contact._id })).deletedCount;
  }
  const inbound = await resealCollection(mongo.collection('inbound_messages'), 'sealed', sealer);
  const toReferrers = await resealCollection(mongo.collection('referrer_messages'), 'message', sealer);
  return (
    `notification: ${sealed.resealed} contacts resealed, ${sealed.skipped} changed meanwhile, ${moved} phone entries moved; ` +
    `${inbound.resealed} inbound and ${toReferrers.resealed} referrer SMS resealed`
  );
});
