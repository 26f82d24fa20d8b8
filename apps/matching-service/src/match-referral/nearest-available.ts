import { distanceKm } from '@haki/matching-core';
import type { ProfessionalDocument } from '../roster/professional.model';

export interface Candidate {
  professional: ProfessionalDocument;
  distanceKm: number;
}

/**
 * The walking skeleton's rule until matching-core's ranking is wired in: nearest first by straight
 * distance, ties by id. A professional who already holds this referral's reservation (a retry after a
 * crash) comes first, so a retry never reserves a second person.
 */
export function orderCandidates(professionals: ProfessionalDocument[], site: { lat: number; lon: number }, referralId: string): Candidate[] {
  return professionals
    .map((professional) => ({ professional, distanceKm: distanceKm(site.lat, site.lon, professional.home.lat, professional.home.lon) }))
    .sort(
      (a, b) =>
        Number(b.professional.reservations.includes(referralId)) - Number(a.professional.reservations.includes(referralId)) ||
        a.distanceKm - b.distanceKm ||
        a.professional._id.localeCompare(b.professional._id),
    );
}
