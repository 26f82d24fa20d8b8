import type { Roster } from '../roster/roster-snapshot';

/** A credential within this many days of its last valid day is flagged, so ops chase the renewal in time. */
export const CREDENTIAL_WARNING_DAYS = 60;
const DAY_MS = 86_400_000;

/** One volunteer in the roster admin's list: load, availability and credentials; no contact details, no home base. */
export interface RosterRow {
  id: string;
  roles: string[];
  homeTown: string;
  capacity: number;
  openCases: number;
  /** The end of the leave they are on now; absent when available. */
  awayUntil?: string;
  /** Credentials that have expired or expire within CREDENTIAL_WARNING_DAYS, soonest first. */
  credentialsExpiring: { kind: string; expiresOn: string }[];
}

/** The active roster, by id, as the ranking sees it (the snapshot may lag a roster change by ROSTER_REFRESH_MS). */
export function rosterRows(roster: Roster, now: number): RosterRow[] {
  return roster.professionals
    .map((doc) => {
      const away = (doc.timeOff ?? [])
        .map((off) => ({ from: Date.parse(String(off.from)), to: Date.parse(String(off.to)) }))
        .filter((off) => off.from <= now && now < off.to)
        .sort((a, b) => b.to - a.to)[0];
      const credentialsExpiring = (doc.credentials ?? [])
        .filter((credential) => Date.parse(`${credential.expiresOn}T23:59:59+03:00`) < now + CREDENTIAL_WARNING_DAYS * DAY_MS)
        .map(({ kind, expiresOn }) => ({ kind, expiresOn }))
        .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
      return {
        id: doc._id,
        roles: doc.roles,
        homeTown: doc.homeTown,
        capacity: doc.capacity,
        openCases: roster.openCases.get(doc._id) ?? 0,
        ...(away ? { awayUntil: new Date(away.to).toISOString() } : {}),
        credentialsExpiring,
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * A volunteer's own "away until" (or "back now"): their time off with a leave from now until `until`,
 * or with the leave they are on ended now. Past entries are dropped; planned leave is kept, and one
 * that starts before `until` and ends after it is joined to the new leave (never cut short).
 */
export function withAvailability<T extends { from: string; to: string }>(
  timeOff: readonly T[],
  now: number,
  until: number | null,
): { from: string; to: string }[] {
  const planned = timeOff.filter((off) => Date.parse(off.from) > now && Date.parse(off.to) > now).map(({ from, to }) => ({ from, to }));
  if (until === null) return planned;
  const overlapping = planned.filter((off) => Date.parse(off.from) < until);
  const end = Math.max(until, ...overlapping.map((off) => Date.parse(off.to)));
  return [
    { from: new Date(now).toISOString(), to: new Date(end).toISOString() },
    ...planned.filter((off) => Date.parse(off.from) >= until),
  ];
}
