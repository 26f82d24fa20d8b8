import type { Connection } from 'mongoose';
import { verifyStream, type AuditCheckpoint, type AuditEntry } from './audit-chain';
import { AUDIT_CHECKPOINTS, AUDIT_ENTRIES, AUDIT_STREAMS } from './audit-log';

export interface AuditVerification {
  streams: number;
  entries: number;
  checkpoints: number;
  /** Each names the entry or checkpoint; empty when the log is intact. */
  problems: string[];
}

/**
 * Checks a service's whole audit log: every stream's chain and checkpoints, and that every stream
 * was registered when it began. Entries are read through a cursor in `_id` order, so they come
 * stream by stream and only one stream is held at a time; checkpoints and registrations are few.
 * A scan: for auditors and `npm run audit:verify`, never on a hot path.
 */
export async function verifyAuditLog(mongo: Connection, keys: Map<string, Buffer>): Promise<AuditVerification> {
  const checkpoints = await mongo.collection<AuditCheckpoint>(AUDIT_CHECKPOINTS).find().sort({ _id: 1 }).toArray();
  const registered = new Set((await mongo.collection<{ _id: string }>(AUDIT_STREAMS).find().toArray()).map((stream) => stream._id));
  const problems: string[] = [];
  const seen = new Set<string>();
  let entries = 0;
  const check = (stream: string, ofStream: AuditEntry[]) => {
    seen.add(stream);
    if (!registered.has(stream)) problems.push(`stream ${stream}: not registered when it began (inserted from outside)`);
    problems.push(
      ...verifyStream(
        ofStream,
        checkpoints.filter((checkpoint) => checkpoint.stream === stream),
        keys,
      ),
    );
  };
  let current: { stream: string; entries: AuditEntry[] } | undefined;
  for await (const entry of mongo.collection<AuditEntry>(AUDIT_ENTRIES).find().sort({ _id: 1 })) {
    entries += 1;
    if (current?.stream !== entry.stream) {
      if (current) check(current.stream, current.entries);
      current = { stream: entry.stream, entries: [] };
    }
    current.entries.push(entry);
  }
  if (current) check(current.stream, current.entries);
  // Streams with a registration or checkpoints but no entries left.
  for (const stream of new Set([...registered, ...checkpoints.map((checkpoint) => checkpoint.stream)]))
    if (!seen.has(stream)) check(stream, []);
  return { streams: seen.size, entries, checkpoints: checkpoints.length, problems };
}
