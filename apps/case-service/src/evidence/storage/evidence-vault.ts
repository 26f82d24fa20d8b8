import { createHash, hkdfSync } from 'node:crypto';
import { HakiError } from '@haki/contracts';
import { evidenceBlobKey, type BlobStore } from './blob-store';
import { MAX_KEY_ID_BYTES, sealEvidence, unsealEvidence, type UnsealOutcome } from './sealed-file';

const KEY_BYTES = 32;
const CASE_KEY_INFO = 'haki/evidence';
const BYTES_PER_MB = 1024 * 1024;

export interface ReceivedEvidence {
  /** SHA-256 (hex) of the file as received, before encryption: what the evidence log records and verify compares. */
  sha256: string;
  size: number;
  /** The master key the file is encrypted under (through its case key). */
  keyId: string;
}

export interface OpenedEvidence {
  content: Buffer;
  sha256: string;
}

export interface EvidenceCheck {
  intact: boolean;
  sha256?: string;
  problem?: string;
}

export const EVIDENCE_PROBLEMS = {
  missing: 'file missing from the store',
  altered: 'the encrypted file was altered (authentication tag does not match)',
  malformed: 'the encrypted file was altered (its header is not one the vault wrote)',
  hashDiffers: 'hash differs from the one recorded on receipt',
} as const;

/**
 * Evidence files (photos, medical and postmortem reports, scans) encrypted at rest under the case key,
 * with a SHA-256 taken on receipt so anyone can later check that the file is the one received.
 *
 * The case key is HKDF-SHA256(master key, salt = case id, info = 'haki/evidence'): each case's files
 * sit under their own key without storing one per case, and rotating the master key (a new active key
 * id; old ones kept to open old files) rotates them all. The record `<caseId>/<evidenceId>` is bound as
 * GCM associated data, so a file copied onto another record, or another case, does not open.
 *
 * Files are handled as whole buffers, not streams: each is at most `maxBytes` (a phone photo or a PDF
 * report, a few MB), and GCM's tag can only vouch for the plaintext once all of it has been read, so a
 * stream would hand out bytes before they are known to be authentic.
 */
