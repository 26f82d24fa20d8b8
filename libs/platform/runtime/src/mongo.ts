import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per service, to its own database (services never share collections). Indexes are
 * created explicitly at boot by each owner, not by mongoose's autoIndex, so a failure stops the boot.
 */
export async function connectMongo(url: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    dbName,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: 10_000,
  });
  return connection.asPromise();
}
