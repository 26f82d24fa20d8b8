// Referral generators: a baseline year and a protest surge. County populations come from
// matching-core's county table (KNBS 2019). Incidents are NOT proportional to population: a county's
// weight is population × hotspot multiplier (below). All shares, multipliers and deadline ranges are
// ASSUMPTIONS, drawn from the kind of public reporting rights groups publish (police killings and
// protests in Nairobi's informal settlements and Kisumu, security operations in the north-east and on
// the Kerio Valley / North Rift banditry front); calibrate them with the network's own case data.
import { COUNTIES, type County, type LatLon } from '@haki/geography';
import { KENYA_BOUNDS, roleNeedsFor, type RoleNeed } from '@haki/matching-core';
import type { ServiceType, Urgency } from '@haki/vocabulary';
import { countyByCode, countyClassOf, type CountyClass } from './county-class';
import { deriveSeed, Rng } from './random';

export type DeadlineKind = 'before-burial' | 'lesions-visible' | 'pep-72h' | 'before-release' | 'court-24h' | 'case-file-14d';

export interface SimReferral {
  index: number;
  id: string;
  county: number;
  countyClass: CountyClass;
  site: LatLon;
  serviceType: ServiceType;
  urgency: Urgency;
  submittedAt: number;
  /** Medico-legal deadline: the professional must start on site (or remotely, where allowed) before it. */
  deadlineAt: number;
  deadlineKind: DeadlineKind;
  /** matching-core's default team for the service type; the first role is the required one. */
  roles: RoleNeed[];
}

/** Hotspot multipliers on population (1 when absent). */
export const DEFAULT_HOTSPOTS: Record<string, number> = {
  Nairobi: 2.5, // protests, police killings in informal settlements
  Kisumu: 1.8, // protest policing
  Mombasa: 1.5,
  Nakuru: 1.3,
  Migori: 1.3,
  'Homa Bay': 1.2,
  Mandera: 1.6, // security operations, enforced disappearances
  Wajir: 1.5,
  Garissa: 1.5,
  Lamu: 1.5,
  Turkana: 1.5, // cross-border and security operations
  'West Pokot': 1.5, // North Rift banditry operations
  Baringo: 1.4,
  'Elgeyo-Marakwet': 1.3,
  Samburu: 1.3,
  Marsabit: 1.3,
  Isiolo: 1.2,
};

/** Counties where most families bury within a day (Muslim-majority): tighter postmortem deadlines. */
const QUICK_BURIAL_COUNTIES = ['Mandera', 'Wajir', 'Garissa', 'Lamu', 'Mombasa', 'Kwale', 'Tana River', 'Isiolo', 'Marsabit'];

export interface BaselineConfig {
  count: number;
  days: number;
  startMs: number;
  serviceMix: Record<ServiceType, number>;
  hotspots: Record<string, number>;
}

export interface SurgeConfig {
  count: number;
  hours: number;
  startMs: number;
  serviceMix: Record<ServiceType, number>;
  /** Share of the surge per county (normalised). */
  counties: Record<string, number>;
}

/** Monday 6 January 2025, 00:00 Nairobi time: weekday effects line up with the calendar. */
export const SIM_START_MS = Date.parse('2025-01-06T00:00:00+03:00');

export const DEFAULT_BASELINE: BaselineConfig = {
  count: 1500,
  days: 365,
  startMs: SIM_START_MS,
  // Arrests reach the simulated network as legal aid with a 24-hour court clock: the calibrated mix predates
  // detention support as a kind of its own, so it draws none (a zero weight changes no draw).
  serviceMix: { 'torture-documentation': 0.35, 'legal-aid': 0.3, 'medical-care': 0.2, postmortem: 0.15, 'detention-support': 0 },
  hotspots: DEFAULT_HOTSPOTS,
};

