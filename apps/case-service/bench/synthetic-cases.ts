// Seeded synthetic case summaries for the case list benchmark, shaped like the network's case load:
// most cases closed, most referrals from Nairobi and the big towns, a minority of open cases late or
// close to late on a clock. Plain objects in the CaseSummary shape.
import { COUNTIES } from '@haki/geography';
import type { ServiceType, Urgency } from '@haki/vocabulary';
import { CASE_OUTCOMES, type CaseStatus, type CaseSummary, type SlaClock, type SlaMilestone } from '../src/case-list/case-summary';

/** mulberry32: small, fast, seedable (the same generator as the matching benchmark's). */
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Weighted<T> = readonly (readonly [T, number])[];

function weightedPicker(random: () => number) {
  return <T>(choices: Weighted<T>): T => {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let r = random() * total;
    for (const [value, weight] of choices) {
      r -= weight;
      if (r < 0) return value;
    }
    return choices[choices.length - 1]![0];
  };
}

const BIG_TOWNS = ['Mombasa', 'Kisumu', 'Nakuru', 'Kiambu', 'Uasin Gishu', 'Machakos', 'Kakamega', 'Nyeri'];

const STATUS_MIX: Weighted<CaseStatus> = [
  ['closed', 70],
  ['submitted', 3],
  ['matching', 4],
  ['assigned', 6],
  ['in-progress', 8],
  ['report-in-preparation', 6],
  ['report-delivered', 3],
];
const SERVICE_MIX: Weighted<ServiceType> = [
  ['torture-documentation', 30],
  ['postmortem', 20],
  ['medical-care', 20],
  ['legal-aid', 15],
  ['detention-support', 15],
];
const URGENCY_MIX: Weighted<Urgency> = [
  ['critical', 15],
  ['urgent', 35],
  ['normal', 50],
];
/** The state of an open case's running clock: about 15% late and 10% in the warning window. */
const OPEN_CLOCK_MIX: Weighted<'breached' | 'at-risk' | 'on-track'> = [
  ['breached', 15],
  ['at-risk', 10],
  ['on-track', 75],
];

// Hours from receipt each milestone is due, by urgency: the shape of the network's service targets.
const DUE_HOURS: Record<Urgency, Record<SlaMilestone, number>> = {
  critical: { 'first-offer': 0.25, acceptance: 2, 'on-site': 12, report: 12 + 7 * 24 },
  urgent: { 'first-offer': 1, acceptance: 8, 'on-site': 48, report: 48 + 14 * 24 },
  normal: { 'first-offer': 8, acceptance: 48, 'on-site': 7 * 24, report: 7 * 24 + 30 * 24 },
};
const MILESTONE_ORDER: SlaMilestone[] = ['first-offer', 'acceptance', 'on-site', 'report'];
/** The first milestone still running at each open status (undefined: every clock is met). */
const RUNNING: Record<CaseStatus, SlaMilestone | undefined> = {
  submitted: 'first-offer',
  matching: 'acceptance',
  assigned: 'on-site',
  'in-progress': 'report',
  'report-in-preparation': 'report',
  'report-delivered': undefined,
  closed: undefined,
};
const AT_RISK_SHARE = 0.25;
const LATE_SHARE = 0.1; // of met clocks, met after they were due

export interface SyntheticCases {
  rows: CaseSummary[];
  /** The professional on most cases: the heaviest "my cases" list. */
  busiestProfessionalId: string;
}

