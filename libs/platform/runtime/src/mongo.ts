import mongoose, { type Connection, type Model, type Schema } from 'mongoose';

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

/**
 * A model on `connection` with its schema's indexes built. Every model file exports one factory made
 * with this, so an index that cannot be built (FerretDB refuses TTL indexes, say) stops the boot.
 */
export async function createModel<T>(connection: Connection, name: string, schema: Schema<T>, collection: string): Promise<Model<T>> {
  const model = connection.model<T>(name, schema, collection);
  await model.createIndexes();
  return model;
}
