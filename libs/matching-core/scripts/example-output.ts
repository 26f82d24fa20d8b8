// Prints the README's example: the Turkana custody-death scenario (also a table test in scenarios.spec.ts).
// Run: node -r @swc-node/register libs/matching-core/scripts/example-output.ts
import { compileRoster, rankTeam, type ReferralForMatching } from '../src/index';
import { PLACES, pro, TUESDAY_9AM } from '../src/test-support/fixtures';

const roster = compileRoster([
  pro('path-nairobi', { homeBase: PLACES.nairobi }),
  pro('path-eldoret', { homeBase: PLACES.eldoret, openCases: 1 }),
  pro('path-kisumu', { homeBase: PLACES.kisumu, stats: { offers: 12, accepts: 6, medianResponseMinutes: 45 } }),
  pro('path-kisumu-ex-police', { homeBase: PLACES.kisumu, conflicts: ['police:lodwar'] }),
]);
const referral: ReferralForMatching = {
  referralId: 'turkana-1',
  serviceType: 'postmortem',
  location: { county: 'Turkana' },
  urgency: 'critical',
  deadline: TUESDAY_9AM + 9 * 3_600_000,
  language: 'sw',
  implicated: ['police:lodwar'],
};
const [pathologists] = rankTeam(roster, referral, TUESDAY_9AM).roles;
for (const c of pathologists?.candidates ?? []) console.log(`#${c.rank} ${c.professionalId} — ${c.summary}`);
console.log(JSON.stringify(pathologists?.candidates[0], null, 2));
