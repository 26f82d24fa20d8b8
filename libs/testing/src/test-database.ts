import mongoose, { type Connection } from 'mongoose';
import { testInfraUrls } from './env';
import { uniqueName } from './unique-names';

/**
 * Registers beforeEach/afterEach hooks that give each test a fresh database of its own on the test
 * server, dropped afterwards. Returns a getter for the current test's connection.
 */
export function useTestDatabase(prefix: string): () => Connection {
  let connection: Connection | undefined;
  beforeEach(async () => {
    connection = await mongoose.createConnection(testInfraUrls().mongoUrl, { dbName: uniqueName(prefix), autoIndex: false }).asPromise();
  });
  afterEach(async () => {
    await connection?.dropDatabase();
    await connection?.close();
    connection = undefined;
  });
  return () => {
    if (!connection) throw new Error('useTestDatabase: only available inside a test');
    return connection;
  };
}
