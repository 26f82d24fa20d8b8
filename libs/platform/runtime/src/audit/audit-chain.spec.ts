import { randomBytes } from 'node:crypto';
import { checkpointSignature, entryHash, entryId, GENESIS_HASH, verifyStream, type AuditCheckpoint, type AuditEntry } from './audit-chain';

const key = randomBytes(32);
const keys = new Map([['a1', key]]);
const STREAM = 'case-service.test.0001';

/** A stream of `n` case reads, chained as AuditLog writes them, with a checkpoint at `checkpointAt`. */
function stream(n: number, checkpointAt: number): { entries: AuditEntry[]; checkpoints: AuditCheckpoint[] } {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const content = {
      stream: STREAM,
      seq,
      at: new Date(Date.UTC(2026, 11, 2, 9, 0, seq)),
      actor: `ops.${seq}`,
      roles: ['ops'],
      action: 'GET /cases/:id',
      target: { id: `case-${seq}` },
      outcome: 'ok',
      prevHash,
    };
    const hash = entryHash(content);
    entries.push({ _id: entryId(STREAM, seq), ...content, hash });
    prevHash = hash;
  }
  const head = entries[checkpointAt - 1]!;
  const signed = { stream: STREAM, seq: checkpointAt, hash: head.hash, at: new Date(Date.UTC(2026, 11, 2, 10)) };
  return { entries, checkpoints: [{ _id: head._id, ...signed, keyId: 'a1', signature: checkpointSignature(key, signed) }] };
}

describe('the audit chain verifier', () => {
  it('passes an intact stream', () => {
    const { entries, checkpoints } = stream(6, 5);
    expect(verifyStream(entries, checkpoints, keys)).toEqual([]);
  });

  it('names an altered entry', () => {
    const { entries, checkpoints } = stream(6, 5);
    entries[2] = { ...entries[2]!, actor: 'someone.else' };
    expect(verifyStream(entries, checkpoints, keys)).toEqual([`${entryId(STREAM, 3)}: content does not match its hash (altered)`]);
  });

  it('names a deleted entry', () => {
    const { entries, checkpoints } = stream(6, 5);
    entries.splice(3, 1);
    expect(verifyStream(entries, checkpoints, keys)).toContain(`${entryId(STREAM, 5)}: entries 4-4 are missing (deleted)`);
  });

  it("names reordered entries (stored in each other's place, ids and sequence numbers kept)", () => {
    const { entries, checkpoints } = stream(6, 5);
    const [second, third] = [entries[1]!, entries[2]!];
    entries[1] = { ...third, _id: second._id, seq: 2 };
    entries[2] = { ...second, _id: third._id, seq: 3 };
    expect(verifyStream(entries, checkpoints, keys)).toEqual([
      `${entryId(STREAM, 2)}: content does not match its hash (altered)`,
      `${entryId(STREAM, 3)}: content does not match its hash (altered)`,
      `${entryId(STREAM, 4)}: does not follow the entry before it (reordered or replaced)`,
    ]);
  });

  it('names a truncated tail and a stream rewritten from scratch, by the signed checkpoint', () => {
    const { entries, checkpoints } = stream(6, 5);
    expect(verifyStream(entries.slice(0, 4), checkpoints, keys)).toEqual([`checkpoint ${entryId(STREAM, 5)}: entry 5 is gone (truncated)`]);
    // Someone with write access rewrites every entry and recomputes the whole chain: only the checkpoint shows it.
    const forged = stream(6, 5).entries;
    let prevHash = GENESIS_HASH;
    for (const entry of forged) {
      entry.actor = 'nobody';
      entry.prevHash = prevHash;
      entry.hash = entryHash(entry);
      prevHash = entry.hash;
    }
    expect(verifyStream(forged, checkpoints, keys)).toEqual([
      `checkpoint ${entryId(STREAM, 5)}: entry 5 differs from what was signed (rewritten)`,
    ]);
  });

  it('names a checkpoint signed without the key', () => {
    const { entries, checkpoints } = stream(6, 5);
    const forged = { ...checkpoints[0]!, signature: checkpointSignature(randomBytes(32), checkpoints[0]!) };
    expect(verifyStream(entries, [forged], keys)).toEqual([
      `checkpoint ${entryId(STREAM, 5)}: signature does not verify (forged or altered)`,
    ]);
  });
});
