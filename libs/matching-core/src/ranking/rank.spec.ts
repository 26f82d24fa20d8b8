import fc from 'fast-check';
import { COUNTIES } from '@haki/geography';
import { compileRoster } from '../roster/compiled-roster';
import { ROLES, SERVICE_TYPES } from '@haki/vocabulary';
import { WEEKDAYS, type ProfessionalInput } from '../roster/types';
import { firstNeed, PLACES, pro, TUESDAY_9AM } from '../test-support/fixtures';
import { rankRole, rankRoleBruteForce, rankTeam, whyNotEligible, type RankedCandidate } from './rank';
import { ISTANBUL_PROTOCOL, parseReferral, PRACTISING_CERTIFICATE, roleNeedsFor, type ReferralForMatching } from './referral';

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
// Lake Turkana's shores are hubs too: the road floor that stops the search must hold where the
// straight line crosses water and the road goes round.
const hubs = [PLACES.nairobi, PLACES.eldoret, PLACES.kisumu, PLACES.lodwar, PLACES.mombasa, PLACES.kalokol, PLACES.loiyangalani];

// Most professionals cluster on a few towns (often on the exact same point, to force score ties),
// the rest anywhere in Kenya's bounding box.
const place = fc.oneof(
  fc.constantFrom(...hubs),
  fc.record({ lat: fc.double({ min: -4.6, max: 4.6, noNaN: true }), lon: fc.double({ min: 34, max: 41.5, noNaN: true }) }),
);

const professional = (id: string): fc.Arbitrary<ProfessionalInput> =>
  fc
    .record({
      id: fc.constant(id),
      roles: fc.subarray([...ROLES], { minLength: 1 }),
      skills: fc.subarray(['paediatric', 'sexual-violence']),
      credentials: fc
        .subarray([PRACTISING_CERTIFICATE, ISTANBUL_PROTOCOL])
        .chain((kinds) =>
          fc.tuple(
            ...kinds.map((kind) =>
              fc.integer({ min: -3, max: 30 }).map((days) => ({ kind, expiresOn: iso(NOW + days * 24 * HOUR).slice(0, 10) })),
            ),
          ),
        ),
      languages: fc.subarray(['sw', 'en', 'tuv']),
      homeBase: place,
      maxTravelKm: fc.constantFrom(30, 200, 2000),
      servesCounties: fc.subarray([23, 27, 42, 47]),
      remoteCapable: fc.boolean(),
      schedule: fc.option(
        fc.array(
          fc.record({ day: fc.constantFrom(...WEEKDAYS), from: fc.constantFrom('06:00', '18:00'), to: fc.constantFrom('08:00', '23:00') }),
          { minLength: 1, maxLength: 3 },
        ),
        { nil: undefined },
      ),
      timeOff: fc.array(
        fc.integer({ min: -48, max: 48 }).map((h) => ({ from: iso(NOW + h * HOUR), to: iso(NOW + (h + 12) * HOUR) })),
        { maxLength: 1 },
      ),
      capacity: fc.integer({ min: 0, max: 3 }),
      openCases: fc.integer({ min: 0, max: 3 }),
      recentAssignments: fc.array(
        fc.record({
          at: fc.integer({ min: 1, max: 400 }).map((h) => iso(NOW - h * HOUR)),
          serviceType: fc.constantFrom('postmortem', 'legal-aid'),
        }),
        { maxLength: 3 },
      ),
      stats: fc.record({
        offers: fc.constantFrom(0, 10),
        accepts: fc.constantFrom(0, 5, 10),
        medianResponseMinutes: fc.constantFrom(10, 60),
      }),
      conflicts: fc.subarray(['police:lodwar', 'agency:kdf']),
    })
    .map((p) => ({ ...p, stats: { ...p.stats, accepts: Math.min(p.stats.accepts, p.stats.offers) } }));

const roster = fc
  .integer({ min: 0, max: 60 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => professional(`p${String(i).padStart(3, '0')}`))));

