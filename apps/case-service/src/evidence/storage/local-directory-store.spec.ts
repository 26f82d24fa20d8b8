import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirectoryBlobStore } from './local-directory-store';

/** Every entry under dir, files and directories, as paths relative to it. */
async function listAll(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.map(String).sort();
}

describe('LocalDirectoryBlobStore', () => {
  let root: string;
  let store: LocalDirectoryBlobStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'haki-blobs-'));
    store = new LocalDirectoryBlobStore(join(root, 'evidence'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives back the bytes stored under a key, and null for a key never stored', async () => {
    const bytes = Buffer.from('sealed bytes \u0000\u00ff', 'latin1');
    await store.put('case-1/ev-1', bytes);
    expect(await store.get('case-1/ev-1')).toEqual(bytes);
    expect(await store.get('case-1/ev-2')).toBeNull();
    expect(await store.get('case-2/ev-1')).toBeNull();
  });

  it('stores each key as one file under <root>/<caseId>/<evidenceId>, readable by the owner only', async () => {
    await store.put('case-1/ev-1', Buffer.from('x'));
    expect(await listAll(join(root, 'evidence'))).toEqual(['case-1', 'case-1/ev-1']);
    expect((await stat(join(root, 'evidence', 'case-1', 'ev-1'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(root, 'evidence', 'case-1'))).mode & 0o777).toBe(0o700);
    expect((await stat(join(root, 'evidence'))).mode & 0o777).toBe(0o700);
  });

  it('leaves no temporary file behind after writes, retries and conflicts', async () => {
    await store.put('case-1/ev-1', Buffer.from('a'));
    await store.put('case-1/ev-1', Buffer.from('a'));
    await expect(store.put('case-1/ev-1', Buffer.from('b'))).rejects.toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    await Promise.allSettled([store.put('case-1/ev-2', Buffer.from('c')), store.put('case-1/ev-2', Buffer.from('d'))]);
    expect(await listAll(join(root, 'evidence'))).toEqual(['case-1', 'case-1/ev-1', 'case-1/ev-2']);
  });

  it('treats storing the same bytes again as done, and keeps the first file when other bytes come for the key', async () => {
    await store.put('case-1/ev-1', Buffer.from('first'));
    const before = await stat(join(root, 'evidence', 'case-1', 'ev-1'));
    await expect(store.put('case-1/ev-1', Buffer.from('first'))).resolves.toBeUndefined();
    await expect(store.put('case-1/ev-1', Buffer.from('second'))).rejects.toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    expect(await store.get('case-1/ev-1')).toEqual(Buffer.from('first'));
    // Not rewritten either time: the same inode, untouched since the first write.
    const after = await stat(join(root, 'evidence', 'case-1', 'ev-1'));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('lets exactly one of several racing writers with different bytes win; the rest are conflicts', async () => {
    const attempts = ['a', 'b', 'c', 'd', 'e'].map((text) => Buffer.from(text.repeat(100_000)));
    const results = await Promise.allSettled(attempts.map((bytes) => store.put('case-1/race', bytes)));
    const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [attempts[index]!] : []));
    expect(won).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'EVIDENCE.CONTENT_CONFLICT' });
    }
    expect(await store.get('case-1/race')).toEqual(won[0]);
  });

  it('lets racing writers with the same bytes all succeed', async () => {
    const bytes = Buffer.from('same'.repeat(50_000));
    await Promise.all([1, 2, 3, 4].map(() => store.put('case-1/same', bytes)));
    expect(await store.get('case-1/same')).toEqual(bytes);
  });

  it('never shows a half-written temporary file (as a crash would leave) as the key', async () => {
    await store.put('case-1/ev-0', Buffer.from('other'));
    // What a crash between writing and linking leaves: a temporary file in the key's directory.
    await writeFile(join(root, 'evidence', 'case-1', '~tmp-deadbeef'), Buffer.from('half a fi'));
    expect(await store.get('case-1/ev-1')).toBeNull();
    await store.put('case-1/ev-1', Buffer.from('whole file'));
    expect(await store.get('case-1/ev-1')).toEqual(Buffer.from('whole file'));
  });

  it('refuses keys that could leave its root', async () => {
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(store.get('case-1/../../etc/passwd')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await readdir(root)).toEqual([]);
  });

  it('reports a directory it cannot write to as the store being unavailable (retryable)', async () => {
    // The root is a file: every write fails at the file system, as an unmounted or broken volume would.
    await writeFile(join(root, 'not-a-directory'), 'x');
    const broken = new LocalDirectoryBlobStore(join(root, 'not-a-directory'));
    const failure = await broken.put('case-1/ev-1', Buffer.from('x')).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'EVIDENCE.STORE_UNAVAILABLE', retryable: true });
    expect(String((failure as Error).message)).toMatch(/ENOTDIR|EEXIST/);
  });
});
