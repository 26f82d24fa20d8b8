import fc from 'fast-check';
import { ROLES, SERVICE_TYPES, URGENCIES } from '@haki/vocabulary';
import { MatchingCoreError, type MatchingCoreErrorCode } from './matching-core-error';
import { decide, type MatchingEvent } from './policy/offer-machine';
import { rankRole, rankRoleBruteForce } from './ranking/rank';
import { PRACTISING_CERTIFICATE, roleNeedsFor, type ReferralForMatching, type RoleNeed } from './ranking/referral';
import { compileRoster } from './roster/compiled-roster';
import type { Professional } from './roster/types';
import { TUESDAY_9AM } from './test-support/fixtures';
import { KENYA_BOUNDS, MAX_ROSTER_COUNT } from './validation/limits';

// Property: an input made invalid in exactly one field never yields a ranking or a decision; it throws
// matching-core's coded error, naming the field. Each valid input is first shown to pass (control), so
// the corruption is what is rejected.

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** What a call did: a result, or the error it threw. */
function outcome<T>(run: () => T): { result: T } | { error: unknown } {
  try {
    return { result: run() };
  } catch (error) {
    return { error };
  }
}

function expectCoded(run: () => unknown, codes: readonly MatchingCoreErrorCode[], ...fragments: string[]): void {
  const got = outcome(run);
  expect(got).not.toHaveProperty('result'); // never a ranking or decision
  const error = (got as { error: unknown }).error;
  expect(error).toBeInstanceOf(MatchingCoreError);
  expect(codes).toContain((error as MatchingCoreError).code);
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment);
}

// ---- Values that break a rule ----
const nonFinite = fc.constantFrom(Number.NaN, Infinity, -Infinity);
const beyondInt32 = fc.double({ min: 2 ** 31, max: 1e300, noNaN: true });
const notACount = fc.oneof(
  nonFinite,
  beyondInt32,
  fc.integer({ min: -1_000_000, max: -1 }),
  fc.integer({ min: 0, max: 1_000_000 }).map((n) => n + 0.5),
  fc.constantFrom('3', null, undefined),
);
const badLat = fc.oneof(
  nonFinite,
  fc.double({ min: KENYA_BOUNDS.maxLat, max: 90, minExcluded: true, noNaN: true }),
  fc.double({ min: -90, max: KENYA_BOUNDS.minLat, maxExcluded: true, noNaN: true }),
);
const badLon = fc.oneof(
  nonFinite,
  fc.double({ min: KENYA_BOUNDS.maxLon, max: 180, minExcluded: true, noNaN: true }),
  fc.double({ min: -180, max: KENYA_BOUNDS.minLon, maxExcluded: true, noNaN: true }),
);
const badMinutes = fc.oneof(nonFinite, fc.double({ min: -1e6, max: -1e-6, noNaN: true }));
const badInstant = fc.constantFrom('yesterday', '2025-02-30T00:00:00Z', '2025-03-04T09:00:00', '', 'NaN', 1741068000000);

// ---- Valid roster entries ----
const validProfessional = (id: string): fc.Arbitrary<Professional> =>
  fc.record({
    id: fc.constant(id),
    roles: fc.subarray([...ROLES], { minLength: 1 }),
    skills: fc.subarray(['paediatric']),
    credentials: fc.constant([{ kind: PRACTISING_CERTIFICATE, expiresOn: '2026-12-31' }]),
    languages: fc.constant(['sw', 'en']),
    homeBase: fc.record({
      lat: fc.double({ min: KENYA_BOUNDS.minLat, max: KENYA_BOUNDS.maxLat, noNaN: true }),
      lon: fc.double({ min: KENYA_BOUNDS.minLon, max: KENYA_BOUNDS.maxLon, noNaN: true }),
    }),
    maxTravelKm: fc.double({ min: 0, max: 5000, noNaN: true }),
    servesCounties: fc.subarray([1, 23, 31, 32, 47]),
    remoteCapable: fc.boolean(),
    timeOff: fc.array(
      fc
        .tuple(fc.integer({ min: -96, max: 96 }), fc.integer({ min: 0, max: 96 }))
        .map(([start, hours]) => ({ from: iso(NOW + start * HOUR), to: iso(NOW + (start + hours) * HOUR) })),
      { maxLength: 2 },
    ),
    capacity: fc.integer({ min: 0, max: MAX_ROSTER_COUNT }),
    monthlyCap: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
    openCases: fc.integer({ min: 0, max: MAX_ROSTER_COUNT }),
    recentAssignments: fc.array(
      fc.record({ at: fc.integer({ min: 1, max: 400 }).map((h) => iso(NOW - h * HOUR)), serviceType: fc.constantFrom(...SERVICE_TYPES) }),
      { maxLength: 2 },
    ),
    stats: fc.integer({ min: 0, max: MAX_ROSTER_COUNT }).chain((offers) =>
      fc.record({
        offers: fc.constant(offers),
        accepts: fc.integer({ min: 0, max: offers }),
        medianResponseMinutes: fc.double({ min: 0, max: 1e6, noNaN: true }),
      }),
    ),
    conflicts: fc.subarray(['police:lodwar']),
  });

