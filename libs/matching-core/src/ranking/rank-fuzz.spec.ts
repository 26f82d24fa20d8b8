import fc from 'fast-check';
import { ROLES, SERVICE_TYPES } from '@haki/vocabulary';
import { compileRoster } from '../roster/compiled-roster';
import type { ProfessionalInput } from '../roster/types';
import { PLACES, pro, TUESDAY_9AM } from '../test-support/fixtures';
import { rankRole, rankRoleBruteForce, type RankedCandidate } from './rank';
import type { ReferralForMatching, RoleNeed } from './referral';
import type { RankingWeights } from './weights';

// The best-first search prunes on per-subtree summaries: bit masks of the first 31 skill and language
// codes, credential expiry per kind, county bits split at 32, penalty floors kept current as load
// changes. This property aims at exactly those: 40 codes of each, random weights, tiny leaves and
// bands, monthly caps, and reservations and releases between rankings of the same compiled roster.

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const codes = (prefix: string) => Array.from({ length: 40 }, (_, i) => `${prefix}${i}`);
const [LANGUAGES, SKILLS, CREDENTIALS] = [codes('l'), codes('s'), codes('c')];
const hubs = [PLACES.nairobi, PLACES.eldoret, PLACES.lodwar, PLACES.kalokol, PLACES.loiyangalani, PLACES.kibera, PLACES.marsabit];
const place = fc.oneof(
  fc.constantFrom(...hubs),
  fc.record({ lat: fc.double({ min: -4.6, max: 4.6, noNaN: true }), lon: fc.double({ min: 34, max: 41.5, noNaN: true }) }),
);
/** Low codes, codes past the masks' 31, or any. */
const some = (xs: string[]) =>
  fc.oneof(fc.subarray(xs.slice(0, 3), { maxLength: 2 }), fc.subarray(xs.slice(28), { maxLength: 3 }), fc.subarray(xs, { maxLength: 4 }));

const professional = (id: string): fc.Arbitrary<Partial<ProfessionalInput>> =>
  fc
    .record({
      roles: fc.subarray([...ROLES], { minLength: 1 }),
      skills: some(SKILLS),
      credentials: some(CREDENTIALS).chain((kinds) =>
        fc.tuple(
          ...kinds.map((kind) => fc.integer({ min: -3, max: 3 }).map((d) => ({ kind, expiresOn: iso(NOW + d * 24 * HOUR).slice(0, 10) }))),
        ),
      ),
      languages: some(LANGUAGES),
      homeBase: place,
      maxTravelKm: fc.constantFrom(0, 30, 200, 600, 2000),
      servesCounties: fc.subarray([1, 23, 30, 31, 32, 33, 42, 47]),
      remoteCapable: fc.boolean(),
      capacity: fc.integer({ min: 0, max: 3 }),
      openCases: fc.integer({ min: 0, max: 3 }),
      monthlyCap: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      recentAssignments: fc.array(
        fc.record({
          at: fc.integer({ min: 1, max: 400 }).map((h) => iso(NOW - h * HOUR)),
          serviceType: fc.constantFrom('postmortem', 'legal-aid'),
        }),
        { maxLength: 3 },
      ),
      stats: fc.record({
        offers: fc.constantFrom(0, 3, 10),
        accepts: fc.constantFrom(0, 3, 10),
        medianResponseMinutes: fc.constantFrom(0, 10, 60, 500),
      }),
    })
    .map((p) => ({ ...p, id, stats: { ...p.stats, accepts: Math.min(p.stats.accepts, p.stats.offers) } }));

// First in the roster and holding every code, so all 40 codes exist in each dictionary in a known order.
const padding = pro('zzz-pad', {
  roles: ['advocate'],
  skills: SKILLS,
  languages: LANGUAGES,
  credentials: CREDENTIALS.map((kind) => ({ kind, expiresOn: '2020-01-01' })),
  capacity: 0,
});
const roster = fc
  .integer({ min: 1, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => professional(`p${String(i).padStart(3, '0')}`))));
