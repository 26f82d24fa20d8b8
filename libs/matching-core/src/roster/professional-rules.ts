import { ROLES } from '@haki/vocabulary';
import { MatchingCoreError } from '../matching-core-error';
import { countProblem, finiteProblem, pointProblem } from '../validation/limits';
import { isIsoDate, isIsoInstant } from '../validation/iso';
import { fieldName, show, type FieldPath, type Problem } from '../validation/problem';
import type { Professional } from './types';
import { WEEKDAYS } from './weekdays';

/**
 * The rules a roster entry must keep for the compiled roster to mean what it says. The types say which
 * fields exist; these say which values the typed arrays and the ranking can take without silently
 * ranking someone wrongly:
 * - counts (capacity, openCases, offers, accepts) are whole numbers that fit an Int32Array;
 * - accepts ≤ offers: an acceptance is an answered offer, and the acceptance estimate
 *   (accepts + a) / (offers + a + b) reads offers − accepts as declines, so more accepts than offers
 *   would give a likelihood above 1 and a negative penalty;
 * - each leave ends at or after it starts (a reversed interval would never cover `now`, so the leave
 *   would be ignored), and every instant and date is valid;
 * - the home base is inside Kenya; minutes and km are finite and not negative.
 * openCases above capacity is allowed on purpose: capacity lowered while cases are open is a real
 * state, and the ranking treats it as full.
 *
 * Hand-written rather than zod: compileRoster checks every entry of a roster of up to a million, and
 * the matching service compiles the roster for each ranking. professionalSchema runs the same rules.
 */
export function professionalProblem(p: Professional): Problem | undefined {
  if (p === null || typeof p !== 'object') return { path: [], reason: `must be an object (got ${show(p)})` };
  return (
    nonEmptyStringProblem(['id'], p.id) ??
    listProblem(['roles'], p.roles, 1, (role, path) =>
      (ROLES as readonly unknown[]).includes(role) ? undefined : { path, reason: `${show(role)} is not one of ${ROLES.join(', ')}` },
    ) ??
    listProblem(['skills'], p.skills, 0, stringProblem) ??
    listProblem(['credentials'], p.credentials, 0, credentialProblem) ??
    listProblem(['languages'], p.languages, 0, stringProblem) ??
    pointProblem(['homeBase'], p.homeBase) ??
    finiteProblem(['maxTravelKm'], p.maxTravelKm) ??
    // County codes become bits of two 32-bit masks: a code outside 1..47 would set another county's bit.
    listProblem(['servesCounties'], p.servesCounties, 0, (code, path) => countProblem(path, code, 1, 47)) ??
    booleanProblem(['remoteCapable'], p.remoteCapable) ??
    (p.schedule === undefined ? undefined : listProblem(['schedule'], p.schedule, 1, slotProblem)) ??
    listProblem(['timeOff'], p.timeOff, 0, leaveProblem) ??
    countProblem(['capacity'], p.capacity) ??
    (p.monthlyCap === undefined ? undefined : countProblem(['monthlyCap'], p.monthlyCap, 1, Number.MAX_SAFE_INTEGER)) ??
    countProblem(['openCases'], p.openCases) ??
    listProblem(['recentAssignments'], p.recentAssignments, 0, assignmentProblem) ??
    statsProblem(p.stats) ??
    listProblem(['conflicts'], p.conflicts, 0, stringProblem)
  );
}

/** Throws MATCHING.INVALID_ROSTER naming the professional, the field and the reason, for the first entry that breaks a rule. */
export function assertValidRoster(professionals: readonly Professional[]): void {
  for (let i = 0; i < professionals.length; i++) {
    const p = professionals[i] as Professional;
    const problem = professionalProblem(p);
    if (!problem) continue;
    const id = typeof p?.id === 'string' && p.id !== '' ? p.id : `#${i} (no id)`;
    const field = fieldName(problem.path);
    throw new MatchingCoreError('MATCHING.INVALID_ROSTER', `professional ${id}: ${field ? `${field} ` : ''}${problem.reason}`);
  }
}

// `HH:MM`, as in the schema; 24:00 ends a day.
const HHMM = /^([01]\d|2[0-4]):[0-5]\d$/;