interface Corruption {
  /** The field the error must name (a prefix: "timeOff[" for an added leave entry). */
  field: string;
  apply: (p: Professional) => Professional;
}
const corrupt = (field: string, bad: fc.Arbitrary<unknown>, set: (p: Professional, bad: unknown) => object): fc.Arbitrary<Corruption> =>
  bad.map((value) => ({ field, apply: (p: Professional) => set(p, value) as Professional }));

const rosterCorruption: fc.Arbitrary<Corruption> = fc.oneof(
  corrupt('capacity', notACount, (p, v) => ({ ...p, capacity: v })),
  corrupt('openCases', notACount, (p, v) => ({ ...p, openCases: v })),
  corrupt('stats.offers', notACount, (p, v) => ({ ...p, stats: { ...p.stats, offers: v } })),
  corrupt('stats.accepts', notACount, (p, v) => ({ ...p, stats: { ...p.stats, accepts: v } })),
  // Inconsistent statistics: more acceptances than offers.
  corrupt('stats.accepts', fc.integer({ min: 1, max: 1000 }), (p, v) => {
    const offers = Math.min(p.stats.offers, MAX_ROSTER_COUNT - 1000);
    return { ...p, stats: { ...p.stats, offers, accepts: offers + (v as number) } };
  }),
  corrupt('stats.medianResponseMinutes', badMinutes, (p, v) => ({ ...p, stats: { ...p.stats, medianResponseMinutes: v } })),
  corrupt(
    'monthlyCap',
    // A cap may be any safe integer from 1 (the 2^31 limit of counts kept in typed arrays does not apply):
    // absent, or a large whole number below 2^53, is valid, so neither is a corruption.
    fc.oneof(
      notACount.filter((v) => v !== undefined && !(Number.isSafeInteger(v) && (v as number) >= 1)),
      fc.constantFrom(0, 2 ** 53),
    ),
    (p, v) => ({ ...p, monthlyCap: v }),
  ),
  corrupt('maxTravelKm', badMinutes, (p, v) => ({ ...p, maxTravelKm: v })),
  corrupt('homeBase.lat', badLat, (p, v) => ({ ...p, homeBase: { ...p.homeBase, lat: v } })),
  corrupt('homeBase.lon', badLon, (p, v) => ({ ...p, homeBase: { ...p.homeBase, lon: v } })),
  corrupt('servesCounties[', fc.constantFrom(0, 48, 1.5, Number.NaN, -1, 2 ** 40), (p, v) => ({
    ...p,
    servesCounties: [...p.servesCounties, v],
  })),
  // Leave ending before it starts (it never covered any instant, so it was ignored).
  corrupt('timeOff[', fc.tuple(fc.integer({ min: -96, max: 96 }), fc.integer({ min: 1, max: 10_000 })), (p, v) => {
    const [start, backwards] = v as [number, number];
    return { ...p, timeOff: [...p.timeOff, { from: iso(NOW + start * HOUR), to: iso(NOW + start * HOUR - backwards * 60_000) }] };
  }),
  corrupt('timeOff[', badInstant, (p, v) => ({ ...p, timeOff: [...p.timeOff, { from: v, to: iso(NOW) }] })),
  corrupt('recentAssignments[', badInstant, (p, v) => ({
    ...p,
    recentAssignments: [...p.recentAssignments, { at: v, serviceType: 'postmortem' }],
  })),
  corrupt('roles[', fc.constantFrom('surgeon', '', 3), (p, v) => ({ ...p, roles: [...p.roles, v] })),
);

