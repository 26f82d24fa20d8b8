import { MatchingCoreError } from '../matching-core-error';
import { compileRoster } from '../roster/compiled-roster';
import { firstNeed, PLACES, pro, TUESDAY_9AM } from '../test-support/fixtures';
import { rankRole, rankRoleBruteForce, rankTeam, whyNotEligible } from './rank';
import { prepareReferral, type ReferralForMatching, type RoleNeed } from './referral';

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const roster = compileRoster([pro('nbo', { homeBase: PLACES.nairobi }), pro('msa', { homeBase: PLACES.mombasa })]);
const pathologist = firstNeed('postmortem');
const referral: ReferralForMatching = { referralId: 'r1', serviceType: 'postmortem', location: PLACES.nairobi, urgency: 'urgent' };
const withField = (fields: Record<string, unknown>) => ({ ...referral, ...fields }) as ReferralForMatching;

/** Every entry point that ranks rejects the input with the same coded error. */
function expectEveryRankingToThrow(
  input: { referral?: ReferralForMatching; need?: RoleNeed; now?: unknown; k?: unknown },
  message: RegExp,
): void {
  const ref = input.referral ?? referral;
  const need = input.need ?? pathologist;
  const now = (input.now ?? NOW) as number;
  const options = input.k === undefined ? {} : { k: input.k as number };
  for (const run of [
    () => rankRole(roster, ref, need, now, options),
    () => rankRoleBruteForce(roster, ref, need, now, options),
    () => whyNotEligible(roster, ref, need, 'nbo', now, options),
    () => whyNotEligible(roster, ref, need, 'not-on-the-roster', now, options),
  ]) {
    expect(run).toThrow(MatchingCoreError);
    expect(run).toThrow(message);
  }
}

describe('ranking inputs: checked on every call, in O(1)', () => {
  it('the valid referral ranks (control)', () => {
    expect(rankRole(roster, referral, pathologist, NOW).map((c) => c.professionalId)).toEqual(['nbo', 'msa']);
  });

  it('rejects a NaN location (it gave an empty list), naming the field', () => {
    const nan = withField({ location: { lat: Number.NaN, lon: 36.8 } });
    expectEveryRankingToThrow({ referral: nan }, /MATCHING\.INVALID_REFERRAL: referral r1: location\.lat .*NaN/);
    expect(() => rankTeam(roster, nan, NOW)).toThrow(/INVALID_REFERRAL: referral r1: location\.lat/);
    expect(() => prepareReferral(nan)).toThrow(/INVALID_REFERRAL/);
  });

  it('rejects a site outside Kenya, or infinite coordinates', () => {
    expectEveryRankingToThrow(
      { referral: withField({ location: { lat: 0.3476, lon: 32.5825 } }) },
      /INVALID_REFERRAL: referral r1: location\.lon 32\.5825 is outside Kenya \(33 to 42\.5\)/,
    );
    expectEveryRankingToThrow(
      { referral: withField({ location: { lat: -1.28, lon: Infinity } }) },
      /INVALID_REFERRAL: referral r1: location\.lon/,
    );
  });

  it('rejects an unparseable deadline (it silently switched the deadline filter off)', () => {
    expectEveryRankingToThrow({ referral: withField({ deadline: 'tomorrow' }) }, /MATCHING\.INVALID_DEADLINE: deadline "tomorrow"/);
    expectEveryRankingToThrow(
      { referral: withField({ deadline: Number.NaN }) },
      /MATCHING\.INVALID_DEADLINE: deadline NaN is not a finite epoch ms/,
    );
    expectEveryRankingToThrow({ referral: withField({ deadline: Infinity }) }, /MATCHING\.INVALID_DEADLINE/);
    // Without a zone, Date.parse reads the machine's local time: ambiguous, so rejected.
    expectEveryRankingToThrow(
      { referral: withField({ deadline: '2025-03-04T18:00:00' }) },
      /INVALID_DEADLINE: deadline "2025-03-04T18:00:00" is not an ISO 8601/,
    );
    // A real deadline still filters: Mombasa cannot reach Nairobi in 2 hours.
    const ids = rankRole(roster, withField({ deadline: new Date(NOW + 2 * HOUR).toISOString() }), pathologist, NOW).map(
      (c) => c.professionalId,
    );
    expect(ids).toEqual(['nbo']);
  });

  it('rejects other malformed referral fields, naming them', () => {
    expectEveryRankingToThrow({ referral: withField({ urgency: 'whenever' }) }, /INVALID_REFERRAL: referral r1: urgency/);
    expectEveryRankingToThrow({ referral: withField({ referralId: '' }) }, /INVALID_REFERRAL: referral \(no id\): referralId/);
    expectEveryRankingToThrow({ referral: withField({ location: { county: 2.5 } }) }, /INVALID_REFERRAL: referral r1: location\.county/);
    expectEveryRankingToThrow({ referral: withField({ implicated: 'police:lodwar' }) }, /INVALID_REFERRAL: referral r1: implicated/);
  });

  it('rejects a clock that is not an instant', () => {
    expectEveryRankingToThrow({ now: Number.NaN }, /MATCHING\.INVALID_NOW: now NaN is not a finite epoch ms/);
    expectEveryRankingToThrow({ now: 'soon' }, /MATCHING\.INVALID_NOW: now "soon"/);
    expectEveryRankingToThrow({ now: new Date(Number.NaN) }, /MATCHING\.INVALID_NOW: now an invalid Date/);
    expect(rankRole(roster, referral, pathologist, new Date(NOW)).length).toBe(2);
  });

  it('rejects a malformed role need (an unknown role matched nobody)', () => {
    const surgeon = { ...pathologist, role: 'surgeon' } as unknown as RoleNeed;
    expectEveryRankingToThrow({ need: surgeon }, /MATCHING\.INVALID_REFERRAL: role need: role/);
    const noSkills = { ...pathologist, skills: undefined } as unknown as RoleNeed;
    expectEveryRankingToThrow({ need: noSkills }, /INVALID_REFERRAL: role need: skills/);
  });

  it('rejects a list length that is not a whole number ≥ 0; a huge one is capped at the roster size', () => {
    for (const k of [Number.NaN, -1, 1.5, Infinity, '3'])
      expectEveryRankingToThrow({ k }, /MATCHING\.INVALID_RANK_OPTION: k .* must be a whole number ≥ 0/);
    expect(rankRole(roster, referral, pathologist, NOW, { k: 2 ** 40 }).length).toBe(2);
    expect(rankRole(roster, referral, pathologist, NOW, { k: 0 })).toEqual([]);
  });

  it('re-checks a prepared referral in O(1): a hand-built NaN deadline or site is rejected', () => {
    const prepared = prepareReferral(referral);
    expect(rankRole(roster, prepared, pathologist, NOW).length).toBe(2);
    expect(() => rankRole(roster, { ...prepared, deadlineMs: Number.NaN }, pathologist, NOW)).toThrow(
      /INVALID_DEADLINE: prepared referral/,
    );
    const abroad = { ...prepared, site: { ...prepared.site, point: { lat: Number.NaN, lon: 36.8 } } };
    expect(() => rankRole(roster, abroad, pathologist, NOW)).toThrow(/INVALID_REFERRAL: prepared referral: site\.point\.lat/);
  });
});
