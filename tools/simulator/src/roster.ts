// Synthetic volunteer roster, shaped like a Kenyan medico-legal network: most volunteers in Nairobi,
// a few in Mombasa, Kisumu, Eldoret and Nakuru, a thin spread over other county towns and nobody in the
// arid north and north-east. Output is matching-core's `Professional` (the validated shape) plus the
// latent behaviour traits the ranking never sees directly (it only sees the history they produced).
//
// Every number below is an ASSUMPTION to be replaced with the network's real roster statistics.
import { findCounty, type County, type LatLon } from '@haki/geography';
import { ISTANBUL_PROTOCOL, PRACTISING_CERTIFICATE, WEEKDAYS, type Professional } from '@haki/matching-core';
import type { Role } from '@haki/vocabulary';
import { deriveSeed, Rng } from './random';

export interface Hub {
  /** County name or code (matching-core's findCounty); volunteers live around its HQ town. */
  county: string;
  /** Share of the roster (normalised). */
  share: number;
  /** Gaussian scatter of home bases around the HQ, km. */
  spreadKm: number;
}

export interface RosterConfig {
  size: number;
  hubs: Hub[];
  /** Share of each role (normalised). */
  roleMix: Record<Role, number>;
  /** Forensic pathologists work from referral hospitals: only these hubs get them. */
  pathologistHubs: string[];
  /** Concurrent open cases a volunteer takes, [min, max] inclusive, per role. */
  capacity: Record<Role, [number, number]>;
  /** Declared road-km limits to pick from, per role (matching-core's maxTravelKm). */
  maxTravelKm: Record<Role, number[]>;
  /** Share able to start by phone (matching-core's remoteCapable; only some roles may use it). */
  remoteCapable: Record<Role, number>;
  /** Share of clinicians / psychologists trained in the Istanbul Protocol. */
  istanbulTrained: { clinician: number; psychologist: number };
  /** Share whose practising certificate lapses during the simulated year. */
  lapsedCertificate: number;
  /** Schedules: on call at any hour / weekday office hours / evenings and weekends (normalised). */
  scheduleMix: { onCall: number; officeHours: number; eveningsWeekends: number };
  /** Leave blocks per volunteer per year, and their length in days. */
  leave: { blocksPerYear: [number, number]; days: [number, number] };
}

export const DEFAULT_ROSTER_CONFIG: RosterConfig = {
  size: 300,
  hubs: [
    { county: 'Nairobi', share: 0.5, spreadKm: 6 },
    { county: 'Mombasa', share: 0.08, spreadKm: 4 },
    { county: 'Kisumu', share: 0.07, spreadKm: 3 },
    { county: 'Uasin Gishu', share: 0.06, spreadKm: 3 }, // Eldoret
    { county: 'Nakuru', share: 0.06, spreadKm: 3 },
    { county: 'Kiambu', share: 0.03, spreadKm: 4 },
    ...['Machakos', 'Nyeri', 'Kakamega', 'Meru', 'Kisii'].map((county) => ({ county, share: 0.02, spreadKm: 3 })),
    ...['Kilifi', 'Garissa', 'Trans-Nzoia', 'Embu', 'Kericho', 'Bungoma', 'Kitui', 'Kajiado', 'Narok', 'Migori'].map((county) => ({
      county,
      share: 0.01,
      spreadKm: 3,
    })),
  ],
  // Advocates are the bulk of such networks; forensic pathologists are scarce nationally.
  roleMix: { advocate: 0.42, clinician: 0.32, psychologist: 0.2, 'forensic-pathologist': 0.06 },
  pathologistHubs: ['Nairobi', 'Mombasa', 'Kisumu', 'Uasin Gishu', 'Nakuru'],
  capacity: { advocate: [3, 5], clinician: [2, 4], psychologist: [3, 5], 'forensic-pathologist': [2, 3] },
  maxTravelKm: {
    advocate: [50, 100, 200, 400],
    clinician: [50, 100, 200, 400],
    psychologist: [50, 100, 200],
    'forensic-pathologist': [300, 600, 1000],
  },
  remoteCapable: { advocate: 0.6, clinician: 0.2, psychologist: 0.7, 'forensic-pathologist': 0 },
  istanbulTrained: { clinician: 0.6, psychologist: 0.5 },
  lapsedCertificate: 0.03,
  scheduleMix: { onCall: 0.4, officeHours: 0.45, eveningsWeekends: 0.15 },
  leave: { blocksPerYear: [1, 2], days: [7, 14] },
};