export const DEFAULT_SURGE: SurgeConfig = {
  count: 400,
  hours: 48,
  // A Tuesday: national protest days have fallen on Tuesdays and Thursdays.
  startMs: SIM_START_MS + 176 * 86_400_000,
  serviceMix: { 'legal-aid': 0.45, 'torture-documentation': 0.33, 'medical-care': 0.12, postmortem: 0.1, 'detention-support': 0 },
  counties: { Nairobi: 0.55, Kisumu: 0.14, Mombasa: 0.1, Nakuru: 0.07, Kiambu: 0.05, Migori: 0.05, 'Homa Bay': 0.04 },
};

const HOUR = 3_600_000;
const DAY = 86_400_000;
// Referral submissions by local hour (intake works in the day; arrests and deaths also come at night).
const HOUR_WEIGHTS = [
  0.4, 0.3, 0.3, 0.3, 0.3, 0.4, 0.6, 0.9, 1.2, 1.4, 1.4, 1.4, 1.3, 1.3, 1.3, 1.3, 1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.6, 0.5,
];
// Protest days: marches build from late morning; arrests and injuries peak in the afternoon and evening.
const SURGE_HOUR_WEIGHTS = [
  0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.3, 0.5, 0.8, 1.2, 1.6, 2.0, 2.4, 2.6, 2.6, 2.4, 2.2, 2.0, 1.8, 1.5, 1.2, 0.9, 0.6, 0.4,
];

function serviceOf(rng: Rng, mix: Record<ServiceType, number>): ServiceType {
  const kinds = Object.keys(mix) as ServiceType[];
  return kinds[rng.weighted(kinds.map((k) => mix[k]))] as ServiceType;
}

/**
 * Deadline and urgency by service type (hours from submission):
 * - postmortem, critical: before burial. Quick-burial counties: 80 % within 10–24 h; elsewhere 35 %.
 *   Otherwise 36–96 h.
 * - torture documentation: injuries documented while lesions are visible (~3–7 days after the
 *   incident; the referral comes 0–2 days after it). ≤ 72 h left → urgent, else normal.
 * - detention medical: 40 % sexual violence: post-exposure prophylaxis within 72 h of exposure, the
 *   referral arriving 6–48 h after (critical when < 36 h left, else urgent); 60 % an injured or sick
 *   detainee to examine before release or transfer, 24–72 h, urgent.
 * - legal aid: 60 % arrests: an advocate before the court appearance due within 24 h of arrest
 *   (Constitution Art. 49(1)(f)), the referral arriving 2–12 h after arrest, urgent; 40 % inquests,
 *   IPOA complaints and follow-ups, 14 days, normal.
 */
function deadlineFor(rng: Rng, service: ServiceType, county: County): { hours: number; kind: DeadlineKind; urgency: Urgency } {
  switch (service) {
    case 'postmortem': {
      const quick = rng.chance(QUICK_BURIAL_COUNTIES.includes(county.name) ? 0.8 : 0.35);
      return { hours: quick ? rng.between(10, 24) : rng.between(36, 96), kind: 'before-burial', urgency: 'critical' };
    }
    case 'torture-documentation': {
      const hours = 24 * (rng.between(3, 7) - rng.between(0, 2));
      return { hours, kind: 'lesions-visible', urgency: hours <= 72 ? 'urgent' : 'normal' };
    }
    case 'medical-care': {
      if (rng.chance(0.4)) {
        const hours = 72 - rng.between(6, 48);
        return { hours, kind: 'pep-72h', urgency: hours < 36 ? 'critical' : 'urgent' };
      }
      return { hours: rng.between(24, 72), kind: 'before-release', urgency: 'urgent' };
    }
    case 'detention-support':
      return { hours: 24 - rng.between(2, 12), kind: 'court-24h', urgency: 'critical' };
    case 'legal-aid':
      return rng.chance(0.6)
        ? { hours: 24 - rng.between(2, 12), kind: 'court-24h', urgency: 'urgent' }
        : { hours: 14 * 24, kind: 'case-file-14d', urgency: 'normal' };
  }
}

