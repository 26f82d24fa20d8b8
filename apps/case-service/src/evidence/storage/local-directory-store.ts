import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HakiError } from '@haki/contracts';
import { assertSameBytes, assertValidBlobKey, type BlobStore } from './blob-store';

/** Only the service's own user may read evidence, even encrypted. */
const FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/**
 * Temporary files start with `~`, a character keys may not contain, so a temporary file can never be
 * mistaken for (or collide with) a stored key.
 */
const TEMP_PREFIX = '~tmp-';

/**
 * A blob store in a local directory: `<root>/<caseId>/<evidenceId>`. The default for a single server
 * and for development.
 *
 * A write goes to a temporary file in the target's directory, is fsynced, and is then hard-linked
 * onto the key. `link` fails when the name exists, where `rename` would silently replace it, so two
 * uploads racing for one key cannot overwrite each other: the loser compares bytes instead. A crash at
 * any point leaves either nothing or the whole file under the key (at worst a stray `~tmp-` file).
 */
export class LocalDirectoryBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    try {
      // A retried upload finds its file already there: answer without writing anything.
      const existing = await readIfExists(target);
      if (existing) {
        assertSameBytes(key, existing, bytes);
        return;
      }

      const directory = dirname(target);
      await mkdir(directory, { recursive: true, mode: DIRECTORY_MODE });
      const temp = join(directory, `${TEMP_PREFIX}${randomBytes(12).toString('hex')}`);
      try {
        await writeDurably(temp, bytes);
        try {
          await link(temp, target);
        } catch (error) {
          if (errorCode(error) !== 'EEXIST') throw error;
          // Another writer got there between our read and our link.
          assertSameBytes(key, await readFile(target), bytes);
          return;
        }
        // The new name is durable only once the directory entry is.
        await fsyncDirectory(directory);
      } finally {
        await rm(temp, { force: true });
      }
    } catch (error) {
      throw asStoreError(error, 'write', key);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    const target = this.pathOf(key);
    try {
      return await readIfExists(target);
    } catch (error) {
      throw asStoreError(error, 'read', key);
    }
  }

  private pathOf(key: string): string {
    assertValidBlobKey(key);
    return join(this.root, ...key.split('/'));
  }
}

async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    // ENOTDIR: a key whose parent segment is a stored file holds nothing.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/** Writes a new file (failing if the name exists) and flushes it to disk before returning. */
async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, 'wx', FILE_MODE);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The system error code (ENOENT…), read structurally: errors thrown by node's own modules are not
 * always `instanceof Error` in the caller's realm (jest's VM, for one).
 */
function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/**
 * Our own coded errors pass through; a file-system failure (disk full, volume gone, permissions) is
 * the store failing, not the caller's mistake: EVIDENCE.STORE_UNAVAILABLE, naming the system's code.
 */
function asStoreError(error: unknown, action: 'read' | 'write', key: string): HakiError {
  if (error instanceof HakiError) return error;
  const reason = errorCode(error) ?? String(error);
  return new HakiError('EVIDENCE.STORE_UNAVAILABLE', `could not ${action} ${key} in the local evidence directory (${reason})`);
}
