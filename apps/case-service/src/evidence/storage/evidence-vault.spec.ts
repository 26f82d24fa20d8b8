import { createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { HakiError } from '@haki/contracts';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BlobStore } from './blob-store';
import { EVIDENCE_PROBLEMS, EvidenceVault } from './evidence-vault';
import { LocalDirectoryBlobStore } from './local-directory-store';

const MB = 1024 * 1024;
const K1 = randomBytes(32);
const K2 = randomBytes(32);

/** A file with a recognisable run of text inside, as a scanned report would have. */
function reportWith(marker: string, size = 200_000): Buffer {
  const file = randomBytes(size);
  file.write(marker, Math.floor(size / 2), 'utf8');
  return file;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('EvidenceVault', () => {
  let root: string;
  let store: LocalDirectoryBlobStore;
  const storedPath = (caseId: string, evidenceId: string): string => join(root, caseId, evidenceId);
  const vaultWith = (keys: Record<string, Buffer>, activeKeyId: string, maxBytes = 5 * MB): EvidenceVault =>
    new EvidenceVault(store, new Map(Object.entries(keys)), activeKeyId, maxBytes);

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'haki-vault-'));
    store = new LocalDirectoryBlobStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives back exactly the file received, with the SHA-256 of the bytes as received', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const photo = reportWith('PHOTO-OF-INJURIES');
    const received = await vault.receive('case-1', 'ev-1', photo);
    expect(received).toEqual({ sha256: createHash('sha256').update(photo).digest('hex'), size: photo.length, keyId: 'k1' });
    const opened = await vault.open('case-1', 'ev-1');
    expect(opened.content.equals(photo)).toBe(true);
    expect(opened.sha256).toBe(received.sha256);
    expect(await vault.verify('case-1', 'ev-1', received.sha256)).toEqual({ intact: true, sha256: received.sha256 });
  });

  it('takes an empty file and a file of exactly the limit', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1', 1 * MB);
    await vault.receive('case-1', 'empty', Buffer.alloc(0));
    expect((await vault.open('case-1', 'empty')).content).toEqual(Buffer.alloc(0));
    const atLimit = randomBytes(1 * MB);
    await vault.receive('case-1', 'at-limit', atLimit);
    expect((await vault.open('case-1', 'at-limit')).content.equals(atLimit)).toBe(true);
  });

  it('stores only ciphertext: neither the file, nor a piece of it, nor its hash appears in the stored bytes', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const marker = 'SURVIVOR-NAME-Wanjiru-Kamau-0722000111';
    const report = Buffer.concat([Buffer.from(`Postmortem report for ${marker}\n`), Buffer.alloc(4096, 'A')]);
    const { sha256: hash } = await vault.receive('case-1', 'ev-1', report);
    const stored = await readFile(storedPath('case-1', 'ev-1'));
    expect(stored.includes(Buffer.from(marker))).toBe(false);
    expect(stored.includes(Buffer.alloc(64, 'A'))).toBe(false);
    expect(stored.includes(Buffer.from(hash))).toBe(false);
    expect(stored.includes(Buffer.from(hash, 'hex'))).toBe(false);
    expect(stored.subarray(0, 4).toString('ascii')).toBe('HKE1');
    // Header (magic, length byte, "k1", IV, tag) plus GCM's ciphertext of the same length as the file.
    expect(stored.length).toBe(4 + 1 + 2 + 12 + 16 + report.length);
  });

  it('answers a retried upload of the same file as the first time, without writing again', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const scan = reportWith('SCAN');
    const first = await vault.receive('case-1', 'ev-1', scan);
    const storedBefore = await readFile(storedPath('case-1', 'ev-1'));
    const again = await vault.receive('case-1', 'ev-1', Buffer.from(scan));
    expect(again).toEqual(first);
    expect((await readFile(storedPath('case-1', 'ev-1'))).equals(storedBefore)).toBe(true);
  });

  it('answers two copies of one upload racing each other alike, keeping one stored file', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const scan = reportWith('SCAN', 1 * MB);
    const results = await Promise.all([1, 2, 3].map(() => vault.receive('case-1', 'ev-1', Buffer.from(scan))));
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(await readdir(join(root, 'case-1'))).toEqual(['ev-1']);
    expect((await vault.open('case-1', 'ev-1')).content.equals(scan)).toBe(true);
  });

  it('refuses a different file for a record that has one, and keeps the first', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const original = reportWith('ORIGINAL');
    await vault.receive('case-1', 'ev-1', original);
    await expect(vault.receive('case-1', 'ev-1', reportWith('REPLACEMENT'))).rejects.toMatchObject({
      code: 'EVIDENCE.CONTENT_CONFLICT',
    });
    expect((await vault.open('case-1', 'ev-1')).content.equals(original)).toBe(true);
  });

  it('notices one flipped byte: verify says not intact and open refuses as tampered', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const { sha256: recorded } = await vault.receive('case-1', 'ev-1', reportWith('X'));
    const path = storedPath('case-1', 'ev-1');
    const stored = await readFile(path);
    stored[stored.length - 1000]! ^= 0x01;
    await writeFile(path, stored);

    expect(await vault.verify('case-1', 'ev-1', recorded)).toEqual({ intact: false, problem: EVIDENCE_PROBLEMS.altered });
    expect(EVIDENCE_PROBLEMS.altered).toBe('the encrypted file was altered (authentication tag does not match)');
    await expect(vault.open('case-1', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
    // A re-upload does not paper over it: the damaged file stays as found.
    await expect(vault.receive('case-1', 'ev-1', reportWith('X'))).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
  });

  it.each([
    ['the tag', 4 + 1 + 2 + 12],
    ['the IV', 4 + 1 + 2],
  ])('notices a flipped byte in %s', async (_part, offset) => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const { sha256: recorded } = await vault.receive('case-1', 'ev-1', reportWith('X'));
    const stored = await readFile(storedPath('case-1', 'ev-1'));
    stored[offset]! ^= 0x80;
    await writeFile(storedPath('case-1', 'ev-1'), stored);
    expect(await vault.verify('case-1', 'ev-1', recorded)).toMatchObject({ intact: false, problem: EVIDENCE_PROBLEMS.altered });
  });

  it('refuses a stored file whose header is not the vault format (truncated, wrong magic) as tampered', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const { sha256: recorded } = await vault.receive('case-1', 'ev-1', reportWith('X'));
    const stored = await readFile(storedPath('case-1', 'ev-1'));
    await writeFile(storedPath('case-1', 'ev-1'), stored.subarray(0, 20));
    await expect(vault.open('case-1', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
    expect(await vault.verify('case-1', 'ev-1', recorded)).toEqual({ intact: false, problem: EVIDENCE_PROBLEMS.malformed });

    await writeFile(storedPath('case-1', 'ev-1'), Buffer.concat([Buffer.from('HKE2'), stored.subarray(4)]));
    await expect(vault.open('case-1', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
  });

  it('does not open a stored file copied onto another record, in the same case or another', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const { sha256: recorded } = await vault.receive('case-1', 'ev-1', reportWith('X'));
    await copyFile(storedPath('case-1', 'ev-1'), storedPath('case-1', 'ev-2'));
    await mkdir(join(root, 'case-2'), { recursive: true });
    await copyFile(storedPath('case-1', 'ev-1'), storedPath('case-2', 'ev-1'));

    await expect(vault.open('case-1', 'ev-2')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
    await expect(vault.open('case-2', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
    expect(await vault.verify('case-2', 'ev-1', recorded)).toMatchObject({ intact: false, problem: EVIDENCE_PROBLEMS.altered });
    expect((await vault.open('case-1', 'ev-1')).sha256).toBe(recorded);
  });

  it('encrypts under the case key, HKDF-SHA256(master, salt = case id, info "haki/evidence"), with the record as AAD', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const file = reportWith('X');
    await vault.receive('case-1', 'ev-1', file);
    const stored = await readFile(storedPath('case-1', 'ev-1'));
    const [iv, tag, ciphertext] = [stored.subarray(7, 19), stored.subarray(19, 35), stored.subarray(35)];
    const decryptWith = (key: Buffer): Buffer => {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      decipher.setAAD(Buffer.from('case-1/ev-1'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    };
    const caseKey = (caseId: string): Buffer => Buffer.from(hkdfSync('sha256', K1, Buffer.from(caseId), 'haki/evidence', 32));
    expect(decryptWith(caseKey('case-1')).equals(file)).toBe(true);
    expect(() => decryptWith(K1)).toThrow();
    expect(() => decryptWith(caseKey('case-2'))).toThrow();
  });

  it('keeps opening files after the active key rotates, and encrypts new files under the new key', async () => {
    const before = vaultWith({ k1: K1 }, 'k1');
    const old = reportWith('OLD');
    expect((await before.receive('case-1', 'ev-old', old)).keyId).toBe('k1');

    const after = vaultWith({ k1: K1, k2: K2 }, 'k2');
    expect((await after.open('case-1', 'ev-old')).content.equals(old)).toBe(true);
    expect((await after.verify('case-1', 'ev-old', sha256(old))).intact).toBe(true);
    // A retry of an upload received before the rotation keeps answering with the key it was stored under.
    expect((await after.receive('case-1', 'ev-old', old)).keyId).toBe('k1');

    const fresh = reportWith('NEW');
    expect((await after.receive('case-1', 'ev-new', fresh)).keyId).toBe('k2');
    expect((await readFile(storedPath('case-1', 'ev-new'))).subarray(5, 7).toString()).toBe('k2');
    expect((await after.open('case-1', 'ev-new')).content.equals(fresh)).toBe(true);
    // The old configuration cannot open what the new key sealed: it names a key it does not have.
    await expect(before.open('case-1', 'ev-new')).rejects.toMatchObject({ code: 'SEALED.UNKNOWN_KEY' });
  });

  it('does not open a file when a key id names different key material (a key replaced, not rotated)', async () => {
    await vaultWith({ k1: K1 }, 'k1').receive('case-1', 'ev-1', reportWith('X'));
    await expect(vaultWith({ k1: K2 }, 'k1').open('case-1', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.TAMPERED' });
  });

  it('refuses a file over the limit, naming the limit in MB, and stores nothing', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1', 25 * MB);
    const failure = await vault.receive('case-1', 'ev-1', Buffer.alloc(25 * MB + 1)).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'EVIDENCE.TOO_LARGE' });
    expect((failure as Error).message).toBe('the file is 25.01 MB; the evidence store takes files up to 25 MB');
    expect(await readdir(root)).toEqual([]);
  });

  it('says when no file is stored: open as CONTENT_MISSING, verify as not intact', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    await expect(vault.open('case-1', 'ev-1')).rejects.toMatchObject({ code: 'EVIDENCE.CONTENT_MISSING' });
    expect(await vault.verify('case-1', 'ev-1', sha256(Buffer.from('x')))).toEqual({
      intact: false,
      problem: 'file missing from the store',
    });
  });

  it('says when the file opens but its hash is not the one recorded on receipt', async () => {
    const vault = vaultWith({ k1: K1 }, 'k1');
    const file = reportWith('X');
    const { sha256: actual } = await vault.receive('case-1', 'ev-1', file);
    const recordedElsewhere = sha256(Buffer.from('some other file'));
    expect(await vault.verify('case-1', 'ev-1', recordedElsewhere)).toEqual({
      intact: false,
      sha256: actual,
      problem: 'hash differs from the one recorded on receipt',
    });
    // Hex case is not a difference.
    expect((await vault.verify('case-1', 'ev-1', actual.toUpperCase())).intact).toBe(true);
  });

  it('passes a store outage through as retryable, rather than calling the file missing', async () => {
    const down: BlobStore = {
      put: () => Promise.reject(new Error('unused')),
      get: () => Promise.reject(new HakiError('EVIDENCE.STORE_UNAVAILABLE', 'down')),
    };
    const vault = new EvidenceVault(down, new Map([['k1', K1]]), 'k1', MB);
    await expect(vault.verify('case-1', 'ev-1', 'ab')).rejects.toMatchObject({ code: 'EVIDENCE.STORE_UNAVAILABLE', retryable: true });
    await expect(vault.receive('case-1', 'ev-1', Buffer.from('x'))).rejects.toMatchObject({ code: 'EVIDENCE.STORE_UNAVAILABLE' });
  });

  it('refuses a configuration it could not work with', () => {
    const keys = new Map([['k1', K1]]);
    expect(() => new EvidenceVault(store, keys, 'k9', MB)).toThrow(expect.objectContaining({ code: 'CONFIG.INVALID' }));
    expect(() => new EvidenceVault(store, new Map([['k1', randomBytes(16)]]), 'k1', MB)).toThrow(/16 bytes, not 32/);
    expect(() => new EvidenceVault(store, keys, 'k1', 0)).toThrow(expect.objectContaining({ code: 'CONFIG.INVALID' }));
  });
});
