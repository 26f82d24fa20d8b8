import type { Connection, Model } from 'mongoose';

const DUPLICATE_KEY = 11000;

/**
 * Remembers which event ids a consumer has fully handled (unique index on consumer + eventId), so a
 * redelivered message is acknowledged without running its handler again.
 */
export class ProcessedEventStore {
  private readonly collection;

  constructor(connection: Connection, collectionName = 'processed_events') {
    this.collection = connection.collection<{ consumer: string; eventId: string; processedAt: Date }>(collectionName);
  }

  async init(): Promise<void> {
    await this.collection.createIndex({ consumer: 1, eventId: 1 }, { unique: true, name: 'consumer_event_unique' });
  }

  async has(consumer: string, eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ consumer, eventId }, { limit: 1 })) > 0;
  }

  async mark(consumer: string, eventId: string): Promise<void> {
    try {
      await this.collection.insertOne({ consumer, eventId, processedAt: new Date() });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | undefined)?.code === DUPLICATE_KEY;
}

/**
 * Creates the document unless one with its `_id` exists; returns whether it was created. Unlike an
 * upsert with `$setOnInsert`, it never writes to an existing document, which matters on FerretDB,
 * where a write can overwrite a concurrent one (issue #3040).
 */
export async function insertOnce<T extends { _id: string }>(model: Model<T>, doc: T): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
