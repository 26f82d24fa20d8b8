import { orderCandidates } from './nearest-available';
import type { ProfessionalDocument } from '../roster/professional.model';

const pro = (id: string, lat: number, lon: number, reservations: string[] = []): ProfessionalDocument => ({
  _id: id,
  roles: ['forensic_pathologist'],
  home: { lat, lon },
  homeTown: id,
  active: true,
  capacity: 2,
  remainingCapacity: 2,
  reservations,
});

const lodwar = { lat: 3.1191, lon: 35.5973 };
const nairobi = pro('nairobi', -1.2864, 36.8172);
const eldoret = pro('eldoret', 0.5143, 35.2698);
const kisumu = pro('kisumu', -0.0917, 34.768);

describe('orderCandidates', () => {
  it('puts the nearest professional first for a Turkana referral', () => {
    const ordered = orderCandidates([nairobi, kisumu, eldoret], lodwar, 'ref-1');
    expect(ordered.map((c) => c.professional._id)).toEqual(['eldoret', 'kisumu', 'nairobi']);
    expect(ordered[0]!.distanceKm).toBeGreaterThan(250);
    expect(ordered[0]!.distanceKm).toBeLessThan(320);
  });

  it('puts whoever already holds this referral reservation first, so a retry reserves nobody new', () => {
    const ordered = orderCandidates([eldoret, pro('nairobi', -1.2864, 36.8172, ['ref-1'])], lodwar, 'ref-1');
    expect(ordered[0]!.professional._id).toBe('nairobi');
  });

  it('breaks distance ties by id so the choice is deterministic', () => {
    const ordered = orderCandidates([pro('b', 0, 36), pro('a', 0, 36)], lodwar, 'ref-1');
    expect(ordered.map((c) => c.professional._id)).toEqual(['a', 'b']);
  });
});
