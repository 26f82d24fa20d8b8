import type { Roster } from '../roster/roster-snapshot';
import type { ProfessionalDocument } from '../roster/professional.model';
import { rosterRows, withAvailability } from './roster-list';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

const professional = (id: string, extra: Partial<ProfessionalDocument> = {}) =>
  ({
    _id: id,
    roles: ['clinician'],
    homeTown: 'Garissa',
    capacity: 2,
    active: true,
    timeOff: [],
    credentials: [],
    ...extra,
  }) as ProfessionalDocument;

describe('the roster admin list', () => {
  it('shows load, the leave someone is on now, and credentials expired or due within 60 days, soonest first', () => {
    const roster = {
      loadedAt: NOW,
      openCases: new Map([['b', 2]]),
      histories: new Map(),
      professionals: [
        professional('b', {
          timeOff: [
            { from: iso(NOW - DAY), to: iso(NOW + 2 * DAY) },
            { from: iso(NOW + 10 * DAY), to: iso(NOW + 12 * DAY) },
          ],
          credentials: [
            { kind: 'practising-certificate', expiresOn: '2027-01-20' },
            { kind: 'istanbul-protocol', expiresOn: '2026-11-30' },
            { kind: 'licence', expiresOn: '2028-01-01' },
          ],
        }),
        professional('a', { timeOff: [{ from: iso(NOW + DAY), to: iso(NOW + 2 * DAY) }] }),
      ],
    } as unknown as Roster;
    expect(rosterRows(roster, NOW)).toEqual([
      { id: 'a', roles: ['clinician'], homeTown: 'Garissa', capacity: 2, openCases: 0, credentialsExpiring: [] },
      {
        id: 'b',
        roles: ['clinician'],
        homeTown: 'Garissa',
        capacity: 2,
        openCases: 2,
        awayUntil: iso(NOW + 2 * DAY),
        credentialsExpiring: [
          { kind: 'istanbul-protocol', expiresOn: '2026-11-30' },
          { kind: 'practising-certificate', expiresOn: '2027-01-20' },
        ],
      },
    ]);
  });
});

describe("a volunteer's own availability", () => {
  const past = { from: iso(NOW - 5 * DAY), to: iso(NOW - 4 * DAY) };
  const current = { from: iso(NOW - DAY), to: iso(NOW + DAY) };
  const planned = { from: iso(NOW + 10 * DAY), to: iso(NOW + 12 * DAY) };

  it('away until: a leave from now, replacing the current one, keeping planned leave after it and dropping the past', () => {
    expect(withAvailability([past, current, planned], NOW, NOW + 3 * DAY)).toEqual([{ from: iso(NOW), to: iso(NOW + 3 * DAY) }, planned]);
  });

  it('away past a planned leave swallows it', () => {
    expect(withAvailability([planned], NOW, NOW + 20 * DAY)).toEqual([{ from: iso(NOW), to: iso(NOW + 20 * DAY) }]);
  });

  it('away into a planned leave joins them, never cutting the planned leave short', () => {
    expect(withAvailability([planned], NOW, NOW + 11 * DAY)).toEqual([{ from: iso(NOW), to: iso(NOW + 12 * DAY) }]);
  });

  it('back now: the current leave ends, planned leave stays', () => {
    expect(withAvailability([past, current, planned], NOW, null)).toEqual([planned]);
  });
});
