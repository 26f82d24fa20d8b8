import { randomBytes } from 'node:crypto';
import { mongo } from 'mongoose';
import { createLogger } from '@haki/platform-logging';
import { useTestDatabase } from '@haki/testing';
import { entryId, type AuditEntry } from './audit-chain';
import { AUDIT_ENTRIES, AuditLog } from './audit-log';
import { verifyAuditLog } from './verify-audit-log';

describe('the audit log on the real database', () => {
  const database = useTestDatabase('audit');
  const key = randomBytes(32);
  const keys = new Map([['a1', key]]);
  const logger = createLogger({ service: 'test', level: 'silent' });

  async function writtenLog(reads: number) {
    const db = database();
    const log = new AuditLog(db, 'case-service', { keyId: 'a1', key }, logger);
    // Concurrent appends, as concurrent requests make them: serialised into one chain.
    await Promise.all(
      Array.from({ length: reads }, (_, i) =>
        log.append({ actor: 'ops.one', roles: ['ops'], action: 'GET /cases/:id', target: { id: `case-${i}` }, outcome: 'ok' }),
      ),
    );
    await log.checkpoint();
    return { db, log, entries: db.collection<AuditEntry>(AUDIT_ENTRIES) };
  }

  it('chains concurrent appends into one stream with signed checkpoints, and verifies it', async () => {
    const { db, log } = await writtenLog(120);
    const result = await verifyAuditLog(db, keys);
    expect(result).toEqual({ streams: 1, entries: 120, checkpoints: 3, problems: [] }); // at 50, 100, and the head at 120
    expect(log.stream).toMatch(/^case-service\./);
  });

  it('continues the chain when an insert landed but its reply was lost', async () => {
    const db = database();
    const log = new AuditLog(db, 'case-service', { keyId: 'a1', key }, logger);
    const read = (id: string) => log.append({ actor: 'ops.one', roles: ['ops'], action: 'GET /cases/:id', target: { id }, outcome: 'ok' });
    await read('case-1');
    const insertOne = mongo.Collection.prototype.insertOne;
    const lostReply = jest.spyOn(mongo.Collection.prototype, 'insertOne').mockImplementationOnce(async function (
      this: mongo.Collection,
      ...args
    ) {
      await insertOne.apply(this, args as never);
      throw new Error('connection reset');
    });
    await expect(read('case-2')).rejects.toThrow('connection reset');
    lostReply.mockRestore();
    await read('case-3');
    await log.checkpoint();
    expect(await verifyAuditLog(db, keys)).toMatchObject({ entries: 3, problems: [] });
  });

  it('names the record when one is altered, deleted, or two are swapped', async () => {
    const { db, log, entries } = await writtenLog(60);
    await entries.updateOne({ _id: entryId(log.stream, 7) }, { $set: { actor: 'someone.else' } });
    await entries.deleteOne({ _id: entryId(log.stream, 20) });
    const [a, b] = [await entries.findOne({ _id: entryId(log.stream, 30) }), await entries.findOne({ _id: entryId(log.stream, 31) })];
    const { _id: idA, seq: seqA, ...contentA } = a!;
    const { _id: idB, seq: seqB, ...contentB } = b!;
    await entries.replaceOne({ _id: idA }, { ...contentB, seq: seqA });
    await entries.replaceOne({ _id: idB }, { ...contentA, seq: seqB });
    const { problems } = await verifyAuditLog(db, keys);
    expect(problems).toEqual(
      expect.arrayContaining([
        `${entryId(log.stream, 7)}: content does not match its hash (altered)`,
        `${entryId(log.stream, 21)}: entries 20-20 are missing (deleted)`,
        `${entryId(log.stream, 30)}: content does not match its hash (altered)`,
        `${entryId(log.stream, 31)}: content does not match its hash (altered)`,
      ]),
    );
  });

  it('names a truncated tail by its checkpoint, and a stream nobody registered', async () => {
    const { db, log, entries } = await writtenLog(55);
    await entries.deleteMany({ _id: { $gt: entryId(log.stream, 52) } });
    await entries.insertOne({
      ...(await entries.findOne({ _id: entryId(log.stream, 1) }))!,
      _id: 'forged.stream:000000000001',
      stream: 'forged.stream',
    });
    const { problems } = await verifyAuditLog(db, keys);
    expect(problems).toContain(`checkpoint ${entryId(log.stream, 55)}: entry 55 is gone (truncated)`);
    expect(problems).toContain('stream forged.stream: not registered when it began (inserted from outside)');
  });
});
