/**
 * Key rotation for notification (`npm run keys:reseal`): volunteers' sealed contact details sealed
 * again with CONTACT_ACTIVE_KEY_ID, and each phone's lookup entry moved to its fingerprint under that
 * key (entries under older keys deleted), so the old key can then be removed from CONTACT_KEYS.
 */
import { z } from 'zod';
import { activeKeyCheck, env, loadConfigOrExit, resealCollection, Sealer, type SealedValue } from '@haki/platform-config';
import { connectMongo } from '@haki/platform-runtime';
import { toE164 } from '../contacts/phone-number';

const config = loadConfigOrExit(
  z
    .object({
      MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
      MONGO_DB: z.string().min(1),
      CONTACT_KEYS: env.sealingKeys(),
      CONTACT_ACTIVE_KEY_ID: z.string().min(1),
    })
    .refine(...activeKeyCheck('CONTACT')),
);

async function main(): Promise<void> {
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  const sealer = new Sealer(config.CONTACT_KEYS, config.CONTACT_ACTIVE_KEY_ID, 'CONTACT');
  try {
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
    process.stdout.write(
      `notification: ${sealed.resealed} contacts resealed, ${sealed.skipped} changed meanwhile, ${moved} phone entries moved\n`,
    );
  } finally {
    await mongo.close();
  }
}

void main();