const roster = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => validProfessional(`p${i}`))));

// ---- Valid referrals and the ranking call around them ----
const validReferral: fc.Arbitrary<ReferralForMatching> = fc.record({
  referralId: fc.constant('r1'),
  serviceType: fc.constantFrom(...SERVICE_TYPES),
  location: fc.oneof(
    fc.record({
      lat: fc.double({ min: KENYA_BOUNDS.minLat, max: KENYA_BOUNDS.maxLat, noNaN: true }),
      lon: fc.double({ min: KENYA_BOUNDS.minLon, max: KENYA_BOUNDS.maxLon, noNaN: true }),
    }),
    fc.record({ county: fc.integer({ min: 1, max: 47 }) }),
  ),
  urgency: fc.constantFrom(...URGENCIES),
  deadline: fc.option(
    fc.integer({ min: 1, max: 72 }).chain((h) => fc.constantFrom<number | string>(NOW + h * HOUR, iso(NOW + h * HOUR))),
    { nil: undefined },
  ),
  implicated: fc.subarray(['police:lodwar']),
});

interface Call {
  referral: ReferralForMatching;
  need: RoleNeed;
  now: unknown;
  k: unknown;
}
interface CallCorruption {
  codes: MatchingCoreErrorCode[];
  field: string;
  apply: (call: Call) => Call;
}
const corruptCall = (
  codes: MatchingCoreErrorCode[],
  field: string,
  bad: fc.Arbitrary<unknown>,
  set: (call: Call, bad: unknown) => Call,
): fc.Arbitrary<CallCorruption> => bad.map((value) => ({ codes, field, apply: (call: Call) => set(call, value) }));
const atPoint = (call: Call, key: 'lat' | 'lon', value: unknown): Call => ({
  ...call,
  referral: { ...call.referral, location: { lat: 0, lon: 37, [key]: value } as ReferralForMatching['location'] },
});

const callCorruption: fc.Arbitrary<CallCorruption> = fc.oneof(
  corruptCall(['MATCHING.INVALID_REFERRAL'], 'location.lat', badLat, (c, v) => atPoint(c, 'lat', v)),
  corruptCall(['MATCHING.INVALID_REFERRAL'], 'location.lon', badLon, (c, v) => atPoint(c, 'lon', v)),
  corruptCall(
    ['MATCHING.INVALID_DEADLINE'],
    'deadline',
    fc.oneof(nonFinite, fc.constantFrom(1e17, -1e17, 'tomorrow', '2025-02-30T09:00:00Z', '2025-03-04T18:00:00')),
    (c, v) => ({ ...c, referral: { ...c.referral, deadline: v as number } }),
  ),
  corruptCall(['MATCHING.INVALID_REFERRAL'], 'serviceType', fc.constantFrom('autopsy', '', 7), (c, v) => ({
    ...c,
    referral: { ...c.referral, serviceType: v as ReferralForMatching['serviceType'] },
  })),
  corruptCall(['MATCHING.INVALID_NOW'], 'now', fc.oneof(nonFinite, fc.constantFrom('soon', new Date(Number.NaN), 1e17, null)), (c, v) => ({
    ...c,
    now: v,
  })),
  corruptCall(['MATCHING.INVALID_RANK_OPTION'], 'k', fc.oneof(nonFinite, fc.constantFrom(-1, 2.5, '10', 2 ** 60)), (c, v) => ({
    ...c,
    k: v,
  })),
  corruptCall(['MATCHING.INVALID_REFERRAL'], 'role need: role', fc.constantFrom('surgeon', '', undefined), (c, v) => ({
    ...c,
    need: { ...c.need, role: v as RoleNeed['role'] },
  })),
);

