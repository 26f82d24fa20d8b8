import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { requireWorker } from '../case-access';
import type { CaseState } from '../case-state/case-state';
import { CaseWorkRecorder } from './case-work-recorder';

export const noteRequest = z.strictObject({ text: z.string().trim().min(1).max(4_000) });

/** A note on the case, sealed at rest (it may name people and places); the timeline says only who added one. */
@Injectable()
export class AddCaseNote {
  constructor(
    private readonly recorder: CaseWorkRecorder,
    private readonly sealer: Sealer,
  ) {}

  async execute(caseId: string, body: unknown, caller: Principal, idempotencyKey?: string): Promise<CaseState> {
    const parsed = noteRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
    return this.recorder.record(
      caseId,
      caller,
      (current) => {
        requireWorker(caller, current);
        return { work: { kind: 'note', note: this.sealer.seal(parsed.data.text, caseId) }, summary: 'Note added' };
      },
      idempotencyKey,
    );
  }
}