/** One volunteer: the professional record matching-core ranks, plus hidden behaviour traits. */
export interface Volunteer {
  index: number;
  professional: Professional;
  /** County code of the home base. */
  county: number;
  /** Latent probability of saying yes to a convenient offer (before time, distance, load, fatigue). */
  propensity: number;
  /** Latent median minutes to answer an SMS in working hours. */
  responseMedianMinutes: number;
}

const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoInstant = (ms: number) => new Date(ms).toISOString();

function countyOrThrow(name: string): County {
  const c = findCounty(name);
  if (!c) throw new Error(`SIMULATOR.UNKNOWN_COUNTY: ${name}`);
  return c;
}

/** Largest-remainder apportionment: exact counts that sum to n, so the roster shape is stable across seeds. */
export function apportion(n: number, shares: readonly number[]): number[] {
  const total = shares.reduce((s, x) => s + x, 0);
  const exact = shares.map((s) => (n * s) / total);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const missing = n - counts.reduce((s, x) => s + x, 0);
  for (let k = 0; k < missing; k++) counts[(order[k] as { i: number }).i]! += 1;
  return counts;
}

export interface VolunteerSpec {
  id: string;
  role: Role;
  county: County;
  spreadKm: number;
}

/** Builds one volunteer from a spec and a stream. Shared by the roster and the what-if additions. */
function makeVolunteer(index: number, spec: VolunteerSpec, rng: Rng, config: RosterConfig, startMs: number, days: number): Volunteer {
  const { role, county } = spec;
  const home: LatLon = {
    lat: county.hq.lat + (rng.normal() * spec.spreadKm) / 111,
    lon: county.hq.lon + (rng.normal() * spec.spreadKm) / 111,
  };
  const [capLo, capHi] = config.capacity[role];
  const capacity = capLo + rng.int(capHi - capLo + 1);
  const lapses = rng.chance(config.lapsedCertificate);
  const certificateEnd = lapses ? startMs + rng.between(30, days - 30) * DAY_MS : startMs + (days + 400) * DAY_MS;
  const trained =
    (role === 'clinician' && rng.chance(config.istanbulTrained.clinician)) ||
    (role === 'psychologist' && rng.chance(config.istanbulTrained.psychologist));
  const { onCall, officeHours, eveningsWeekends } = config.scheduleMix;
  const kind = rng.weighted([onCall, officeHours, eveningsWeekends]);
  const schedule =
    kind === 0
      ? undefined
      : kind === 1
        ? WEEKDAYS.slice(0, 5).map((day) => ({ day, from: '08:00', to: '18:00' }))
        : [
            ...WEEKDAYS.slice(0, 5).map((day) => ({ day, from: '17:00', to: '22:00' })),
            ...WEEKDAYS.slice(5).map((day) => ({ day, from: '08:00', to: '20:00' })),
          ];
  const [blocksLo, blocksHi] = config.leave.blocksPerYear;
  const blocks = Math.round((blocksLo + rng.int(blocksHi - blocksLo + 1)) * (days / 365));
  const timeOff = Array.from({ length: blocks }, () => {
    const from = startMs + Math.floor(rng.between(0, days)) * DAY_MS;
    return { from: isoInstant(from), to: isoInstant(from + Math.round(rng.between(...config.leave.days)) * DAY_MS) };
  });
  const propensity = Math.min(0.97, Math.max(0.3, 0.75 + 0.15 * rng.normal()));
  const responseMedianMinutes = Math.min(240, Math.max(3, Math.exp(Math.log(25) + 0.8 * rng.normal())));
  // History before the simulation (what the ranking's acceptance and response factors read).
  const offers = 4 + rng.int(20);
  let accepts = 0;
  for (let k = 0; k < offers; k++) if (rng.chance(propensity)) accepts++;
  const professional: Professional = {
    id: spec.id,
    roles: [role],
    skills: [],
    credentials: [
      { kind: PRACTISING_CERTIFICATE, expiresOn: isoDate(certificateEnd) },
      ...(trained ? [{ kind: ISTANBUL_PROTOCOL, expiresOn: isoDate(startMs + (days + 400) * DAY_MS) }] : []),
    ],
    languages: ['sw', 'en'],
    homeBase: home,
    maxTravelKm: rng.pick(config.maxTravelKm[role]),
    servesCounties: [county.code],
    remoteCapable: rng.chance(config.remoteCapable[role]),
    schedule,
    timeOff,
    capacity,
    openCases: 0,
    recentAssignments: [],
    stats: { offers, accepts, medianResponseMinutes: Math.round(responseMedianMinutes * Math.exp(0.25 * rng.normal())) },
    conflicts: [],
  };
  return { index, professional, county: county.code, propensity, responseMedianMinutes };
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, '-');
const ROLE_CODE: Record<Role, string> = { advocate: 'adv', clinician: 'cli', psychologist: 'psy', 'forensic-pathologist': 'pat' };

