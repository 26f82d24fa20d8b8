import { Schema, type Connection, type Model } from 'mongoose';
import { createModel } from '@haki/platform-runtime';
import type { Sealer } from '@haki/platform-config';
import { insertOnce } from '@haki/platform-messaging';
import { nairobiDate } from '@haki/vocabulary';
import type { ReferralRequest } from '../referral-request/referral-request';
import { NAME_NOT_GIVEN } from '../../phone-intake/phone-draft';

// One case per incident, found without decrypting anything: each referral's identifying fields (the
// person's name, the day it happened, the county), normalised, are HMAC'd into a blind index key,
// the collection's `_id`. A second referral of the same death computes the same key and finds the
// first by `_id`; nobody who reads the database learns a name from it, and nothing is opened in bulk.

export interface IncidentIndexDocument {
  /**
   * `<fingerprint>#<n>`: the fingerprint (Sealer.fingerprint, `<kid>:<hmac>`) of `{ name, date, county }`,
   * and the referral's place among those of the same key (0, 1, …). Insert-only: an insert against a
   * unique `_id` is atomic on FerretDB too, where an upsert or `$addToSet` racing another is not.
   */
  _id: string;
  referralId: string;
}

const incidentIndexSchema = new Schema<IncidentIndexDocument>({ _id: String, referralId: String }, { versionKey: false });
export const incidentIndexModel = (connection: Connection): Promise<Model<IncidentIndexDocument>> =>
  createModel(connection, 'IncidentIndex', incidentIndexSchema, 'incident_index');

/** More referrals of one person on one day and in one county than this is not one incident reported twice. */
const MAX_REPORTS_PER_KEY = 50;

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

/** The referrals recorded under a key, read by `_id` slot after slot until the first empty one. */
async function recordedUnder(index: Model<IncidentIndexDocument>, key: string): Promise<string[]> {
  const ids: string[] = [];
  for (let slot = 0; slot < MAX_REPORTS_PER_KEY; slot++) {
    const entry = await index.findById(`${key}#${slot}`).lean();
    if (!entry) break;
    ids.push(entry.referralId);
  }
  return ids;
}

/**
 * Records a referral under its incident's key and returns the referrals recorded before it under the
 * same person and county on that day or the day either side ("last night" is one day for one church
 * and the next for another). The referral takes the first free slot of its key by insert, so of two
 * churches reporting at the same moment one takes slot 0 and the other, refused there, reads it and
 * takes slot 1: each sees the other.
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
  // A phone referral carries no name (phone-draft.ts): every nameless one in a county would be "the same
  // person". Not indexed; the desk asks for the name on the call-back.
  if (request.subject.name === NAME_NOT_GIVEN) return [];
  const name = normalisedName(request.subject.name);
  if (!name) return [];
  const keyOf = (date: string) => ({ name, date, county });
  const own = sealer.fingerprint(keyOf(day));
  const earlier: string[] = [];
  for (let slot = 0; slot < MAX_REPORTS_PER_KEY; slot++) {
    if (await insertOnce(index, { _id: `${own}#${slot}`, referralId })) break;
    const taken = await index.findById(`${own}#${slot}`).lean();
    if (taken) earlier.push(taken.referralId);
  }
  // The days either side, and this day under keys used before a rotation: read by `_id`, never scanned.
  const others = [
    ...sealer.fingerprints(keyOf(dayShift(day, -1))),
    ...sealer.fingerprints(keyOf(dayShift(day, 1))),
    ...sealer.fingerprints(keyOf(day)),
  ];
  for (const key of others.filter((key) => key !== own)) earlier.push(...(await recordedUnder(index, key)));
  return [...new Set(earlier)].filter((id) => id !== referralId);
}
