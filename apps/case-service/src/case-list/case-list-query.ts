import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import { findCounty } from '@haki/geography';
import { currentServiceType, SERVICE_TYPES, URGENCIES, type ServiceType, type Urgency } from '@haki/vocabulary';
import { decodeCursor, encodeCursor, type CaseListCursor } from './case-list-cursor';
import { CASE_SORTS, comparePositions, FirstInOrder, positionOf, type CaseSort } from './case-order';
import { CASE_STATUSES, SLA_STATES, type CaseStatus, type CaseSummary, type SlaState } from './case-summary';
import { timesOf } from './row-times';
import { slaStateFrom } from './sla-state';
import { CountyTallies, StatusTallies } from './case-tallies';

export { slaStateAt } from './sla-state';
export { CASE_SORTS, type CaseSort } from './case-order';
export type { CaseListCursor } from './case-list-cursor';
export { NO_COUNTY } from './case-tallies';

// The case service holds every case's summary in memory and answers lists from there: FerretDB reads a
// whole collection for any filter but a bare _id (about 1 s per 20k documents). The database stays the
// source of truth; this module is the pure part, a query over rows it is handed.

/** The case list query after parsing: what `listCases` runs. */
export interface CaseListQuery {
  /** Default: every status but `closed`. */
  status: CaseStatus[];
  /** Canonical county names (the request may spell them in any case). */
  county?: string[];
  serviceType?: ServiceType[];
  urgency?: Urgency[];
  sla?: SlaState[];
  professionalId?: string;
  organisationId?: string;
  escalated?: boolean;
  /** Age = now − receivedAt, in hours, bounds included. */
  minAgeHours?: number;
  maxAgeHours?: number;
  sort: CaseSort;
  limit: number;
  cursor?: CaseListCursor;
}

export interface ListedCase extends CaseSummary {
  /** Computed at the `now` the list was made for. */
  slaState: SlaState;
}

export interface CaseListCounts {
  /**
   * Per status and per county over the rows that match every filter except status and county, so a
   * dashboard can show what each status or county would hold with the other filters kept. A county
   * nobody matched is absent (zero); cases without a county count under NO_COUNTY.
   */
  byStatus: Record<CaseStatus, number>;
  byCounty: Record<string, number>;
  /** Rows matching every filter (all pages together). */
  total: number;
}

export interface CaseList {
  cases: ListedCase[];
  /** Present while rows remain after this page. */
  nextCursor?: string;
  counts: CaseListCounts;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;
const OPEN_STATUSES: CaseStatus[] = CASE_STATUSES.filter((status) => status !== 'closed');
const HOUR_MS = 3_600_000;

const quoted = (values: string[]) => values.map((value) => `'${value}'`).join(', ');

/**
 * A comma-separated query value: spaces and empty items ignored, at least one item, every item
 * recognised by `recognise` (which returns its canonical form), repeats dropped.
 */
function commaList<T extends string>(recognise: (item: string) => T | undefined, expected: string) {
  return z.string().transform((raw, ctx): T[] => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    if (items.length === 0) {
      ctx.issues.push({ code: 'custom', message: `must list at least one of ${expected}`, input: raw });
      return z.NEVER;
    }
    const unknown = items.filter((item) => recognise(item) === undefined);
    if (unknown.length > 0) {
      ctx.issues.push({ code: 'custom', message: `${quoted(unknown)} not recognised; expected ${expected}`, input: raw });
      return z.NEVER;
    }
    return [...new Set(items.map((item) => recognise(item)!))];
  });
}

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (item: string): T | undefined =>
    allowed.find((value) => value === item);

const listOf = <T extends string>(allowed: readonly T[]) => commaList(oneOf(allowed), allowed.join(', '));

const hours = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number of hours, 0 or more')
  .transform(Number);