const referral: fc.Arbitrary<ReferralForMatching> = fc.record({
  referralId: fc.constant('r1'),
  serviceType: fc.constantFrom(...SERVICE_TYPES),
  location: fc.oneof(place, fc.record({ county: fc.integer({ min: 1, max: 47 }) })),
  urgency: fc.constantFrom('critical', 'urgent', 'normal'),
  deadline: fc.option(
    fc.integer({ min: 1, max: 72 }).map((h) => NOW + h * HOUR),
    { nil: undefined },
  ),
  language: fc.option(fc.constantFrom('sw', 'tuv', 'fr'), { nil: undefined }),
  implicated: fc.subarray(['police:lodwar', 'agency:kdf']),
});

const options = fc.record({
  k: fc.integer({ min: 1, max: 12 }),
  excludeCount: fc.integer({ min: 0, max: 5 }),
  ignoreTravelPreference: fc.boolean(),
  ignoreCapacity: fc.boolean(),
});

describe('ranking', () => {
  it('property: the kd-tree ranking equals the brute-force ranking, and contributions sum to the score', () => {
    fc.assert(
      fc.property(roster, referral, options, fc.constantFrom(1, 2, 8, 64), (pros, ref, opt, nodeSize) => {
        const compiled = compileRoster(
          pros.map((p) => pro(p.id, p)),
          { nodeSize, membersPerBand: nodeSize },
        );
        const rankOptions = {
          k: opt.k,
          ignoreTravelPreference: opt.ignoreTravelPreference,
          ignoreCapacity: opt.ignoreCapacity,
          exclude: pros.slice(0, opt.excludeCount).map((p) => p.id),
        };
        for (const need of roleNeedsFor(ref.serviceType)) {
          const indexed = rankRole(compiled, ref, need, NOW, rankOptions);
          expect(indexed).toEqual(rankRoleBruteForce(compiled, ref, need, NOW, rankOptions));
          for (const c of indexed) {
            expect(c.factors.reduce((sum, f) => sum + f.contribution, 0)).toBe(c.score);
            expect(Number.isInteger(c.score)).toBe(true);
            expect(rankOptions.exclude).not.toContain(c.professionalId);
            expect(whyNotEligible(compiled, ref, need, c.professionalId, NOW, rankOptions)).toBeNull();
          }
          // Sorted by (score, id) and never longer than k.
          expect(indexed.length).toBeLessThanOrEqual(opt.k);
          for (let i = 1; i < indexed.length; i++) {
            const [a, b] = [indexed[i - 1], indexed[i]] as [RankedCandidate, RankedCandidate];
            expect(a.score < b.score || (a.score === b.score && a.professionalId < b.professionalId)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: indexed equals brute force when ties are everywhere (identical volunteers, small k)', () => {
    // Same attributes, only the place differs: lists fill up fast and equal scores sit on the cutoff,
    // which is where a wrong pruning bound or tie-break would show.
    const sameButPlace = fc.array(
      fc.oneof(fc.constantFrom(...hubs), fc.constantFrom(PLACES.westlands, PLACES.kibera, PLACES.kasarani), place),
      { minLength: 1, maxLength: 150 },
    );
    fc.assert(
      fc.property(
        sameButPlace,
        referral,
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.constantFrom(1, 4, 64),
        (places, ref, k, travelOnly, nodeSize) => {
          const stats = (i: number) => ({ offers: 10, accepts: i % 11, medianResponseMinutes: 10 + (i % 3) * 30 });
          const compiled = compileRoster(
            places.map((homeBase, i) =>
              pro(`q${i}`, {
                homeBase,
                roles: [...ROLES],
                remoteCapable: i % 2 === 0,
                maxTravelKm: 5000,
                stats: travelOnly ? undefined : stats(i),
              }),
            ),
            { nodeSize, membersPerBand: nodeSize },
          );
          // travelOnly: every other weight zero, so scores equal the travel term exactly (ties at the cutoff).
          const weights = travelOnly ? { declineRisk: 0, responsePerMinute: 0, fullLoad: 0, languageMismatch: 0, waitPerMinute: 0 } : {};
          for (const need of roleNeedsFor(ref.serviceType)) {
            expect(rankRole(compiled, ref, need, NOW, { k, weights })).toEqual(
              rankRoleBruteForce(compiled, ref, need, NOW, { k, weights }),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  const site: ReferralForMatching = {
    referralId: 'r',
    serviceType: 'postmortem',
    location: PLACES.nakuru,
    urgency: 'critical',
    deadline: NOW + 6 * HOUR,
    implicated: ['police:nakuru-central'],
  };
  const pathologist = firstNeed('postmortem');

  it.each([
    ['role', { roles: ['advocate'] }],
    ['capacity', { capacity: 2, openCases: 2 }],
    ['credential', { credentials: [{ kind: PRACTISING_CERTIFICATE, expiresOn: '2025-03-03' }] }],
    ['credential', { credentials: [] }],
    ['on-leave', { timeOff: [{ from: iso(NOW - HOUR), to: iso(NOW + 24 * HOUR) }] }],
    ['conflict', { conflicts: ['police:nakuru-central'] }],
    [
      'monthly-cap',
      {
        monthlyCap: 2,
        recentAssignments: [
          { at: '2025-03-01T08:00:00+03:00', serviceType: 'legal-aid' },
          { at: '2025-03-03T08:00:00+03:00', serviceType: 'legal-aid' },
        ],
      },
    ],
    ['travel-preference', { maxTravelKm: 50 }],
    ['deadline', { homeBase: PLACES.mombasa }],
    ['deadline', { schedule: [{ day: 'sat', from: '08:00', to: '12:00' }] }],
  ] as const)('excludes for %s', (reason, overrides) => {
    const compiled = compileRoster([pro('x', overrides as Partial<ProfessionalInput>)]);
    expect(whyNotEligible(compiled, site, pathologist, 'x', NOW)).toBe(reason);
    expect(rankRole(compiled, site, pathologist, NOW)).toEqual([]);
  });

  it('counts the monthly cap in the Nairobi calendar month: last month does not count', () => {
    const lastMonth = { at: '2025-02-28T23:30:00+03:00', serviceType: 'legal-aid' };
    const compiled = compileRoster([
      pro('x', { monthlyCap: 2, recentAssignments: [lastMonth, lastMonth, { ...lastMonth, at: iso(NOW - HOUR) }] }),
    ]);
    expect(whyNotEligible(compiled, site, pathologist, 'x', NOW)).toBeNull();
  });

  it('credential valid through its expiry day; serving the county overrides the travel distance', () => {
    const compiled = compileRoster([
      pro('today', { credentials: [{ kind: PRACTISING_CERTIFICATE, expiresOn: '2025-03-04' }] }),
      pro('serves', { maxTravelKm: 10, servesCounties: [32] }),
    ]);
    expect(
      rankRole(compiled, site, pathologist, NOW)
        .map((c) => c.professionalId)
        .sort(),
    ).toEqual(['serves', 'today']);
    expect(whyNotEligible(compiled, site, pathologist, 'ghost', NOW)).toBe('not-in-roster');
    expect(whyNotEligible(compiled, site, pathologist, 'today', NOW, { exclude: ['today'] })).toBe('already-offered');
  });

  it('prefers closer, less loaded, rested, same-language volunteers and explains why', () => {
    const compiled = compileRoster([
      pro('near-busy', {
        homeBase: PLACES.nakuru,
        openCases: 2,
        recentAssignments: [{ at: iso(NOW - 10 * HOUR), serviceType: 'postmortem' }],
      }),
      pro('near-free', { homeBase: PLACES.nakuru }),
      pro('far-free', { homeBase: PLACES.eldoret }),
    ]);
    const [first, second, third] = rankRole(compiled, { ...site, language: 'sw' }, pathologist, NOW);
    expect([first?.professionalId, second?.professionalId, third?.professionalId]).toEqual(['near-free', 'far-free', 'near-busy']);
    expect(third?.summary).toMatch(/2 of 3 cases open/);
    expect(third?.factors.find((f) => f.name === 'cooldown')?.text).toBe('did a postmortem 10 h ago (72 h cooldown)');
    expect(second?.factors.find((f) => f.name === 'travel')?.text).toMatch(/^\d h( \d+ min)? by road from Eldoret \(≈\d+ km\)$/);
  });

  it('breaks ties by professional id, deterministically', () => {
    const compiled = compileRoster(['c', 'a', 'b'].map((id) => pro(id)));
    const ranked = rankRole(compiled, site, pathologist, NOW);
    expect(ranked.map((c) => c.professionalId)).toEqual(['a', 'b', 'c']);
    expect(new Set(ranked.map((c) => c.score)).size).toBe(1);
  });

  it('team referrals: one list per role and no person proposed for two roles', () => {
    const both = { roles: ['clinician', 'psychologist', 'advocate'] as const, homeBase: PLACES.nakuru };
    const compiled = compileRoster([
      pro('all-rounder', { ...both, roles: [...both.roles] }),
      pro('clin', { roles: ['clinician'] }),
      pro('adv', { roles: ['advocate'] }),
    ]);
    const team = rankTeam(compiled, { ...site, serviceType: 'torture-documentation' }, NOW);
    expect(team.roles.map((r) => r.need.role)).toEqual(['clinician', 'psychologist', 'advocate']);
    expect(team.roles[0]?.candidates[0]?.professionalId).toBe('all-rounder');
    // The psychologist list has only the all-rounder, so that role chooses first.
    expect(team.proposal).toEqual({ psychologist: 'all-rounder', clinician: 'clin', advocate: 'adv' });
  });

  it('remote-capable volunteers can start by phone where the role allows it', () => {
    const compiled = compileRoster([pro('remote', { roles: ['advocate'], remoteCapable: true }), pro('onsite', { roles: ['advocate'] })]);
    const legalAid: ReferralForMatching = { ...site, serviceType: 'legal-aid', location: PLACES.lodwar, deadline: NOW + 3 * HOUR };
    const ranked = rankRole(compiled, legalAid, firstNeed('legal-aid'), NOW);
    expect(ranked.map((c) => c.professionalId)).toEqual(['remote']);
    expect(ranked[0]?.factors[0]?.text).toMatch(/^can start by phone in 30 min; 10 h \d+ min by road from Nairobi/);
    expect(whyNotEligible(compiled, legalAid, firstNeed('legal-aid'), 'onsite', NOW)).toBe('deadline');
  });

  it('waits through leave entered day by day (more than 8 separate entries) as through one long leave', () => {
    const tuesday6pm = NOW + 9 * HOUR; // off duty
    const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, from: '08:00', to: '17:00' }));
    const days = ['03-05', '03-06', '03-07', '03-10', '03-11', '03-12', '03-13', '03-14', '03-17'];
    const compiled = compileRoster([
      pro('daily', {
        homeBase: PLACES.nakuru,
        schedule: weekdays,
        timeOff: days.map((d) => ({ from: `2025-${d}T08:00:00+03:00`, to: `2025-${d}T17:00:00+03:00` })),
      }),
      pro('one-block', {
        homeBase: PLACES.nakuru,
        schedule: weekdays,
        timeOff: [{ from: '2025-03-05T08:00:00+03:00', to: '2025-03-17T17:00:00+03:00' }],
      }),
    ]);
    // Next free working hour: Tuesday 18 March 08:00, 326 h away, for both.
    expect(compiled.minutesUntilAvailable(0, tuesday6pm)).toBe(326 * 60);
    expect(compiled.minutesUntilAvailable(1, tuesday6pm)).toBe(326 * 60);
    const ref = { ...site, location: PLACES.nakuru, implicated: [], deadline: tuesday6pm + 30 * 24 * HOUR };
    const ranked = rankRole(compiled, ref, pathologist, tuesday6pm);
    expect(ranked.map((c) => c.professionalId)).toEqual(['daily', 'one-block']); // a tie, broken by id
    expect(ranked[0]?.score).toBe(ranked[1]?.score);
    expect(Number.isFinite(ranked[0]?.score)).toBe(true);
    expect(ranked[0]?.factors.find((f) => f.name === 'wait')?.text).toBe('available in 326 h');
    expect(whyNotEligible(compiled, ref, pathologist, 'daily', tuesday6pm)).toBeNull();
  });

  it('counts a leave that ends before the deadline as wait, and excludes one that keeps them away past it', () => {
    const back = (hours: number) =>
      pro('back', { homeBase: PLACES.nakuru, timeOff: [{ from: iso(NOW - HOUR), to: iso(NOW + hours * HOUR) }] });
    const nearby = { ...site, implicated: [] };
    const soon = compileRoster([back(2)]);
    const ranked = rankRole(soon, nearby, pathologist, NOW);
    expect(ranked.map((c) => c.professionalId)).toEqual(['back']);
    expect(ranked[0]?.factors.find((f) => f.name === 'wait')?.text).toBe('available in 2 h');
    expect(whyNotEligible(soon, nearby, pathologist, 'back', NOW)).toBeNull();
    // Back in 7 h for a site whose deadline is in 6 h: the leave, not the road, keeps them from it.
    expect(rankRole(compileRoster([back(7)]), nearby, pathologist, NOW)).toEqual([]);
    expect(whyNotEligible(compileRoster([back(7)]), nearby, pathologist, 'back', NOW)).toBe('on-leave');
  });

  it('excludes a professional who is never available (infinite wait) as on-leave instead of scoring Infinity', () => {
    const compiled = compileRoster([pro('never'), pro('free')]);
    // Stands in for any calendar that never frees up (e.g. leave without an end).
    jest.spyOn(compiled, 'minutesUntilAvailable').mockImplementation((i) => (compiled.ids[i] === 'never' ? Infinity : 0));
    const noDeadline = { ...site, deadline: undefined };
    expect(rankRole(compiled, noDeadline, pathologist, NOW).map((c) => c.professionalId)).toEqual(['free']);
    expect(rankRoleBruteForce(compiled, noDeadline, pathologist, NOW).map((c) => c.professionalId)).toEqual(['free']);
    expect(whyNotEligible(compiled, noDeadline, pathologist, 'never', NOW)).toBe('on-leave');
  });

  it('rejects negative or non-finite weights, naming the weight', () => {
    const compiled = compileRoster([pro('x')]);
    expect(() => rankRole(compiled, site, pathologist, NOW, { weights: { languageMismatch: -1000 } })).toThrow(
      /MATCHING\.INVALID_WEIGHT: weight languageMismatch/,
    );
    expect(() => rankRoleBruteForce(compiled, site, pathologist, NOW, { weights: { travelPerMinute: Number.NaN } })).toThrow(
      /weight travelPerMinute/,
    );
    expect(() => rankTeam(compiled, site, NOW, { weights: { declineRisk: Infinity } })).toThrow(/weight declineRisk/);
    expect(rankRole(compiled, site, pathologist, NOW, { weights: { languageMismatch: 0 } })).toHaveLength(1);
  });

  it('rejects a referral that lists the same role twice', () => {
    const clinician = { role: 'clinician', skills: [], credentials: [], remoteStartAllowed: false, required: true } as const;
    const input = { referralId: 'r', serviceType: 'torture-documentation', location: PLACES.nakuru, urgency: 'urgent' };
    expect(() => parseReferral({ ...input, roles: [clinician, { ...clinician, required: false }] })).toThrow(
      /each role may be listed only once/,
    );
    expect(parseReferral({ ...input, roles: [clinician] }).roles).toHaveLength(1);
  });

  it('validates every county code as a referral location', () => {
    const compiled = compileRoster([pro('x', { maxTravelKm: 5000 })]);
    for (const c of COUNTIES)
      expect(rankRole(compiled, { ...site, deadline: undefined, location: { county: c.code } }, pathologist, NOW)).toHaveLength(1);
  });
});