function listProblem(
  path: FieldPath,
  value: unknown,
  minLength: number,
  item: (value: unknown, path: FieldPath) => Problem | undefined,
): Problem | undefined {
  if (!Array.isArray(value)) return { path, reason: `must be a list (got ${show(value)})` };
  if (value.length < minLength) return { path, reason: `must list at least ${minLength}` };
  for (let i = 0; i < value.length; i++) {
    const problem = item(value[i], [...path, i]);
    if (problem) return problem;
  }
  return undefined;
}

const stringProblem = (value: unknown, path: FieldPath): Problem | undefined =>
  typeof value === 'string' ? undefined : { path, reason: `must be a string (got ${show(value)})` };

const nonEmptyStringProblem = (path: FieldPath, value: unknown): Problem | undefined =>
  typeof value === 'string' && value !== '' ? undefined : { path, reason: `must be a non-empty string (got ${show(value)})` };

const booleanProblem = (path: FieldPath, value: unknown): Problem | undefined =>
  typeof value === 'boolean' ? undefined : { path, reason: `must be true or false (got ${show(value)})` };

const objectProblem = (path: FieldPath, value: unknown): Problem | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? undefined
    : { path, reason: `must be an object (got ${show(value)})` };

const instantProblem = (path: FieldPath, value: unknown): Problem | undefined =>
  isIsoInstant(value) ? undefined : { path, reason: `must be an ISO 8601 date-time with seconds and a zone (got ${show(value)})` };

function credentialProblem(value: unknown, path: FieldPath): Problem | undefined {
  const credential = value as { kind?: unknown; expiresOn?: unknown };
  return (
    objectProblem(path, value) ??
    nonEmptyStringProblem([...path, 'kind'], credential.kind) ??
    (isIsoDate(credential.expiresOn)
      ? undefined
      : { path: [...path, 'expiresOn'], reason: `must be a calendar day YYYY-MM-DD (got ${show(credential.expiresOn)})` })
  );
}

function slotProblem(value: unknown, path: FieldPath): Problem | undefined {
  const slot = value as { day?: unknown; from?: unknown; to?: unknown };
  const hhmm = (key: 'from' | 'to') =>
    typeof slot[key] === 'string' && HHMM.test(slot[key])
      ? undefined
      : { path: [...path, key], reason: `must be HH:MM (got ${show(slot[key])})` };
  return (
    objectProblem(path, value) ??
    ((WEEKDAYS as readonly unknown[]).includes(slot.day)
      ? undefined
      : { path: [...path, 'day'], reason: `${show(slot.day)} is not one of ${WEEKDAYS.join(', ')}` }) ??
    hhmm('from') ??
    hhmm('to')
  );
}

function leaveProblem(value: unknown, path: FieldPath): Problem | undefined {
  const leave = value as { from?: unknown; to?: unknown };
  const invalid = objectProblem(path, value) ?? instantProblem([...path, 'from'], leave.from) ?? instantProblem([...path, 'to'], leave.to);
  if (invalid) return invalid;
  // A zero-length leave is fine (someone who texted "back" the moment it began); a reversed one never covers any instant.
  if (Date.parse(leave.to as string) < Date.parse(leave.from as string)) {
    return { path: [...path, 'to'], reason: `${show(leave.to)} is before from ${show(leave.from)}: leave must end at or after it starts` };
  }
  return undefined;
}

function assignmentProblem(value: unknown, path: FieldPath): Problem | undefined {
  const assignment = value as { at?: unknown; serviceType?: unknown };
  return (
    objectProblem(path, value) ??
    instantProblem([...path, 'at'], assignment.at) ??
    stringProblem(assignment.serviceType, [...path, 'serviceType'])
  );
}

function statsProblem(value: unknown): Problem | undefined {
  const stats = value as { offers?: unknown; accepts?: unknown; medianResponseMinutes?: unknown };
  const invalid =
    objectProblem(['stats'], value) ??
    countProblem(['stats', 'offers'], stats.offers) ??
    countProblem(['stats', 'accepts'], stats.accepts) ??
    finiteProblem(['stats', 'medianResponseMinutes'], stats.medianResponseMinutes);
  if (invalid) return invalid;
  if ((stats.accepts as number) > (stats.offers as number)) {
    return {
      path: ['stats', 'accepts'],
      reason: `${stats.accepts} is more than stats.offers ${stats.offers}: every acceptance is an answered offer`,
    };
  }
  return undefined;
}
