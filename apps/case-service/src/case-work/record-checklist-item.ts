import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HakiError } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { Sealer } from '@haki/platform-config';
import { requireWorker } from '../case-access';
import type { CaseState } from '../case-state/case-state';
import { CaseWorkRecorder } from './case-work-recorder';

export const checklistItemRequest = z.strictObject({
  state: z.enum(['done', 'not-applicable']),
  /** For items with choices: the Istanbul Protocol's degree of consistency. */
  value: z.string().min(1).max(60).optional(),
  /** Sealed at rest: what was done, or why the item does not apply. */
  note: z.string().trim().min(1).max(2_000).optional(),
});

/**
 * Records one protocol checklist item as done (or not applicable, with why) by whom and when. An item
 * can be recorded again (a correction); the latest record is the item's state, every record stays on
 * the timeline. Closed cases keep their checklist as it was.
 */
@Injectable()
export class RecordChecklistItem {
  constructor(
    private readonly recorder: CaseWorkRecorder,
    private readonly sealer: Sealer,
  ) {}

  async execute(caseId: string, itemId: string, body: unknown, caller: Principal, idempotencyKey?: string): Promise<CaseState> {
    const parsed = checklistItemRequest.safeParse(body);
    if (!parsed.success) throw HakiError.fromZod('CASE.INVALID_REQUEST', parsed.error);
    const { state, value, note } = parsed.data;
    return this.recorder.record(
      caseId,
      caller,
      (current) => {
        requireWorker(caller, current);
        if (current.status === 'closed')
          throw new HakiError('CASE.TRANSITION_NOT_ALLOWED', 'the case is closed: its checklist is kept as it was');
        const item = current.checklist?.items.find((candidate) => candidate.id === itemId);
        if (!current.checklist || !item) {
          const known = current.checklist
            ? `one of ${current.checklist.items.map((i) => i.id).join(', ')}`
            : 'this kind of case has no protocol checklist';
          throw invalid('item', `no checklist item "${itemId}": ${known}`);
        }
        if (item.choices && state === 'done' && (!value || !item.choices.includes(value))) {
          throw invalid('value', `recording ${item.id} done needs one of ${item.choices.join(', ')}`);
        }
        if (value && (!item.choices || state !== 'done')) throw invalid('value', `only ${item.id} recorded done takes a value`);
        if (state === 'not-applicable' && !note) throw invalid('note', 'say why the item does not apply');
        return {
          work: {
            kind: 'checklist',
            item: item.id,
            state,
            ...(value ? { value } : {}),
            ...(note ? { note: this.sealer.seal(note, caseId) } : {}),
          },
          summary: `${current.checklist.protocol}: ${item.label} — ${words(state)}${value ? ` (${value})` : ''}`,
        };
      },
      idempotencyKey,
    );
  }
}

const words = (term: string) => term.replaceAll('-', ' ');

export function invalid(field: string, reason: string): HakiError {
  return new HakiError('CASE.INVALID_REQUEST', `${field}: ${reason}`, { fields: [{ field, reason }] });
}
