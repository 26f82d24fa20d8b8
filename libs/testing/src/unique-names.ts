import { randomBytes } from 'node:crypto';

/** A name no other test (or parallel worker) uses: for topic prefixes, databases and queues. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