const rank = (method: typeof rankRole, professionals: readonly Professional[], call: Call) =>
  method(compileRoster(professionals), call.referral, call.need, call.now as number, { k: call.k as number });

describe('strict inputs: properties', () => {
  it('a roster entry with one corrupted field never yields a ranking: MATCHING.INVALID_ROSTER names the professional and field', () => {
    fc.assert(
      fc.property(roster, fc.nat(), rosterCorruption, validReferral, (pros, pick, corruption, referral) => {
        const need = roleNeedsFor(referral.serviceType)[0] as RoleNeed;
        const call: Call = { referral, need, now: NOW, k: 10 };
        expect(rank(rankRole, pros, call)).toEqual(rank(rankRoleBruteForce, pros, call)); // control: the valid roster ranks
        const victim = pick % pros.length;
        const corrupted = pros.map((p, i) => (i === victim ? corruption.apply(p) : p));
        for (const method of [rankRole, rankRoleBruteForce]) {
          expectCoded(() => rank(method, corrupted, call), ['MATCHING.INVALID_ROSTER'], `professional p${victim}: ${corruption.field}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a referral, need, clock or list length with one corrupted field never yields a ranking', () => {
    fc.assert(
      fc.property(roster, validReferral, callCorruption, (pros, referral, corruption) => {
        const call: Call = { referral, need: roleNeedsFor(referral.serviceType)[0] as RoleNeed, now: NOW, k: 10 };
        expect(() => rank(rankRole, pros, call)).not.toThrow(); // control
        const bad = corruption.apply(call);
        for (const method of [rankRole, rankRoleBruteForce]) expectCoded(() => rank(method, pros, bad), corruption.codes, corruption.field);
      }),
      { numRuns: 400 },
    );
  });

  it('a submission with one corrupted field never yields a decision', () => {
    const submission = fc.record({
      type: fc.constant('referralSubmitted' as const),
      referralId: fc.constantFrom('r1', 'ref-00042'),
      urgency: fc.constantFrom(...URGENCIES),
      roles: fc
        .subarray([...ROLES], { minLength: 1 })
        .chain((roles) =>
          fc.tuple(
            ...roles.map((role) =>
              fc.record({ role: fc.constant(role), required: fc.boolean(), candidates: fc.subarray(['p1', 'p2', 'p3']) }),
            ),
          ),
        ),
    });
    const eventCorruption = fc.oneof(
      fc.constantFrom('', 42, undefined).map((v) => ({ field: 'referralId', apply: (e: object) => ({ ...e, referralId: v }) })),
      fc.constantFrom('whenever', undefined).map((v) => ({ field: 'urgency', apply: (e: object) => ({ ...e, urgency: v }) })),
      fc.constantFrom('', 7, null).map((v) => ({
        field: 'roles[0].candidates[',
        apply: (e: { roles: object[] }) => ({ ...e, roles: e.roles.map((r, i) => (i === 0 ? { ...r, candidates: ['p1', v] } : r)) }),
      })),
      fc.constantFrom('surgeon', undefined).map((v) => ({
        field: 'roles[0].role',
        apply: (e: { roles: object[] }) => ({ ...e, roles: e.roles.map((r, i) => (i === 0 ? { ...r, role: v } : r)) }),
      })),
      fc.oneof(nonFinite, fc.constantFrom('tomorrow', '2025-03-04T18:00:00')).map((v) => ({
        field: 'deadline',
        apply: (e: object) => ({ ...e, deadline: v }),
      })),
    );
    fc.assert(
      fc.property(submission, eventCorruption, (event, corruption) => {
        expect(() => decide(undefined, event as MatchingEvent, NOW)).not.toThrow(); // control
        const bad = corruption.apply(event as { roles: object[] }) as MatchingEvent;
        expectCoded(() => decide(undefined, bad, NOW), ['MATCHING.INVALID_EVENT', 'MATCHING.INVALID_DEADLINE'], corruption.field);
      }),
      { numRuns: 300 },
    );
  });
});
