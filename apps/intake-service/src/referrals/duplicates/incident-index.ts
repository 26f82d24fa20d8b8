import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';
import type { Sealer } from '@haki/platform-config';
import { nairobiDate } from '@haki/vocabulary';
import type { ReferralRequest } from '../referral-request/referral-request';

// One case per incident, found without decrypting anything: each referral's identifying fields (the
// person's name, the day it happened, the county), normalised, are HMAC'd into a blind index key,
// the collection's `_id`. A second referral of the same death computes the same key and finds the
// first by `_id`; nobody who reads the database learns a name from it, and nothing is opened in bulk.

export interface IncidentIndexDocument {
  /** The fingerprint (Sealer.fingerprint, `<kid>:<hmac>`) of `{ name, date, county }`. */
  _id: string;
  referralIds: string[];
}

const incidentIndexSchema = new Schema<IncidentIndexDocument>({ _id: String, referralIds: [String] }, { versionKey: false });
export const incidentIndexModel = (connection: Connection): Promise<Model<IncidentIndexDocument>> =>
  createModel(connection, 'IncidentIndex', incidentIndexSchema, 'incident_index');

/** "Ekai  LOKWANG", "Lokwang Ekai" and "Ékai Lokwang" are one person: accents, case, order and punctuation go. */
export function normalisedName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** The day the incident happened (death, arrest, injury or assault), in Nairobi; undefined when none is recorded. */
export function incidentDay(request: ReferralRequest): string | undefined {
  const at =
    ('death' in request && request.death.at) ||
    ('arrest' in request && request.arrest?.at) ||
    ('incident' in request && request.incident?.at) ||
    ('sexualViolence' in request && request.sexualViolence?.at) ||
    undefined;
  return at ? nairobiDate(new Date(at)) : undefined;
}

const dayShift = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Records a referral under its incident's key and returns the referrals recorded before it under the
 * same person and county on that day or the day either side ("last night" is one day for one church
 * and the next for another). The record under the exact day is one atomic update, so two churches
 * reporting at the same moment still see each other.
 */
export async function claimIncident(
  index: Model<IncidentIndexDocument>,
  sealer: Sealer,
  referralId: string,
  request: ReferralRequest,
  county: number,
): Promise<string[]> {
  const day = incidentDay(request);
  if (!day) return [];
  const name = normalisedName(request.subject.name);
  if (!name) return [];
  const keyOf = (date: string) => ({ name, date, county });
  const own = sealer.fingerprint(keyOf(day));
  const before = await index
    .findOneAndUpdate({ _id: own }, { $addToSet: { referralIds: referralId } }, { upsert: true, returnDocument: 'before' })
    .lean();
  // The days either side, and this day under keys used before a rotation: read by `_id`, never scanned.
  const others = [
    ...sealer.fingerprints(keyOf(dayShift(day, -1))),
    ...sealer.fingerprints(keyOf(dayShift(day, 1))),
    ...sealer.fingerprints(keyOf(day)),
  ].filter((key) => key !== own);
  const found = others.length ? await index.find({ _id: { $in: others } }).lean() : [];
  const earlier = [...(before?.referralIds ?? []), ...found.flatMap((entry) => entry.referralIds)];
  return [...new Set(earlier)].filter((id) => id !== referralId);
}
