/** Key rotation for the gateway (`npm run keys:reseal`): accounts' TOTP secrets sealed again with ACCOUNT_ACTIVE_KEY_ID. */
import { resealCollection } from '@haki/platform-config';
import { runResealCommand } from '@haki/platform-runtime';

void runResealCommand('ACCOUNT', async (mongo, sealer) => {
  const { resealed, skipped } = await resealCollection(mongo.collection('accounts'), 'totp', sealer);
  return `gateway: ${resealed} authenticator secrets resealed, ${skipped} changed meanwhile`;
});
