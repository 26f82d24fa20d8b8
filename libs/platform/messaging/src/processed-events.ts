import type { Connection, Model } from 'mongoose';

const DUPLICATE_KEY = 11000;

/**
 * Remembers which event ids a consumer has fully handled, so a redelivered message is acknowledged
 * without running its handler again. One document per (consumer, event), keyed by `_id`
 * (`<consumer>/<eventId>`): the check on every message is a lookup by `_id`, which FerretDB serves
 * without reading the collection, so its cost does not grow with the history of processed events.
 */
export class ProcessedEventStore {
  private readonly collection;

  constructor(connection: Connection, collectionName = 'processed_event_ids') {
    this.collection = connection.collection<{ _id: string; consumer: string; eventId: string; processedAt: Date }>(collectionName);
  }

  async has(consumer: string, eventId: string): Promise<boolean> {
    return (await this.collection.findOne({ _id: `${consumer}/${eventId}` }, { projection: { _id: 1 } })) !== null;
  }

  async mark(consumer: string, eventId: string): Promise<void> {
    try {
      await this.collection.insertOne({ _id: `${consumer}/${eventId}`, consumer, eventId, processedAt: new Date() });
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