const need: fc.Arbitrary<RoleNeed> = fc.record({
  role: fc.constantFrom(...ROLES),
  skills: some(SKILLS).map((x) => x.slice(0, 2)),
  credentials: some(CREDENTIALS).map((x) => x.slice(0, 2)),
  remoteStartAllowed: fc.boolean(),
  required: fc.constant(true),
});
const referral: fc.Arbitrary<ReferralForMatching> = fc.record({
  referralId: fc.constant('r1'),
  serviceType: fc.constantFrom(...SERVICE_TYPES),
  location: fc.oneof(place, fc.record({ county: fc.integer({ min: 1, max: 47 }) })),
  urgency: fc.constantFrom('critical', 'urgent', 'normal'),
  deadline: fc.option(
    fc.integer({ min: 1, max: 72 }).map((h) => NOW + h * HOUR),
    { nil: undefined },
  ),
  language: fc.option(fc.constantFrom(...LANGUAGES.slice(0, 3), ...LANGUAGES.slice(29), 'zz'), { nil: undefined }),
});
const weight = (max: number) => fc.option(fc.oneof(fc.constant(0), fc.double({ min: 0, max, noNaN: true })), { nil: undefined });
const prior = fc.option(fc.double({ min: 0.1, max: 5, noNaN: true }), { nil: undefined });
const weights: fc.Arbitrary<Partial<RankingWeights>> = fc
  .record({
    travelPerMinute: weight(3),
    waitPerMinute: weight(3),
    fullLoad: weight(500),
    languageMismatch: weight(300),
    declineRisk: weight(500),
    responsePerMinute: weight(2),
    remoteStartMinutes: weight(120),
    remoteTravelShare: weight(1),
    perRecentAssignment: weight(50),
    postmortemCooldown: weight(300),
    acceptPriorAccepts: prior,
    acceptPriorDeclines: prior,
  })
  .map((w) => Object.fromEntries(Object.entries(w).filter(([, v]) => v !== undefined)));
const scores = (list: RankedCandidate[]) => list.map((c) => [c.professionalId, c.score]);

describe('ranking under fuzzed summaries', () => {
  it('property: the best-first ranking equals brute force, also after reservations and releases on the same roster', () => {
    fc.assert(
      fc.property(
        roster,
        referral,
        need,
        weights,
        fc.record({ k: fc.integer({ min: 1, max: 12 }), nodeSize: fc.constantFrom(2, 3, 8), ignoreTravelPreference: fc.boolean() }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 6 }),
        (pros, ref, role, w, { k, nodeSize, ignoreTravelPreference }, moves) => {
          const compiled = compileRoster([padding, ...pros.map((p) => pro(p.id!, p))], { nodeSize, membersPerBand: nodeSize });
          const options = { k, weights: w, ignoreTravelPreference };
          const same = () =>
            expect(scores(rankRole(compiled, ref, role, NOW, options))).toEqual(
              scores(rankRoleBruteForce(compiled, ref, role, NOW, options)),
            );
          same();
          for (const [who, reserve] of moves) {
            const i = who % compiled.size;
            if (reserve) compiled.tryReserve(compiled.ids[i]!);
            else if ((compiled.openCases[i] as number) > 0) compiled.release(compiled.ids[i]!);
            same();
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('refuses weights that would divide 0 by 0: both acceptance priors 0, or no cooldown', () => {
    const compiled = compileRoster([
      pro('a', { roles: ['advocate'] }),
      pro('b', { roles: ['advocate'], stats: { offers: 0, accepts: 0, medianResponseMinutes: 10 } }),
    ]);
    const ref: ReferralForMatching = { referralId: 'r', serviceType: 'legal-aid', location: PLACES.nairobi, urgency: 'urgent' };
    const advocate: RoleNeed = { role: 'advocate', skills: [], credentials: [], remoteStartAllowed: false, required: true };
    expect(() => rankRole(compiled, ref, advocate, NOW, { weights: { acceptPriorAccepts: 0, acceptPriorDeclines: 0 } })).toThrow(
      /must not both be 0/,
    );
    expect(() => rankRole(compiled, ref, advocate, NOW, { weights: { cooldownHours: 0 } })).toThrow(/cooldownHours must be above 0/);
    expect(rankRole(compiled, ref, advocate, NOW, { weights: { acceptPriorAccepts: 0 } }).map((c) => c.professionalId)).toEqual(['a', 'b']);
  });
});
