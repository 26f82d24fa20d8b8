import mongoose, { type Connection, type Model, type Schema } from 'mongoose';
import type { Logger } from '@haki/platform-logging';

/**
 * One connection per service, to its own database (services never share collections). Indexes are
 * created explicitly at boot by each owner, not by mongoose's autoIndex, so a failure stops the boot.
 */
export async function connectMongo(url: string, dbName: string, slow?: { ms: number; logger: Logger }): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: Boolean(slow),
  });
  if (slow) logSlowCommands(connection, slow.ms, slow.logger);
  return connection.asPromise();
}

/**
 * Logs every database command slower than `ms`: its name, collection and duration, never its filter or
 * documents (they may hold ids and facts of a case). For finding what a load run waits on.
 */
function logSlowCommands(connection: Connection, ms: number, logger: Logger): void {
  const started = new Map<number, { command: string; collection: unknown }>();
  const client = connection.getClient();
  client.on('commandStarted', (event) =>
    started.set(event.requestId, { command: event.commandName, collection: event.command[event.commandName] }),
  );
  const finish = (event: { requestId: number; duration: number }, failed: boolean) => {
    const command = started.get(event.requestId);
    started.delete(event.requestId);
    if (command && event.duration >= ms) logger.warn({ ...command, durationMs: event.duration, failed }, 'slow database command');
  };
  client.on('commandSucceeded', (event) => finish(event, false));
  client.on('commandFailed', (event) => finish(event, true));
}

/**
 * A model on `connection` with its schema's indexes built. Every model file exports one factory made
 * with this, so an index that cannot be built (FerretDB refuses TTL indexes, say) stops the boot.
 */
export async function createModel<T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Promise<Model<T>> {
  const model = connection.model<T>(name, schema, collection);
  await model.createIndexes();
  return model;
}

/**
 * Statements per write command. FerretDB 1.24 keeps the read behind each update statement open until
 * its whole command ends, and opens at most 100 SQLite connections per database: one `update` command
 * of more than 100 statements waits forever for a connection, and the database stops answering (a
 * 300-row roster import did that; docs/performance.md). Fewer statements per command cost a few
 * round trips, and nothing on MongoDB.
 */
export const MAX_STATEMENTS_PER_COMMAND = 50;

/** `bulkWrite` in commands of at most `MAX_STATEMENTS_PER_COMMAND` statements, in order. */
export async function bulkWriteInChunks<T>(model: Model<T>, operations: Parameters<Model<T>['bulkWrite']>[0]): Promise<void> {
  for (let first = 0; first < operations.length; first += MAX_STATEMENTS_PER_COMMAND) {
    await model.bulkWrite(operations.slice(first, first + MAX_STATEMENTS_PER_COMMAND), { ordered: false });
  }
}
