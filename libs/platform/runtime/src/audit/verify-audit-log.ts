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
 * was registered when it began. Reads everything, in `_id` order: an offline check for auditors and
 * `npm run audit:verify`, never on a request path.
 */
export async function verifyAuditLog(mongo: Connection, keys: Map<string, Buffer>): Promise<AuditVerification> {
  const entries = await mongo.collection<AuditEntry>(AUDIT_ENTRIES).find().sort({ _id: 1 }).toArray();
  const checkpoints = await mongo.collection<AuditCheckpoint>(AUDIT_CHECKPOINTS).find().sort({ _id: 1 }).toArray();
  const registered = new Set((await mongo.collection<{ _id: string }>(AUDIT_STREAMS).find().toArray()).map((stream) => stream._id));
  const streams = new Set([...registered, ...entries.map((entry) => entry.stream), ...checkpoints.map((c) => c.stream)]);
  const problems: string[] = [];
  for (const stream of streams) {
    if (!registered.has(stream)) problems.push(`stream ${stream}: not registered when it began (inserted from outside)`);
    problems.push(
      ...verifyStream(
        entries.filter((entry) => entry.stream === stream),
        checkpoints.filter((checkpoint) => checkpoint.stream === stream),
        keys,
      ),
    );
  }
  return { streams: streams.size, entries: entries.length, checkpoints: checkpoints.length, problems };
}
