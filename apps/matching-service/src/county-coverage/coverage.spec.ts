import type { ProfessionalDocument } from '../roster/professional.model';
import { coverageOf } from './coverage';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const pro = (id: string, extra: Partial<ProfessionalDocument>) =>
  ({
    _id: id,
    roles: ['forensic-pathologist'],
    homeTown: 'Nairobi',
    homeBase: { lat: -1.2864, lon: 36.8172 },
    maxTravelKm: 2000,
    capacity: 2,
    active: true,
    timeOff: [],
    servesCounties: [],
    ...extra,
  }) as unknown as ProfessionalDocument;
const county = (name: string, coverage: ReturnType<typeof coverageOf>) => coverage.counties.find((row) => row.county === name)!;

describe('coverage by county and role from the roster', () => {
  it('counts a Nairobi pathologist for Nairobi within the critical target, for Mandera only within the normal one', () => {
    const coverage = coverageOf([pro('p1', {})], new Map(), NOW);
    expect(coverage.counties).toHaveLength(47);
    const nairobi = county('Nairobi', coverage).roles['forensic-pathologist'];
    expect(nairobi).toEqual({ reach: { critical: 1, urgent: 1, normal: 1 }, freeWithinCritical: 1 });
    const mandera = county('Mandera', coverage).roles['forensic-pathologist'];
    expect(mandera.reach.critical).toBe(0); // about 23 h by road from Nairobi
    expect(mandera.reach.normal).toBe(1);
    expect(county('Nairobi', coverage).roles.advocate.reach.critical).toBe(0);
  });

  it('leaves out someone on leave, and a trip beyond their range unless they serve the county; a full one is not free', () => {
    const onLeave = pro('away', { timeOff: [{ from: new Date(NOW - 1000).toISOString(), to: new Date(NOW + 86_400_000).toISOString() }] });
    const homebody = pro('near', { maxTravelKm: 30 });
    const servesMandera = pro('serves', { maxTravelKm: 30, servesCounties: [9] }); // Mandera
    const full = pro('full', {});
    const coverage = coverageOf([onLeave, homebody, servesMandera, full], new Map([['full', 2]]), NOW);
    const nairobi = county('Nairobi', coverage).roles['forensic-pathologist'];
    expect(nairobi).toEqual({ reach: { critical: 3, urgent: 3, normal: 3 }, freeWithinCritical: 2 });
    expect(county('Mandera', coverage).roles['forensic-pathologist'].reach.normal).toBe(2); // 'serves' and 'full'
  });
});