export class EvidenceVault {
  constructor(
    private readonly store: BlobStore,
    private readonly keys: Map<string, Buffer>,
    private readonly activeKeyId: string,
    private readonly maxBytes: number,
  ) {
    if (!keys.has(activeKeyId)) throw new HakiError('CONFIG.INVALID', `evidence: the active key ${activeKeyId} is not among the keys`);
    for (const [keyId, key] of keys) {
      if (key.length !== KEY_BYTES) {
        throw new HakiError('CONFIG.INVALID', `evidence: key ${keyId} is ${key.length} bytes, not ${KEY_BYTES}`);
      }
      const idBytes = Buffer.byteLength(keyId, 'utf8');
      if (idBytes === 0 || idBytes > MAX_KEY_ID_BYTES) {
        throw new HakiError('CONFIG.INVALID', `evidence: key id ${JSON.stringify(keyId)} must be 1–${MAX_KEY_ID_BYTES} bytes`);
      }
    }
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
      throw new HakiError('CONFIG.INVALID', `evidence: maxBytes ${maxBytes} is not a size`);
    }
  }

  /**
   * Takes a file for a record, once. A retried upload (patchy mobile signal) of the same file answers
   * as the first did without writing; a different file for the record is a conflict, never a replacement.
   */
  async receive(caseId: string, evidenceId: string, content: Buffer): Promise<ReceivedEvidence> {
    const blobKey = evidenceBlobKey(caseId, evidenceId);
    if (content.length > this.maxBytes) {
      const size = megabytes(content.length, Math.ceil);
      const limit = megabytes(this.maxBytes, Math.floor);
      throw new HakiError('EVIDENCE.TOO_LARGE', `the file is ${size} MB; the evidence store takes files up to ${limit} MB`);
    }
    const received: ReceivedEvidence = { sha256: sha256Hex(content), size: content.length, keyId: this.activeKeyId };

    // Encryption is randomised (a fresh IV each time), so a retry cannot be recognised by its stored
    // bytes: open what is there and compare hashes of the plaintext instead.
    const earlier = await this.storedResult(caseId, evidenceId, blobKey, received);
    if (earlier) return earlier;

    const sealed = sealEvidence({
      keyId: this.activeKeyId,
      key: this.caseKey(this.activeKeyId, caseId),
      associatedData: blobKey,
      plaintext: content,
    });
    try {
      await this.store.put(blobKey, sealed);
    } catch (error) {
      // Two copies of the same upload racing: the other one stored its own encryption first.
      if (!(error instanceof HakiError && error.code === 'EVIDENCE.CONTENT_CONFLICT')) throw error;
      const winner = await this.storedResult(caseId, evidenceId, blobKey, received);
      if (winner) return winner;
      throw error;
    }
    return received;
  }

  /** The file as received; EVIDENCE.CONTENT_MISSING if none is stored, EVIDENCE.TAMPERED if it no longer opens. */
  async open(caseId: string, evidenceId: string): Promise<OpenedEvidence> {
    const outcome = await this.unseal(caseId, evidenceId);
    switch (outcome.kind) {
      case 'opened':
        return { content: outcome.content, sha256: sha256Hex(outcome.content) };
      case 'missing':
        throw new HakiError('EVIDENCE.CONTENT_MISSING', `no file is stored for evidence ${evidenceId} of case ${caseId}`);
      case 'altered':
      case 'malformed':
        throw new HakiError('EVIDENCE.TAMPERED', `evidence ${evidenceId} of case ${caseId}: ${EVIDENCE_PROBLEMS[outcome.kind]}`);
    }
  }

  /**
   * Whether the stored file is still the one received: it must decrypt (GCM tag intact, under this
   * record) and hash to the SHA-256 recorded on receipt. A missing or altered file is a finding, not an
   * error; an unknown key id or an unreachable store is thrown, since it says nothing about the file.
   */
  async verify(caseId: string, evidenceId: string, recordedSha256: string): Promise<EvidenceCheck> {
    const outcome = await this.unseal(caseId, evidenceId);
    if (outcome.kind !== 'opened') return { intact: false, problem: EVIDENCE_PROBLEMS[outcome.kind] };
    const sha256 = sha256Hex(outcome.content);
    if (sha256 !== recordedSha256.toLowerCase()) return { intact: false, sha256, problem: EVIDENCE_PROBLEMS.hashDiffers };
    return { intact: true, sha256 };
  }

  /** What an earlier receive of the same file returned; null if nothing is stored; a conflict if another file is. */
  private async storedResult(
    caseId: string,
    evidenceId: string,
    blobKey: string,
    received: ReceivedEvidence,
  ): Promise<ReceivedEvidence | null> {
    const stored = await this.store.get(blobKey);
    if (!stored) return null;
    const outcome = this.unsealBytes(caseId, blobKey, stored);
    if (outcome.kind !== 'opened') {
      // Never overwrite what is there, even when damaged: it is evidence of what happened to the file.
      throw new HakiError('EVIDENCE.TAMPERED', `evidence ${evidenceId} of case ${caseId}: ${EVIDENCE_PROBLEMS[outcome.kind]}`);
    }
    if (sha256Hex(outcome.content) !== received.sha256) {
      throw new HakiError('EVIDENCE.CONTENT_CONFLICT', `evidence ${evidenceId} of case ${caseId} already holds a different file`);
    }
    return { ...received, keyId: outcome.keyId };
  }

  private async unseal(caseId: string, evidenceId: string): Promise<UnsealOutcome | { kind: 'missing' }> {
    const blobKey = evidenceBlobKey(caseId, evidenceId);
    const stored = await this.store.get(blobKey);
    return stored ? this.unsealBytes(caseId, blobKey, stored) : { kind: 'missing' };
  }

  private unsealBytes(caseId: string, blobKey: string, stored: Buffer): UnsealOutcome {
    return unsealEvidence(stored, blobKey, (keyId) => {
      if (!this.keys.has(keyId)) {
        throw new HakiError(
          'SEALED.UNKNOWN_KEY',
          `an evidence file of case ${caseId} is encrypted under key ${keyId}, which is not configured`,
        );
      }
      return this.caseKey(keyId, caseId);
    });
  }

  private caseKey(keyId: string, caseId: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.keys.get(keyId)!, Buffer.from(caseId, 'utf8'), CASE_KEY_INFO, KEY_BYTES));
  }
}

function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Megabytes (MiB) for people, to two decimals at most (25, 25.01). The file's size rounds up and the
 * limit down, so a file one byte over never reads as the same number as the limit.
 */
function megabytes(bytes: number, round: (value: number) => number): string {
  return String(round((bytes / BYTES_PER_MB) * 100) / 100);
}