/** `n` summaries in order of receipt (as the store loads them), every instant before `nowMs`. */
export function syntheticCases(n: number, seed: number, nowMs: number): SyntheticCases {
  const random = seededRandom(seed);
  const pick = weightedPicker(random);
  const counties: Weighted<string> = [
    ['Nairobi', 400],
    ...BIG_TOWNS.map((name): [string, number] => [name, 35]),
    ...COUNTIES.map((c): [string, number] => [c.name, 6]),
  ];
  const professionals = Array.from({ length: 600 }, (_, i) => `pro-${String(i).padStart(4, '0')}`);
  // A few prolific volunteers carry many cases: squaring skews the picks toward the low indices.
  const professional = () => professionals[Math.floor(random() ** 2 * professionals.length)]!;
  const organisations: Weighted<string> = Array.from({ length: 15 }, (_, i) => [`org-${i + 1}`, 15 - i]);
  const hexId = () => Array.from({ length: 12 }, () => Math.floor(random() * 16).toString(16)).join('');
  const iso = (ms: number) => new Date(ms).toISOString();

  const rows = Array.from({ length: n }, (): CaseSummary => {
    const status = pick(STATUS_MIX);
    const serviceType = pick(SERVICE_MIX);
    const urgency = serviceType === 'detention-support' && random() < 0.7 ? 'critical' : pick(URGENCY_MIX);
    const due = DUE_HOURS[urgency];
    const running = RUNNING[status];
    // A clock runs from the previous milestone's due time; its last quarter is the warning window.
    const startHours = (i: number) => (i > 0 ? due[MILESTONE_ORDER[i - 1]!] : 0);
    const spanMs = (i: number) => (due[MILESTONE_ORDER[i]!] - startHours(i)) * HOUR;

    const runningIndex = running ? MILESTONE_ORDER.indexOf(running) : MILESTONE_ORDER.length;
    let receivedMs: number;
    if (running) {
      // Place receipt so the running clock lands in the chosen state now.
      const span = spanMs(runningIndex);
      const state = pick(OPEN_CLOCK_MIX);
      const dueInMs =
        state === 'breached'
          ? -random() * 3 * DAY
          : state === 'at-risk'
            ? random() * AT_RISK_SHARE * span
            : (AT_RISK_SHARE + random()) * span;
      receivedMs = nowMs + dueInMs - due[running] * HOUR;
    } else if (status === 'closed') {
      receivedMs = nowMs - (2 + random() * 728) * DAY;
    } else {
      receivedMs = nowMs - (1 + random() * 45) * DAY;
    }

    const sla: SlaClock[] = MILESTONE_ORDER.slice(0, runningIndex + 1).map((milestone, i) => {
      const dueMs = receivedMs + due[milestone] * HOUR;
      const clock = { milestone, dueAt: iso(dueMs), atRiskFrom: iso(dueMs - AT_RISK_SHARE * spanMs(i)) };
      if (i === runningIndex) return clock;
      const metMs = random() < LATE_SHARE ? dueMs + random() * 12 * HOUR : dueMs - random() * spanMs(i) * 0.9;
      return { ...clock, metAt: iso(Math.min(metMs, nowMs - 1)) };
    });

    const closedMs = status === 'closed' ? Math.min(nowMs - HOUR, receivedMs + due.report * HOUR * (0.5 + random())) : undefined;
    const updatedMs = closedMs ?? receivedMs + random() * (nowMs - receivedMs);
    const teamSize = status === 'submitted' || status === 'matching' ? 0 : 1 + Math.floor(random() * 3);
    const professionalIds = [...new Set(Array.from({ length: teamSize }, professional))];
    const unfilled = (status === 'matching' || status === 'submitted') && random() < 0.5 ? ['advocate'] : [];

    return {
      caseId: `ref-${hexId()}`,
      status,
      ...(status === 'closed' ? { outcome: CASE_OUTCOMES[Math.floor(random() * CASE_OUTCOMES.length)]! } : {}),
      serviceType,
      urgency,
      county: pick(counties),
      organisationId: pick(organisations),
      professionalIds,
      unfilledRoles: unfilled,
      escalated: unfilled.length > 0 && random() < 0.3,
      missingChecklistItems: status === 'closed' ? 0 : Math.floor(random() * 5),
      receivedAt: iso(receivedMs),
      updatedAt: iso(updatedMs),
      ...(closedMs === undefined ? {} : { closedAt: iso(closedMs) }),
      sla,
      entries: 3 + Math.floor(random() * 40),
    };
  }).sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));

  const load = new Map<string, number>();
  for (const row of rows) for (const id of row.professionalIds) load.set(id, (load.get(id) ?? 0) + 1);
  const busiestProfessionalId = [...load.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? professionals[0]!;
  return { rows, busiestProfessionalId };
}