/** Incident site: 55 % in or near the county's HQ town, else out in the county (towards its centroid, scattered by its size). */
function siteIn(rng: Rng, county: County, townShare: number): LatLon {
  if (county.code === 47 || rng.chance(townShare)) {
    const sd = county.code === 47 ? 5 : 3;
    return { lat: county.hq.lat + (rng.normal() * sd) / 111, lon: county.hq.lon + (rng.normal() * sd) / 111 };
  }
  const t = rng.between(0, 1.3);
  const sd = 0.25 * Math.sqrt(county.areaKm2);
  // A wide draw in a border county can land past the border (Mandera into Somalia); matching-core
  // refuses a site outside Kenya's box, so clamp to it (a few sites in 10,000; the draws stay in step).
  const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
  return {
    lat: clamp(
      county.hq.lat + t * (county.centroid.lat - county.hq.lat) + (rng.normal() * sd) / 111,
      KENYA_BOUNDS.minLat,
      KENYA_BOUNDS.maxLat,
    ),
    lon: clamp(
      county.hq.lon + t * (county.centroid.lon - county.hq.lon) + (rng.normal() * sd) / 111,
      KENYA_BOUNDS.minLon,
      KENYA_BOUNDS.maxLon,
    ),
  };
}

function referral(index: number, rng: Rng, county: County, submittedAt: number, service: ServiceType, townShare: number): SimReferral {
  const d = deadlineFor(rng, service, county);
  return {
    index,
    id: `ref-${String(index + 1).padStart(5, '0')}`,
    county: county.code,
    countyClass: countyClassOf(county),
    site: siteIn(rng, county, townShare),
    serviceType: service,
    urgency: d.urgency,
    submittedAt,
    deadlineAt: submittedAt + Math.round(d.hours * HOUR),
    deadlineKind: d.kind,
    roles: roleNeedsFor(service),
  };
}

export function countyWeights(hotspots: Record<string, number>): number[] {
  return COUNTIES.map((c) => c.population2019 * (hotspots[c.name] ?? 1));
}

function timeOfDay(rng: Rng, weights: readonly number[]): number {
  return rng.weighted(weights) * HOUR + Math.floor(rng.next() * 60) * 60_000;
}

export function generateBaseline(seed: number, config: BaselineConfig = DEFAULT_BASELINE): SimReferral[] {
  const rng = new Rng(deriveSeed(seed, 'referrals:baseline'));
  const weights = countyWeights(config.hotspots);
  const draws = Array.from({ length: config.count }, () => {
    const county = COUNTIES[rng.weighted(weights)] as County;
    const at = config.startMs + rng.int(config.days) * DAY + timeOfDay(rng, HOUR_WEIGHTS);
    return { county, at, service: serviceOf(rng, config.serviceMix) };
  }).sort((a, b) => a.at - b.at || a.county.code - b.county.code);
  return draws.map((d, i) => referral(i, rng, d.county, d.at, d.service, 0.55));
}

export function generateSurge(seed: number, config: SurgeConfig = DEFAULT_SURGE): SimReferral[] {
  const rng = new Rng(deriveSeed(seed, 'referrals:surge'));
  const names = Object.keys(config.counties);
  const counties = names.map((n) => COUNTIES.find((c) => c.name === n) ?? countyByCode(Number(n)));
  const days = Math.ceil(config.hours / 24);
  const draws = Array.from({ length: config.count }, () => {
    const county = counties[rng.weighted(names.map((n) => config.counties[n] as number))] as County;
    const at = config.startMs + rng.int(days) * DAY + timeOfDay(rng, SURGE_HOUR_WEIGHTS);
    return { county, at: Math.min(at, config.startMs + config.hours * HOUR - 60_000), service: serviceOf(rng, config.serviceMix) };
  }).sort((a, b) => a.at - b.at || a.county.code - b.county.code);
  // Protest cases happen in the towns.
  return draws.map((d, i) => referral(i, rng, d.county, d.at, d.service, 0.9));
}
