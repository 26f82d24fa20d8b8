// Seeded synthetic rosters and referrals for the benchmark and the README example. Shaped like the
// network: most volunteers in Nairobi, then the big towns, a thin spread across the rest of Kenya.
import { COUNTIES, countyOf, type LatLon } from '@haki/geography';
import { ROLES, SERVICE_TYPES, URGENCIES, type Role } from '@haki/vocabulary';
import { PRACTISING_CERTIFICATE, ISTANBUL_PROTOCOL, type ReferralForMatching } from '../src/ranking/referral';
import { WEEKDAYS, type Professional } from '../src/roster/types';

/** mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const NAIROBI = COUNTIES[46]?.hq as LatLon;
const BIG_TOWNS = ['Mombasa', 'Kisumu', 'Nakuru', 'Uasin Gishu', 'Kiambu', 'Machakos', 'Nyeri', 'Kakamega'].map(
  (n) => COUNTIES.find((c) => c.name === n)?.hq as LatLon,
);

export function makeSampler(random: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const around = (p: LatLon, sdKm: number): LatLon => ({ lat: p.lat + (gauss() * sdKm) / 111, lon: p.lon + (gauss() * sdKm) / 111 });
  const place = (): LatLon => {
    const r = random();
    if (r < 0.55) return around(NAIROBI, 7);
    if (r < 0.8) return around(pick(BIG_TOWNS), 4);
    return around(pick(COUNTIES).centroid, 25);
  };
  return { pick, place, around };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Plain objects in the validated shape (skips zod: a million parses would only time zod). */
export function syntheticRoster(n: number, seed: number, now: number): Professional[] {
  const random = seededRandom(seed);
  const { pick, place } = makeSampler(random);
  const rolePool: Role[] = [
    'forensic-pathologist',
    'clinician',
    'clinician',
    'clinician',
    'clinician',
    'psychologist',
    'psychologist',
    'advocate',
    'advocate',
    'advocate',
    'advocate',
    'advocate',
  ];
  return Array.from({ length: n }, (_, i): Professional => {
    const roles = random() < 0.1 ? [pick(ROLES), pick(ROLES)].filter((r, j, a) => a.indexOf(r) === j) : [pick(rolePool)];
    const homeBase = place();
    const capacity = 1 + Math.floor(random() * 4);
    const days = (d: number) => now + d * 86_400_000;
    return {
      id: `pro-${String(i).padStart(7, '0')}`,
      roles,
      skills: random() < 0.2 ? ['paediatric'] : [],
      credentials: [
        { kind: PRACTISING_CERTIFICATE, expiresOn: iso(days(random() < 0.05 ? -10 : 30 + random() * 300)).slice(0, 10) },
        ...(random() < 0.5 ? [{ kind: ISTANBUL_PROTOCOL, expiresOn: iso(days(200)).slice(0, 10) }] : []),
      ],
      languages: random() < 0.2 ? ['sw', 'en', pick(['luo', 'kik', 'kln', 'tuv', 'som'])] : ['sw', 'en'],
      homeBase,
      maxTravelKm: pick([50, 150, 400, 800]),
      servesCounties: [countyOf(homeBase).code],
      remoteCapable: random() < 0.4,
      schedule: random() < 0.5 ? undefined : WEEKDAYS.slice(0, 5).map((day) => ({ day, from: '08:00', to: '17:00' })),
      timeOff: random() < 0.03 ? [{ from: iso(now - 86_400_000), to: iso(days(3)) }] : [],
      capacity,
      openCases: Math.min(capacity, Math.floor(random() * (capacity + 1))),
      recentAssignments: Array.from({ length: Math.floor(random() * 3) }, () => ({
        at: iso(now - random() * 20 * 86_400_000),
        serviceType: pick(SERVICE_TYPES),
      })),
      stats: { offers: 10, accepts: Math.floor(random() * 11), medianResponseMinutes: 5 + Math.floor(random() * 120) },
      conflicts: random() < 0.02 ? ['police:central'] : [],
    };
  });
}

export function syntheticReferrals(n: number, seed: number, now: number): ReferralForMatching[] {
  const random = seededRandom(seed);
  const { pick, place } = makeSampler(random);
  return Array.from({ length: n }, (_, i) => {
    const urgency = pick(URGENCIES);
    return {
      referralId: `ref-${i}`,
      serviceType: pick(SERVICE_TYPES),
      location: place(),
      urgency,
      deadline: urgency === 'critical' ? now + (6 + random() * 18) * 3_600_000 : undefined,
      language: random() < 0.8 ? 'sw' : pick(['luo', 'tuv', 'som']),
      implicated: random() < 0.5 ? ['police:central'] : [],
    };
  });
}
