import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { deterministicEventId, HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { requireWorker } from '../case-access';
import type { CaseState, EvidenceState } from '../case-state/case-state';
import { CaseWorkRecorder } from '../case-work/case-work-recorder';
import { EVIDENCE_TYPES } from '@haki/vocabulary';
import { invalid } from '../case-work/record-checklist-item';
import { EVIDENCE_VAULT } from '../case.tokens';
import type { EvidenceCheck, EvidenceVault } from './storage';

export const evidenceRequest = z.strictObject({
  evidenceType: z.enum(EVIDENCE_TYPES),
  /** Sealed at rest: what it shows ("bruising, left wrist"). */
  description: z.string().trim().min(1).max(500).optional(),
});

export const custodyRequest = z.strictObject({
  action: z.enum(['copied', 'handed-over']),
  /** Who received it or the copy: a court registry, an investigator, the family's lawyer. */
  to: z.string().trim().min(2).max(200),
});

/** Media types a file may be uploaded as: what a phone camera, a scanner or a report writer produces. */
export const EVIDENCE_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/octet-stream',
];

/**
 * Evidence on a case: a record registered first (what it is), then its file uploaded (hashed on receipt,
 * encrypted under the case key: EvidenceVault), then every view, copy, hand-over and verification on
 * its custody log. Two steps rather than one upload, so the record exists before the bytes, and a
 * volunteer on a patchy line can send the file again under the same record until it lands.
 */
@Injectable()
export class CaseEvidence {
  constructor(
    private readonly recorder: CaseWorkRecorder,
    private readonly sealer: Sealer,
    @Inject(EVIDENCE_VAULT) private readonly vault: EvidenceVault,
  ) {}

  /** With an Idempotency-Key the record's id follows from it, so a retry answers with the record the first attempt made. */
  async register(caseId: string, body: unknown, caller: Principal, idempotencyKey?: string): Promise<{ evidenceId: string }> {
    const parsed = evidenceRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
    const { evidenceType, description } = parsed.data;
    const evidenceId = idempotencyKey
      ? `ev-${deterministicEventId(`evidence:${caseId}:${caller.subject}:${idempotencyKey}`)}`
      : `ev-${randomUUID()}`;
    await this.recorder.record(
      caseId,
      caller,
      (state) => {
        requireWorker(caller, state);
        return {
          work: {
            kind: 'evidence-registered',
            evidenceId,
            evidenceType,
            ...(description ? { description: this.sealer.seal(description, caseId) } : {}),
          },
          summary: `Evidence registered: ${evidenceType.replaceAll('-', ' ')} (${evidenceId})`,
        };
      },
      idempotencyKey,
    );
    return { evidenceId };
  }

  async upload(caseId: string, evidenceId: string, content: Buffer, mediaType: string | undefined, caller: Principal) {
    // The route's guard refused other media types already (AcceptsBody): this is the one stored with the file.
    const type = (mediaType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!content.length) throw invalid('(body)', 'the file is empty');
    const { state } = await this.recorder.read(caseId);
    requireWorker(caller, state);
    evidenceOf(state, evidenceId);
    // Stored before it is recorded: a crash in between leaves a file the retry finds, never a record
    // without its file. The vault takes the same bytes again as a retry and refuses different ones.
    const file = await this.vault.receive(caseId, evidenceId, content);
    try {
      await this.recorder.record(caseId, caller, (current) => {
        if (evidenceOf(current, evidenceId).file) throw ALREADY_RECORDED; // a retry, or a concurrent upload of the same file
        return {
          work: { kind: 'evidence-received', evidenceId, sha256: file.sha256, size: file.size, mediaType: type, keyId: file.keyId },
          summary: `Evidence ${evidenceId} received: ${file.size} bytes, SHA-256 ${file.sha256}`,
        };
      });
    } catch (error) {
      if (error !== ALREADY_RECORDED) throw error;
    }
    return { evidenceId, sha256: file.sha256, size: file.size };
  }

  /** The file, for coordinators and the assigned volunteer; the view goes on its custody log. */
  async download(caseId: string, evidenceId: string, caller: Principal): Promise<{ content: Buffer; mediaType: string }> {
    const { state } = await this.recorder.read(caseId);
    requireWorker(caller, state);
    const record = received(state, evidenceId);
    // Opened first: a file that does not open (altered) was not viewed, and the caller gets 422, not the bytes.
    const { content } = await this.vault.open(caseId, evidenceId);
    await this.custody(caseId, evidenceId, caller, { action: 'viewed' });
    return { content, mediaType: record.file!.mediaType };
  }

  /** Recomputes the file's hash and compares it with the one recorded on receipt; the check and its result go on the log. */
  async verify(caseId: string, evidenceId: string, caller: Principal): Promise<EvidenceCheck & { recordedSha256: string }> {
    const { state } = await this.recorder.read(caseId);
    requireWorker(caller, state);
    const record = received(state, evidenceId);
    const check = await this.vault.verify(caseId, evidenceId, record.file!.sha256);
    await this.custody(caseId, evidenceId, caller, {
      action: 'verified',
      intact: check.intact,
      ...(check.problem ? { problem: check.problem } : {}),
    });
    return { ...check, recordedSha256: record.file!.sha256 };
  }

  async handOver(caseId: string, evidenceId: string, body: unknown, caller: Principal, idempotencyKey?: string): Promise<CaseState> {
    const parsed = custodyRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
    return this.custody(caseId, evidenceId, caller, parsed.data, idempotencyKey);
  }

  private custody(
    caseId: string,
    evidenceId: string,
    caller: Principal,
    entry: { action: 'viewed' | 'copied' | 'handed-over' | 'verified'; to?: string; intact?: boolean; problem?: string },
    idempotencyKey?: string,
  ): Promise<CaseState> {
    return this.recorder.record(
      caseId,
      caller,
      (state) => {
        requireWorker(caller, state);
        received(state, evidenceId);
        const outcome = entry.intact === undefined ? '' : entry.intact ? ': intact' : `: NOT intact (${entry.problem})`;
        // Who received it may be a person: sealed like a note, named only in the case as its readers open it.
        const { to, ...rest } = entry;
        return {
          work: { kind: 'custody', evidenceId, ...rest, ...(to ? { to: this.sealer.seal(to, caseId) } : {}) },
          summary: `Evidence ${evidenceId} ${entry.action.replaceAll('-', ' ')}${outcome}`,
        };
      },
      idempotencyKey,
    );
  }
}

const ALREADY_RECORDED = Symbol('already recorded');

function evidenceOf(state: CaseState, evidenceId: string): EvidenceState {
  const record = state.evidence.find((candidate) => candidate.evidenceId === evidenceId);
  if (!record) throw new HakiError('EVIDENCE.NOT_FOUND', `no evidence ${evidenceId} on case ${state.caseId}`);
  return record;
}

function received(state: CaseState, evidenceId: string): EvidenceState {
  const record = evidenceOf(state, evidenceId);
  if (!record.file) throw new HakiError('EVIDENCE.CONTENT_MISSING', `evidence ${evidenceId} has no file yet: upload it first`);
  return record;
}
