/** Key rotation for the gateway (`npm run keys:reseal`): accounts' TOTP secrets sealed again with ACCOUNT_ACTIVE_KEY_ID. */
import { z } from 'zod';
import { activeKeyCheck, env, loadConfigOrExit, resealCollection, Sealer } from '@haki/platform-config';
import { connectMongo } from '@haki/platform-runtime';

const config = loadConfigOrExit(
  z
    .object({
      MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
      MONGO_DB: z.string().min(1),
      ACCOUNT_KEYS: env.sealingKeys(),
      ACCOUNT_ACTIVE_KEY_ID: z.string().min(1),
    })
    .refine(...activeKeyCheck('ACCOUNT')),
);

async function main(): Promise<void> {
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  try {
    const sealer = new Sealer(config.ACCOUNT_KEYS, config.ACCOUNT_ACTIVE_KEY_ID, 'ACCOUNT');
    const { resealed, skipped } = await resealCollection(mongo.collection('accounts'), 'totp', sealer);
    process.stdout.write(`gateway: ${resealed} authenticator secrets resealed, ${skipped} changed meanwhile\n`);
  } finally {
    await mongo.close();
  }
}

void main();
