/**
 * Key rotation for intake (`npm run keys:reseal`): referrals' sealed PII sealed again with
 * PII_ACTIVE_KEY_ID, and the bare SHA-256 request hashes of referrals from before keyed fingerprints
 * removed (they could confirm a guessed referral; their idempotency keys belong to no account, so no
 * retry can match them any more).
 */
import { z } from 'zod';
import { activeKeyCheck, env, loadConfigOrExit, resealCollection, Sealer } from '@haki/platform-config';
import { connectMongo } from '@haki/platform-runtime';

const config = loadConfigOrExit(
  z
    .object({
      MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
      MONGO_DB: z.string().min(1),
      PII_KEYS: env.sealingKeys(),
      PII_ACTIVE_KEY_ID: z.string().min(1),
    })
    .refine(...activeKeyCheck('PII')),
);

async function main(): Promise<void> {
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  try {
    const referrals = mongo.collection('referrals');
    const sealed = await resealCollection(referrals, 'sealed', new Sealer(config.PII_KEYS, config.PII_ACTIVE_KEY_ID));
    const { modifiedCount } = await referrals.updateMany({ requestHash: { $not: /:/ } }, { $set: { requestHash: 'retired:' } });
    process.stdout.write(
      `intake: ${sealed.resealed} referrals resealed, ${sealed.skipped} changed meanwhile, ${modifiedCount} bare request hashes removed\n`,
    );
  } finally {
    await mongo.close();
  }
}

void main();
