import { ZodError } from 'zod';
import { MatchingCoreError } from '../matching-core-error';
import { rankRole, whyNotEligible } from '../ranking/rank';
import { firstNeed, PLACES, pro, TUESDAY_9AM } from '../test-support/fixtures';
import { compileRoster, CompiledRoster } from './compiled-roster';
import { parseProfessional, type Professional } from './types';

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const pathologist = firstNeed('postmortem');
const site = { referralId: 'r1', serviceType: 'postmortem' as const, location: PLACES.nairobi, urgency: 'urgent' as const };

/** A valid, parsed professional with some fields replaced as they are (no zod): what compileRoster may be handed. */
const raw = (id: string, fields: Record<string, unknown>): Professional => ({ ...pro(id), ...fields }) as Professional;
const stats = (fields: Record<string, unknown>) => ({ offers: 10, accepts: 8, medianResponseMinutes: 20, ...fields });

/** compileRoster throws MATCHING.INVALID_ROSTER naming the professional, the field and the reason. */
function expectRejected(professional: Professional, message: RegExp): void {
  const roster = [pro('fine'), professional];
  expect(() => compileRoster(roster)).toThrow(MatchingCoreError);
  expect(() => compileRoster(roster)).toThrow(message);
}

describe('compileRoster: every entry is checked once, by name and field', () => {
  it.each([
    // Int32Array wrapped these: 2^31 read as -2^31, 2^32 as 0 (a full diary looked empty and ranked first).
    ['openCases 2^31', { openCases: 2 ** 31, capacity: 3 }, /professional bad: openCases must be at most 2147483647 \(got 2147483648\)/],
    ['openCases 2^32', { openCases: 2 ** 32 }, /professional bad: openCases must be at most 2147483647/],
    ['capacity 2^32', { capacity: 2 ** 32 }, /professional bad: capacity must be at most 2147483647/],
    ['capacity 2.5', { capacity: 2.5 }, /professional bad: capacity must be a whole number \(got 2\.5\)/],
    ['openCases -1', { openCases: -1 }, /professional bad: openCases must be at least 0 \(got -1\)/],
    ['offers 2^40', { stats: stats({ offers: 2 ** 40, accepts: 0 }) }, /professional bad: stats\.offers must be at most 2147483647/],
    ['offers NaN', { stats: stats({ offers: Number.NaN }) }, /professional bad: stats\.offers must be a whole number \(got NaN\)/],
    [
      'median response Infinity',
      { stats: stats({ medianResponseMinutes: Infinity }) },
      /stats\.medianResponseMinutes must be a finite number/,
    ],
    ['median response -5', { stats: stats({ medianResponseMinutes: -5 }) }, /stats\.medianResponseMinutes must be at least 0 \(got -5\)/],
    ['monthly cap 0', { monthlyCap: 0 }, /professional bad: monthlyCap must be at least 1/],
    ['maxTravelKm NaN', { maxTravelKm: Number.NaN }, /professional bad: maxTravelKm must be a finite number \(got NaN\)/],
    // County codes are bits of two 32-bit masks: 48 would have set nobody's bit, 0 county 32's neighbour.
    ['county 48', { servesCounties: [47, 48] }, /professional bad: servesCounties\[1\] must be at most 47 \(got 48\)/],
    ['unknown role', { roles: ['surgeon'] }, /professional bad: roles\[0\] "surgeon" is not one of/],
    ['no role', { roles: [] }, /professional bad: roles must list at least 1/],
    [
      'credential day',
      { credentials: [{ kind: 'practising-certificate', expiresOn: '2026-02-30' }] },
      /credentials\[0\]\.expiresOn must be a calendar day/,
    ],
    ['schedule day', { schedule: [{ day: 'funday', from: '08:00', to: '17:00' }] }, /schedule\[0\]\.day "funday" is not one of/],
    [
      'assignment instant',
      { recentAssignments: [{ at: 'yesterday', serviceType: 'postmortem' }] },
      /recentAssignments\[0\]\.at must be an ISO 8601/,
    ],
    ['remoteCapable', { remoteCapable: 'yes' }, /professional bad: remoteCapable must be true or false/],
  ])('rejects %s', (_, fields, message) => expectRejected(raw('bad', fields), message));

  it('rejects more acceptances than offers (it gave a likelihood above 1 and a negative penalty)', () => {
    expectRejected(
      raw('bad', { stats: stats({ offers: 10, accepts: 12 }) }),
      /MATCHING\.INVALID_ROSTER: professional bad: stats\.accepts 12 is more than stats\.offers 10/,
    );
  });

  it('rejects leave that ends before it starts (it was silently ignored), and leave that is not an instant', () => {
    const reversed = [{ from: iso(NOW + 24 * HOUR), to: iso(NOW - 24 * HOUR) }];
    expectRejected(
      raw('bad', { timeOff: reversed }),
      /professional bad: timeOff\[0\]\.to .* is before from .*: leave must end at or after it starts/,
    );
    const noZone = [{ from: '2025-03-04T08:00:00', to: iso(NOW + HOUR) }];
    expectRejected(
      raw('bad', { timeOff: noZone }),
      /professional bad: timeOff\[0\]\.from must be an ISO 8601 date-time with seconds and a zone/,
    );
  });

  it('rejects a home base outside Kenya (Kampala, swapped coordinates) or NaN (which matched nobody)', () => {
    expectRejected(
      raw('bad', { homeBase: { lat: 0.3476, lon: 32.5825 } }),
      /professional bad: homeBase\.lon 32\.5825 is outside Kenya \(33 to 42\.5\)/,
    );
    expectRejected(raw('bad', { homeBase: { lat: 36.8167, lon: -1.2833 } }), /professional bad: homeBase\.lat 36\.8167 is outside Kenya/);
    expectRejected(
      raw('bad', { homeBase: { lat: Number.NaN, lon: 36.8 } }),
      /professional bad: homeBase\.lat must be a finite number \(got NaN\)/,
    );
  });

  it('names an entry without an id by its position', () => {
    expect(() => compileRoster([pro('fine'), raw('x', { id: '' })])).toThrow(
      'MATCHING.INVALID_ROSTER: professional #1 (no id): id must be a non-empty string',
    );
  });

  it('checks the constructor and the snapshot form too', () => {
    const bad = raw('bad', { openCases: 2 ** 31 });
    expect(() => new CompiledRoster([bad])).toThrow(/INVALID_ROSTER: professional bad: openCases/);
    expect(() => compileRoster({ takenAt: iso(NOW), professionals: [bad] })).toThrow(/INVALID_ROSTER: professional bad: openCases/);
  });

  it('keeps what is real: more open cases than capacity (capacity lowered) is full, not an error; zero-length leave is fine', () => {
    const roster = compileRoster([
      raw('over', { capacity: 1, openCases: 2 }),
      raw('back', { homeBase: PLACES.westlands, timeOff: [{ from: iso(NOW - HOUR), to: iso(NOW - HOUR) }] }),
      raw('idle', { homeBase: PLACES.kibera, stats: stats({ offers: 0, accepts: 0 }), openCases: 0, capacity: 0 }),
    ]);
    expect(whyNotEligible(roster, site, pathologist, 'over', NOW)).toBe('capacity');
    expect(rankRole(roster, site, pathologist, NOW).map((c) => c.professionalId)).toEqual(['back']);
  });

  it('parseProfessional applies the same rules, naming the field', () => {
    const input = { ...pro('p1'), stats: { offers: 3, accepts: 4, medianResponseMinutes: 10 } };
    expect(() => parseProfessional(input)).toThrow(ZodError);
    try {
      parseProfessional(input);
    } catch (error) {
      expect((error as ZodError).issues[0]).toMatchObject({
        path: ['stats', 'accepts'],
        message: expect.stringContaining('more than stats.offers 3'),
      });
    }
    expect(() => parseProfessional({ ...pro('p1'), homeBase: { lat: 51.5, lon: -0.12 } })).toThrow(/homeBase/);
    expect(() => parseProfessional({ ...pro('p1'), openCases: 2 ** 31 })).toThrow(/openCases/);
  });
});