/**
 * The roster for a seed. Counts per hub and per role are exact (apportioned); who gets which role,
 * capacity, schedule, travel limit and traits are drawn from the seed.
 */
export function generateRoster(seed: number, startMs: number, days: number, config: RosterConfig = DEFAULT_ROSTER_CONFIG): Volunteer[] {
  const rng = new Rng(deriveSeed(seed, 'roster'));
  const roles = Object.keys(config.roleMix) as Role[];
  const roleCounts = apportion(
    config.size,
    roles.map((r) => config.roleMix[r]),
  );
  const hubCounties = config.hubs.map((h) => countyOrThrow(h.county));
  const specs: VolunteerSpec[] = [];
  roles.forEach((role, r) => {
    const eligible = config.hubs
      .map((h, i) => (role !== 'forensic-pathologist' || config.pathologistHubs.includes(h.county) ? i : -1))
      .filter((i) => i >= 0);
    const perHub = apportion(
      roleCounts[r] as number,
      eligible.map((i) => (config.hubs[i] as Hub).share),
    );
    eligible.forEach((h, j) => {
      for (let k = 0; k < (perHub[j] as number); k++) {
        const county = hubCounties[h] as County;
        specs.push({
          id: `${ROLE_CODE[role]}-${slug(county.hqTown)}-${String(k + 1).padStart(3, '0')}`,
          role,
          county,
          spreadKm: (config.hubs[h] as Hub).spreadKm,
        });
      }
    });
  });
  return specs.map((spec, i) => makeVolunteer(i, spec, rng, config, startMs, days));
}

export interface Addition {
  count: number;
  role: Role;
  county: string;
}

/**
 * What-if additions: `count` new volunteers of `role` around the county HQ, appended after the roster
 * from their own stream, so everyone already on the roster is unchanged. They are the well-disposed
 * kind a recruitment drive aims for: on call, Istanbul-trained clinicians, median traits.
 */
export function addVolunteers(
  roster: readonly Volunteer[],
  additions: readonly Addition[],
  seed: number,
  startMs: number,
  days: number,
  config: RosterConfig = DEFAULT_ROSTER_CONFIG,
): Volunteer[] {
  const out = [...roster];
  additions.forEach((add, a) => {
    const county = countyOrThrow(add.county);
    const rng = new Rng(deriveSeed(seed, `what-if:${a}:${add.role}:${county.code}`));
    const local: RosterConfig = {
      ...config,
      scheduleMix: { onCall: 1, officeHours: 0, eveningsWeekends: 0 },
      istanbulTrained: { clinician: 1, psychologist: 1 },
      lapsedCertificate: 0,
    };
    for (let k = 0; k < add.count; k++) {
      const id = `new-${ROLE_CODE[add.role]}-${slug(county.hqTown)}-${String(a + 1)}-${String(k + 1).padStart(2, '0')}`;
      out.push(makeVolunteer(out.length, { id, role: add.role, county, spreadKm: 3 }, rng, local, startMs, days));
    }
  });
  return out;
}

/** Parses "add 3 clinician in Turkana" / "add 3 clinicians in Turkana, 2 advocates in Wajir". */
export function parseWhatIf(text: string): Addition[] {
  const roleOf = (word: string): Role | undefined => {
    const w = word.toLowerCase().replace(/s$/, '');
    if (w === 'advocate' || w === 'lawyer') return 'advocate';
    if (w === 'clinician' || w === 'doctor') return 'clinician';
    if (w === 'psychologist') return 'psychologist';
    if (w === 'pathologist' || w === 'forensic-pathologist') return 'forensic-pathologist';
    return undefined;
  };
  const parts = text
    .replace(/^\s*add\s+/i, '')
    .split(/\s*(?:,|\band\b|\badd\b)\s*/i)
    .filter((p) => p.trim() !== '');
  return parts.map((part) => {
    const m = /^(\d+)\s+(?:forensic\s+)?([a-z-]+)\s+in\s+(.+)$/i.exec(part.trim());
    const role = m && roleOf(m[2] as string);
    if (!m || !role) throw new Error(`SIMULATOR.BAD_WHAT_IF: expected "add <n> <role> in <county>", got "${part}"`);
    const county = countyOrThrow((m[3] as string).trim());
    return { count: Number(m[1]), role, county: county.name };
  });
}
