/**
 * Key rotation for intake (`npm run keys:reseal`): referrals' sealed PII (and the request kept for amendments) sealed again with
 * PII_ACTIVE_KEY_ID, and the bare SHA-256 request hashes of referrals from before keyed fingerprints
 * removed (they could confirm a guessed referral; their idempotency keys belong to no account, so no
 * retry can match them any more).
 */
import { resealCollection } from '@haki/platform-config';
import { runResealCommand } from '@haki/platform-runtime';

void runResealCommand('PII', async (mongo, sealer) => {
  const referrals = mongo.collection('referrals');
  const sealed = await resealCollection(referrals, 'sealed', sealer);
  const requests = await resealCollection(referrals, 'sealedRequest', sealer);
  const { modifiedCount } = await referrals.updateMany({ requestHash: { $not: /:/ } }, { $set: { requestHash: 'retired:' } });
  const resealed = `${sealed.resealed} referrals and ${requests.resealed} kept requests resealed`;
  return `intake: ${resealed}, ${sealed.skipped + requests.skipped} changed meanwhile, ${modifiedCount} bare request hashes removed`;
});
