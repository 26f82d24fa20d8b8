import type { Provider } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { Logger } from '@haki/platform-logging';
import { RENAMED_SERVICE_TYPES } from '@haki/vocabulary';
import { LOGGER, MONGO } from './tokens';

/** Where a service stores service types: collection → dotted field paths. */
export type ServiceTypeFields = Readonly<Record<string, readonly string[]>>;

export const RENAMED_SERVICE_TYPES_DONE = Symbol('RENAMED_SERVICE_TYPES_DONE');

/**
 * Stored data under a service type's old name takes its new name (`detention-medical` → `medical-care`),
 * once per database: a marker in `migrations` (by `_id`, naming the renames) makes every later start
 * skip it, so the one read of each collection it needs is paid once, not at every boot. Reads map old
 * names too (`currentServiceType`), so data written by an older instance during a rolling start is
 * still understood; this makes filters by service type (the attention list) find it as well.
 */
export async function renameStoredServiceTypes(connection: Connection, fields: ServiceTypeFields, logger?: Logger): Promise<number> {
  const renames = Object.entries(RENAMED_SERVICE_TYPES);
  const marker = `service-types-renamed:${renames.map(([from, to]) => `${from}>${to}`).join(',')}`;
  const migrations = connection.db!.collection<{ _id: string; at: Date; renamed: number }>('migrations');
  if (!renames.length || (await migrations.findOne({ _id: marker }))) return 0;
  let renamed = 0;
  for (const [collection, paths] of Object.entries(fields)) {
    for (const path of paths) {
      for (const [from, to] of renames) {
        const { modifiedCount } = await connection.db!.collection(collection).updateMany({ [path]: from }, { $set: { [path]: to } });
        renamed += modifiedCount;
      }
    }
  }
  await migrations.updateOne({ _id: marker }, { $setOnInsert: { at: new Date(), renamed } }, { upsert: true });
  if (renamed) logger?.info({ renamed, marker }, 'stored service types renamed');
  return renamed;
}

/** A provider that runs the rename while the service starts, before it serves or consumes anything. */
export const renamedServiceTypesProvider = (fields: ServiceTypeFields): Provider => ({
  provide: RENAMED_SERVICE_TYPES_DONE,
  inject: [MONGO, LOGGER],
  useFactory: (connection: Connection, logger: Logger) => renameStoredServiceTypes(connection, fields, logger),
});
