import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** One audited act: who did what to which record, and how it ended. Never a name, phone or place. */
export interface AuditFact {
  /** The account (or `anonymous`, or `system` for the service's own work such as opening a contact to send an SMS). */
  actor: string;
  roles: string[];
  /** `GET /cases/:id`, `pii.opened`, … */
  action: string;
  /** Ids the act was about (route parameters, a referral id); never link tokens or webhook secrets. */
  target: Record<string, string>;
  /** HTTP status, or `ok`. */
  outcome: string;
  correlationId?: string;
}

/** An entry of one stream: a process's own sequence, each entry hashing its predecessor. */
export interface AuditEntry extends AuditFact {
  _id: string;
  stream: string;
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

/** A stream's hash at one sequence number, signed with AUDIT_KEYS: truncating or rewriting before it shows. */
export interface AuditCheckpoint {
  _id: string;
  stream: string;
  seq: number;
  hash: string;
  at: Date;
  keyId: string;
  signature: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Entry ids sort by stream, then sequence (zero-padded): a stream reads back in order by `_id`. */
export const entryId = (stream: string, seq: number): string => `${stream}:${String(seq).padStart(12, '0')}`;

/** The hash of an entry: every field in a fixed order, chained to the previous entry's hash. */
export function entryHash(entry: Omit<AuditEntry, '_id' | 'hash'>): string {
  const canonical = JSON.stringify([
    entry.stream,
    entry.seq,
    new Date(entry.at).toISOString(),
    entry.actor,
    entry.roles,
    entry.action,
    Object.entries(entry.target).sort(([a], [b]) => a.localeCompare(b)),
    entry.outcome,
    entry.correlationId ?? null,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export function checkpointSignature(key: Buffer, checkpoint: Pick<AuditCheckpoint, 'stream' | 'seq' | 'hash' | 'at'>): string {
  return createHmac('sha256', key)
    .update(`${checkpoint.stream}|${checkpoint.seq}|${checkpoint.hash}|${new Date(checkpoint.at).toISOString()}`)
    .digest('hex');
}

/**
 * What is wrong with one stream, each problem naming the entry: a gap in the sequence (a deleted
 * entry), an entry whose content no longer matches its hash (altered), one that does not chain to its
 * predecessor (reordered or replaced), a checkpoint whose signature fails or whose entry is gone or
 * different (truncated or rewritten). Entries in `_id` order; an empty list means intact.
 */
export function verifyStream(entries: AuditEntry[], checkpoints: AuditCheckpoint[], keys: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const hashes = new Map<number, string>();
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      problems.push(
        entry.seq > expectedSeq
          ? `${entry._id}: entries ${expectedSeq}-${entry.seq - 1} are missing (deleted)`
          : `${entry._id}: sequence ${entry.seq} where ${expectedSeq} was expected (reordered)`,
      );
    }
    if (entry._id !== entryId(entry.stream, entry.seq)) problems.push(`${entry._id}: id does not match its sequence ${entry.seq} (moved)`);
    const { _id: _ignored, hash, ...content } = entry;
    if (entryHash(content) !== hash) problems.push(`${entry._id}: content does not match its hash (altered)`);
    else if (entry.prevHash !== prevHash) problems.push(`${entry._id}: does not follow the entry before it (reordered or replaced)`);
    hashes.set(entry.seq, hash);
    prevHash = hash;
    expectedSeq = entry.seq + 1;
  }
  for (const checkpoint of checkpoints) {
    const key = keys.get(checkpoint.keyId);
    const expected = key ? checkpointSignature(key, checkpoint) : undefined;
    if (!expected || !sameHex(expected, checkpoint.signature)) {
      problems.push(`checkpoint ${checkpoint._id}: signature does not verify (forged or altered)`);
    } else if (!hashes.has(checkpoint.seq)) {
      problems.push(`checkpoint ${checkpoint._id}: entry ${checkpoint.seq} is gone (truncated)`);
    } else if (hashes.get(checkpoint.seq) !== checkpoint.hash) {
      problems.push(`checkpoint ${checkpoint._id}: entry ${checkpoint.seq} differs from what was signed (rewritten)`);
    }
  }
  return problems;
}

function sameHex(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a, 'hex'), Buffer.from(b, 'hex')];
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
