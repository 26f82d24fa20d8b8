import type { Connection } from 'mongoose';
import { z } from 'zod';
import { activeKeyCheck, env, loadConfigOrExit, Sealer } from '@haki/platform-config';
import { connectMongo } from './mongo';

/**
 * The frame of a `npm run keys:reseal` command: MONGO_URL, MONGO_DB and `<prefix>_KEYS` /
 * `<prefix>_ACTIVE_KEY_ID` from the environment, a connection and the sealer for them; `work` does the
 * re-sealing and returns the line to print.
 */
export async function runResealCommand(
  prefix: 'PII' | 'CONTACT' | 'ACCOUNT',
  work: (mongo: Connection, sealer: Sealer) => Promise<string>,
): Promise<void> {
  const config = loadConfigOrExit(
    z
      .object({
        MONGO_URL: env.url(['mongodb', 'mongodb+srv']),
        MONGO_DB: z.string().min(1),
        [`${prefix}_KEYS`]: env.sealingKeys(),
        [`${prefix}_ACTIVE_KEY_ID`]: z.string().min(1),
      })
      .refine(...activeKeyCheck(prefix)),
  ) as Record<string, unknown> & { MONGO_URL: string; MONGO_DB: string };
  const mongo = await connectMongo(config.MONGO_URL, config.MONGO_DB);
  try {
    const sealer = new Sealer(config[`${prefix}_KEYS`] as Map<string, Buffer>, config[`${prefix}_ACTIVE_KEY_ID`] as string, prefix);
    process.stdout.write(`${await work(mongo, sealer)}\n`);
  } finally {
    await mongo.close();
  }
}