const id = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const queryFields = {
  status: listOf(CASE_STATUSES)
    .default(OPEN_STATUSES)
    .describe(`Comma-separated, any of ${CASE_STATUSES.join(', ')}; default every status but closed.`),
  county: commaList((name) => findCounty(name)?.name, 'Kenyan county names')
    .optional()
    .describe('Comma-separated county names, any case.'),
  // Links saved before a service type was renamed keep working.
  serviceType: commaList((name) => oneOf(SERVICE_TYPES)(currentServiceType(name)), SERVICE_TYPES.join(', '))
    .optional()
    .describe(`Comma-separated, any of ${SERVICE_TYPES.join(', ')}.`),
  urgency: listOf(URGENCIES)
    .optional()
    .describe(`Comma-separated, any of ${URGENCIES.join(', ')}.`),
  sla: listOf(SLA_STATES)
    .optional()
    .describe(`Comma-separated, any of ${SLA_STATES.join(', ')}, as of now.`),
  professionalId: id.optional().describe('Cases this professional holds an assignment on.'),
  organisationId: id.optional().describe('Cases this organisation submitted.'),
  escalated: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((flag) => flag === 'true')
    .optional()
    .describe('true: escalated to ops and not filled yet; false: the others.'),
  minAgeHours: hours.optional().describe('Hours since the referral was received, at least.'),
  maxAgeHours: hours.optional().describe('Hours since the referral was received, at most.'),
  sort: z
    .enum(CASE_SORTS, { error: `must be one of ${CASE_SORTS.join(', ')}` })
    .default('dueAt')
    .describe('dueAt: nearest open SLA clock first, none last; urgency: most urgent, then oldest; `-` for newest first.'),
  limit: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .transform(Number)
    .refine((limit) => limit >= 1 && limit <= MAX_LIMIT, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .default(DEFAULT_LIMIT)
    .describe(`Cases per page, 1 to ${MAX_LIMIT}; default ${DEFAULT_LIMIT}.`),
  cursor: z
    .string()
    .max(1_000, 'is not a cursor this list gave out')
    .optional()
    .describe('nextCursor of the previous page, with the same sort.'),
};

const UNKNOWN_FIELD = `is not a case list field; known: ${Object.keys(queryFields).join(', ')}`;

/**
 * The case list's HTTP query string (every value a string) to a CaseListQuery. Unknown fields are
 * refused one by one under their own name (zod's strict mode would report them all at the root).
 */
export const caseListQuery = z
  .looseObject(queryFields)
  .superRefine(
    (raw, ctx) => {
      for (const name of Object.keys(raw)) {
        if (!Object.hasOwn(queryFields, name)) ctx.addIssue({ code: 'custom', path: [name], message: UNKNOWN_FIELD });
      }
    },
    // Also when a known field failed: the caller learns of every bad field in one answer.
    { when: ({ value }) => typeof value === 'object' && value !== null },
  )
  .transform((q, ctx): CaseListQuery => {
    if (q.minAgeHours !== undefined && q.maxAgeHours !== undefined && q.minAgeHours > q.maxAgeHours) {
      ctx.issues.push({ code: 'custom', path: ['minAgeHours'], message: 'must not exceed maxAgeHours', input: q.minAgeHours });
    }
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (q.cursor !== undefined && cursor === undefined) {
      ctx.issues.push({ code: 'custom', path: ['cursor'], message: 'is not a cursor this list gave out', input: q.cursor });
    } else if (cursor && cursor.sort !== q.sort) {
      const message = `was made for sort=${cursor.sort}, not ${q.sort}: keep that sort or start again without a cursor`;
      ctx.issues.push({ code: 'custom', path: ['cursor'], message, input: q.cursor });
    }
    if (ctx.issues.length > 0) return z.NEVER;
    return {
      status: q.status,
      county: q.county,
      serviceType: q.serviceType,
      urgency: q.urgency,
      sla: q.sla,
      professionalId: q.professionalId,
      organisationId: q.organisationId,
      escalated: q.escalated,
      minAgeHours: q.minAgeHours,
      maxAgeHours: q.maxAgeHours,
      sort: q.sort,
      limit: q.limit,
      cursor,
    };
  });

/** Parses a request's query string; a bad one is CASE.INVALID_REQUEST (400) naming each field and why. */
export function parseCaseListQuery(raw: unknown): CaseListQuery {
  const parsed = caseListQuery.safeParse(raw);
  if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
  return parsed.data;
}

/**
 * One page of the cases matching `query`, in its order, with counts. One pass filters and counts;
 * only the first `limit` rows after the cursor are kept in order (no sort of every match). Rows are
 * read as values: a changed case must be a new summary object, never one edited in place (row-times.ts).
 *
 * Paging: the cursor names the last row returned by its position (sort key, then caseId), and the next
 * page is the matching rows strictly after that position now. Rows added or removed meanwhile do not
 * shift other rows between pages. A row whose sort key changed meanwhile (an updated case under
 * `-updatedAt`, a clock met under `dueAt`) moves to its new place: it may show twice or not at all.
 * That is accepted: the list is a view of work in hand, not a ledger.
 */
export function listCases(rows: Iterable<CaseSummary>, query: CaseListQuery, now: Date): CaseList {
  const nowMs = now.getTime();
  const matchesOtherFilters = otherFilters(query, nowMs);
  const statuses = new StatusTallies(query.status);
  const counties = new CountyTallies(query.county);
  const page = new FirstInOrder<CaseSummary>(query.limit);
  let total = 0;
  let afterCursor = 0;

  for (const row of rows) {
    if (!matchesOtherFilters(row)) continue;
    const status = statuses.of(row.status);
    if (status === undefined) continue;
    const county = counties.of(row.county);
    // Faceted counts: each facet counts under the other's filter (open cases by county when listing open
    // cases), and over every value of its own (so a dashboard's tabs show what the other tabs hold).
    if (county.wanted) status.count += 1;
    if (status.wanted) county.count += 1;
    if (!status.wanted || !county.wanted) continue;
    total += 1;
    const position = positionOf(query.sort, row);
    if (query.cursor && comparePositions(position, query.cursor) <= 0) continue;
    afterCursor += 1;
    page.offer(position, row);
  }

  const kept = page.entries();
  const last = kept[kept.length - 1];
  return {
    cases: kept.map(({ value }) => ({ ...value, slaState: slaStateFrom(timesOf(value), nowMs) })),
    ...(last && afterCursor > kept.length ? { nextCursor: encodeCursor(query.sort, last.position) } : {}),
    counts: { byStatus: statuses.counts(), byCounty: counties.counts(), total },
  };
}

/** The filters other than status and county (the counts are taken after these), cheapest checks first. */
function otherFilters(query: CaseListQuery, nowMs: number): (row: CaseSummary) => boolean {
  const { escalated, organisationId, professionalId, minAgeHours, maxAgeHours } = query;
  const serviceTypes = query.serviceType && new Set<string>(query.serviceType);
  const urgencies = query.urgency && new Set<string>(query.urgency);
  const slaStates = query.sla && new Set(query.sla);
  // Age bounds turned into receivedAt bounds once, not an age computed per row.
  const checksAge = minAgeHours !== undefined || maxAgeHours !== undefined;
  const receivedAtMost = minAgeHours === undefined ? Infinity : nowMs - minAgeHours * HOUR_MS;
  const receivedAtLeast = maxAgeHours === undefined ? -Infinity : nowMs - maxAgeHours * HOUR_MS;

  return (row) => {
    if (escalated !== undefined && row.escalated !== escalated) return false;
    if (organisationId !== undefined && row.organisationId !== organisationId) return false;
    if (professionalId !== undefined && !row.professionalIds.includes(professionalId)) return false;
    if (serviceTypes && (row.serviceType === undefined || !serviceTypes.has(currentServiceType(row.serviceType)))) return false;
    if (urgencies && (row.urgency === undefined || !urgencies.has(row.urgency))) return false;
    if (checksAge) {
      const receivedMs = timesOf(row).receivedMs;
      // An unreadable receivedAt (NaN) fails both comparisons: an age filter never matches it.
      if (!(receivedMs <= receivedAtMost && receivedMs >= receivedAtLeast)) return false;
    }
    return !slaStates || slaStates.has(slaStateFrom(timesOf(row), nowMs));
  };
}
