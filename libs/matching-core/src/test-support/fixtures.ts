// Test-only builders (not exported from the library's index).
import { parseProfessional, type Professional, type ProfessionalInput } from '../roster/types';
import type { ServiceType } from '@haki/vocabulary';
import { PRACTISING_CERTIFICATE, ISTANBUL_PROTOCOL, roleNeedsFor, type RoleNeed } from '../ranking/referral';

export const PLACES = {
  nairobi: { lat: -1.2833, lon: 36.8167 },
  eldoret: { lat: 0.5204, lon: 35.2699 },
  kisumu: { lat: -0.1022, lon: 34.7617 },
  lodwar: { lat: 3.1199, lon: 35.5964 },
  kakuma: { lat: 3.717, lon: 34.867 },
  nakuru: { lat: -0.3072, lon: 36.0722 },
  mombasa: { lat: -4.0547, lon: 39.6636 },
  westlands: { lat: -1.2676, lon: 36.8108 },
  kibera: { lat: -1.3133, lon: 36.7892 },
  kasarani: { lat: -1.2206, lon: 36.8969 },
  marsabit: { lat: 2.3284, lon: 37.9899 },
  loiyangalani: { lat: 2.7629, lon: 36.7173 },
  kalokol: { lat: 3.55, lon: 35.917 },
} as const;

/** Tuesday 4 March 2025, 09:00 in Nairobi. */
export const TUESDAY_9AM = Date.parse('2025-03-04T09:00:00+03:00');

export function pro(id: string, overrides: Partial<ProfessionalInput> = {}): Professional {
  return parseProfessional({
    id,
    roles: ['forensic-pathologist'],
    credentials: [
      { kind: PRACTISING_CERTIFICATE, expiresOn: '2026-12-31' },
      { kind: ISTANBUL_PROTOCOL, expiresOn: '2026-12-31' },
    ],
    languages: ['sw', 'en'],
    homeBase: PLACES.nairobi,
    maxTravelKm: 1000,
    capacity: 3,
    openCases: 0,
    stats: { offers: 10, accepts: 8, medianResponseMinutes: 20 },
    ...overrides,
  });
}

/** The main (first, required) role of a service type. */
export const firstNeed = (serviceType: ServiceType): RoleNeed => roleNeedsFor(serviceType)[0] as RoleNeed;
