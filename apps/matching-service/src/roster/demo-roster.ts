import type { ProfessionalDocument } from './professional.model';

type DemoProfessional = Omit<ProfessionalDocument, 'remainingCapacity' | 'reservations' | 'active'>;

/**
 * A small demo roster shaped like the network: most volunteers in Nairobi, a few in Eldoret,
 * Kisumu, Mombasa and Nakuru. Ids match the notification service's demo contacts.
 */
export const DEMO_ROSTER: DemoProfessional[] = [
  { _id: 'pro-nbo-path-1', roles: ['forensic_pathologist'], home: { lat: -1.2864, lon: 36.8172 }, homeTown: 'Nairobi', capacity: 2 },
  { _id: 'pro-nbo-path-2', roles: ['forensic_pathologist'], home: { lat: -1.3, lon: 36.78 }, homeTown: 'Nairobi', capacity: 2 },
  { _id: 'pro-eld-path-1', roles: ['forensic_pathologist'], home: { lat: 0.5143, lon: 35.2698 }, homeTown: 'Eldoret', capacity: 1 },
  { _id: 'pro-ksm-path-1', roles: ['forensic_pathologist'], home: { lat: -0.0917, lon: 34.768 }, homeTown: 'Kisumu', capacity: 1 },
  { _id: 'pro-nbo-clin-1', roles: ['clinician'], home: { lat: -1.2921, lon: 36.8219 }, homeTown: 'Nairobi', capacity: 3 },
  { _id: 'pro-nbo-clin-2', roles: ['clinician', 'psychologist'], home: { lat: -1.27, lon: 36.8 }, homeTown: 'Nairobi', capacity: 3 },
  { _id: 'pro-msa-clin-1', roles: ['clinician'], home: { lat: -4.0547, lon: 39.6636 }, homeTown: 'Mombasa', capacity: 2 },
  { _id: 'pro-nak-clin-1', roles: ['clinician'], home: { lat: -0.3031, lon: 36.08 }, homeTown: 'Nakuru', capacity: 2 },
  { _id: 'pro-nbo-adv-1', roles: ['advocate'], home: { lat: -1.2833, lon: 36.8167 }, homeTown: 'Nairobi', capacity: 4 },
  { _id: 'pro-ksm-adv-1', roles: ['advocate'], home: { lat: -0.0917, lon: 34.768 }, homeTown: 'Kisumu', capacity: 2 },
  { _id: 'pro-nbo-psy-1', roles: ['psychologist'], home: { lat: -1.29, lon: 36.83 }, homeTown: 'Nairobi', capacity: 3 },
];

export function demoRosterDocuments(): ProfessionalDocument[] {
  return DEMO_ROSTER.map((p) => ({ ...p, active: true, remainingCapacity: p.capacity, reservations: [] }));
}
