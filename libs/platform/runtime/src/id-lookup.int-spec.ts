import { eventually, useTestDatabase } from '@haki/testing';

// Every hot path reads and writes by `_id` (docs/performance.md). FerretDB 1.24 on SQLite never used
// its own `_id` index (its queries and the index spell the expression differently), so the local
// stack's FerretDB adds one that they match (deploy/local/ferretdb/idindex.go). This checks the
// server's own query plan, on FerretDB and on MongoDB alike.
describe('lookups by _id on the real database', () => {
  const database = useTestDatabase('idlookup');

  it('are served from an index, not a read of the whole collection', async () => {
    const collection = database().collection<{ _id: string; n: number }>('things');
    await collection.insertMany(Array.from({ length: 1_000 }, (_, n) => ({ _id: `thing-${n}`, n })));

    const plan = await eventually(
      async () => {
        // A real query first: SQLite compiles EXPLAIN against the schema its connection last loaded,
        // and only a query that runs notices an index added since.
        await collection.findOne({ _id: 'thing-1' });
        const explained = JSON.stringify(await collection.find({ _id: 'thing-500' }).explain());
        // FerretDB reports SQLite's plan ("SEARCH … USING INDEX" or "SCAN …"); MongoDB its stages.
        if (!/USING INDEX|IDHACK|IXSCAN/.test(explained)) throw new Error(`no index in the plan: ${explained}`);
        return explained;
      },
      { timeoutMs: 10_000, intervalMs: 250 },
    );
    expect(plan).not.toMatch(/detail=SCAN|COLLSCAN/);
    expect(await collection.findOne({ _id: 'thing-500' })).toEqual({ _id: 'thing-500', n: 500 });
  });
});
