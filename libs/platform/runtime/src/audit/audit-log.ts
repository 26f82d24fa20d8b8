import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { Logger } from '@haki/platform-logging';
import { currentCorrelationId } from '@haki/platform-logging';
import { isDuplicateKeyError } from '@haki/platform-messaging';
import {
  checkpointSignature,
  entryHash,
  entryId,
  GENESIS_HASH,
  type AuditCheckpoint,
  type AuditEntry,
  type AuditFact,
} from './audit-chain';

export const AUDIT_ENTRIES = 'audit_log';
export const AUDIT_CHECKPOINTS = 'audit_checkpoints';
export const AUDIT_STREAMS = 'audit_streams';

/** A signed checkpoint after this many entries, and on shutdown. */
const CHECKPOINT_EVERY = 50;

/**
 * This process's audit stream. Each process writes a stream of its own (id: service, start time,
 * random), so it keeps the sequence and the last hash in memory and every append is one insert by a
 * new `_id`: no read-modify-write, nothing two writers could race on, correct on FerretDB. Appends
 * are serialised; one that fails (the database is down) is not counted, and the act it records fails
 * with it: a case is not shown unless its reading is on record.
 */
export class AuditLog {
  readonly stream: string;
  private seq = 0;
  private lastHash = GENESIS_HASH;
  private lastCheckpointSeq = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private registered = false;

  constructor(
    private readonly mongo: Connection,
    service: string,
    private readonly key: { keyId: string; key: Buffer },
    private readonly logger: Logger,
  ) {
    this.stream = `${service}.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
  }

  append(fact: AuditFact): Promise<void> {
    const next = this.tail.then(() => this.write(fact));
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** Signs the stream's head once the appends before it are written (on shutdown, so the last entries are covered too). */
  checkpoint(): Promise<void> {
    const next = this.tail.then(() => this.signHead());
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async signHead(): Promise<void> {
    if (this.seq === this.lastCheckpointSeq) return;
    const at = new Date();
    const signed = { stream: this.stream, seq: this.seq, hash: this.lastHash, at };
    await this.mongo.collection<AuditCheckpoint>(AUDIT_CHECKPOINTS).insertOne({
      _id: entryId(this.stream, this.seq),
      ...signed,
      keyId: this.key.keyId,
      signature: checkpointSignature(this.key.key, signed),
    });
    this.lastCheckpointSeq = this.seq;
  }

  private async write(fact: AuditFact): Promise<void> {
    if (!this.registered) {
      // A registration whose reply was lost stands: found again on the retry.
      await this.mongo
        .collection<{ _id: string; startedAt: Date }>(AUDIT_STREAMS)
        .insertOne({ _id: this.stream, startedAt: new Date() })
        .catch((error: unknown) => {
          if (!isDuplicateKeyError(error)) throw error;
        });
      this.registered = true;
    }
    const correlationId = fact.correlationId ?? currentCorrelationId();
    const content = {
      stream: this.stream,
      seq: this.seq + 1,
      at: new Date(),
      ...fact,
      ...(correlationId ? { correlationId } : {}),
      prevHash: this.lastHash,
    };
    const hash = entryHash(content);
    const entries = this.mongo.collection<AuditEntry>(AUDIT_ENTRIES);
    const _id = entryId(this.stream, content.seq);
    try {
      await entries.insertOne({ _id, ...content, hash });
    } catch (error) {
      // An earlier insert of this entry landed but its reply was lost: only this process writes the
      // stream, so the entry there is the one that failed to report; continue the chain from it.
      if (!isDuplicateKeyError(error)) throw error;
      const landed = await entries.findOne({ _id });
      if (!landed) throw error;
      this.seq = landed.seq;
      this.lastHash = landed.hash;
      return this.write(fact);
    }
    this.seq = content.seq;
    this.lastHash = hash;
    if (this.seq - this.lastCheckpointSeq >= CHECKPOINT_EVERY) {
      await this.signHead().catch((error: unknown) => this.logger.warn({ err: error }, 'audit checkpoint failed; the next one covers it'));
    }
  }
}
