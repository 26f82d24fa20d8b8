import type { ProfessionalDocument } from './professional.model';

const CERTIFIED_UNTIL = '2030-12-31';
const practising = { kind: 'practising-certificate', expiresOn: CERTIFIED_UNTIL };
const istanbul = { kind: 'istanbul-protocol', expiresOn: CERTIFIED_UNTIL };

type Demo = Pick<ProfessionalDocument, '_id' | 'roles' | 'homeTown' | 'homeBase' | 'capacity'> & Partial<ProfessionalDocument>;

/**
 * A small demo roster shaped like the network: most volunteers in Nairobi, a few in Eldoret,
 * Kisumu, Mombasa and Nakuru. Ids match the notification service's demo contacts.
 */
const DEMO: Demo[] = [
  { _id: 'pro-nbo-path-1', roles: ['forensic-pathologist'], homeTown: 'Nairobi', homeBase: { lat: -1.2864, lon: 36.8172 }, capacity: 2 },
  { _id: 'pro-nbo-path-2', roles: ['forensic-pathologist'], homeTown: 'Nairobi', homeBase: { lat: -1.3, lon: 36.78 }, capacity: 2 },
  { _id: 'pro-eld-path-1', roles: ['forensic-pathologist'], homeTown: 'Eldoret', homeBase: { lat: 0.5143, lon: 35.2698 }, capacity: 1 },
  { _id: 'pro-ksm-path-1', roles: ['forensic-pathologist'], homeTown: 'Kisumu', homeBase: { lat: -0.0917, lon: 34.768 }, capacity: 1 },
  { _id: 'pro-nbo-clin-1', roles: ['clinician'], homeTown: 'Nairobi', homeBase: { lat: -1.2921, lon: 36.8219 }, capacity: 3 },
  {
    _id: 'pro-nbo-clin-2',
    roles: ['clinician', 'psychologist'],
    homeTown: 'Nairobi',
    homeBase: { lat: -1.27, lon: 36.8 },
    capacity: 3,
    remoteCapable: true,
  },
  { _id: 'pro-msa-clin-1', roles: ['clinician'], homeTown: 'Mombasa', homeBase: { lat: -4.0547, lon: 39.6636 }, capacity: 2 },
  { _id: 'pro-nak-clin-1', roles: ['clinician'], homeTown: 'Nakuru', homeBase: { lat: -0.3031, lon: 36.08 }, capacity: 2 },
  {
    _id: 'pro-nbo-adv-1',
    roles: ['advocate'],
    homeTown: 'Nairobi',
    homeBase: { lat: -1.2833, lon: 36.8167 },
    capacity: 4,
    remoteCapable: true,
  },
  {
    _id: 'pro-ksm-adv-1',
    roles: ['advocate'],
    homeTown: 'Kisumu',
    homeBase: { lat: -0.0917, lon: 34.768 },
    capacity: 2,
    remoteCapable: true,
  },
  {
    _id: 'pro-nbo-psy-1',
    roles: ['psychologist'],
    homeTown: 'Nairobi',
    homeBase: { lat: -1.29, lon: 36.83 },
    capacity: 3,
    remoteCapable: true,
  },
];

export function demoRosterDocuments(): ProfessionalDocument[] {
  return DEMO.map((p) => ({
    languages: ['en', 'sw'],
    maxTravelKm: 700,
    // Clinicians of this network are trained in the Istanbul Protocol; everyone holds a practising certificate.
    credentials: p.roles.includes('clinician') ? [practising, istanbul] : [practising],
    ...p,
    active: true,
  }));
}
