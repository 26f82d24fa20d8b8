import { Inject, Injectable } from '@nestjs/common';
import { deterministicEventId, EventFactory, HakiError, TOPICS, type PayloadOf } from '@haki/contracts';
import type { Principal } from '@haki/platform-access';
import { correlationIdOrNew } from '@haki/platform-logging';
import { toOutbox, type OutboxRelay } from '@haki/platform-messaging';
import { authorOf, notFound } from '../case-access';
import { CaseSummaries } from '../case-list/case-summaries';
import { foldCase, type CaseState } from '../case-state/case-state';
import { CaseTimelineStore } from '../case-timeline-store';
import type { CaseEntry, CaseWork } from '../case.model';
import { CASE_OUTBOX } from '../case.tokens';

/** What a step of case work records: the entry, its line on the timeline, and the event other services need, if any. */
export interface WorkStep {
  work: CaseWork;
  summary: string;
  statusChanged?: PayloadOf<typeof TOPICS.caseStatusChanged>;
}

/** Attempts before giving up on a case that keeps changing under the caller (matching's events arrive all the time). */
const ATTEMPTS = 5;

/**
 * Records case work: reads the case, lets the step check itself against the state and describe its
 * entry, and puts the entry in the slot right after what it read. If an event landed there meanwhile,
 * the step is checked again against the case as it is now, so a step is never recorded against a state
 * it was not checked on. Then the step's event (a status change for matching) is enqueued with an id
 * fixed by its slot, and the case's list row refreshed.
 *
 * A crash between recording a status change and enqueueing its event would leave matching unaware;
 * repeating the same step (the caller's retry) finds the case already there and enqueues the event again
 * under the same id, which consumers drop if they had it.
 */
@Injectable()
export class CaseWorkRecorder {
  constructor(
    private readonly timeline: CaseTimelineStore,
    private readonly summaries: CaseSummaries,
    @Inject(CASE_OUTBOX) private readonly outbox: OutboxRelay,
    private readonly events: EventFactory,
  ) {}

  /**
   * The case's state, or the same 404 as for a missing case. A list row behind the timeline (a crash
   * after a step was recorded and before its row was stored) is brought up to date here, so the next
   * read or retry repairs it.
   */
  async read(caseId: string): Promise<{ state: CaseState; slots: number; entries: CaseEntry[] }> {
    const entries = await this.timeline.read(caseId);
    if (!entries.length) throw notFound(caseId);
    if ((this.summaries.row(caseId)?.entries ?? -1) < entries.length) await this.summaries.refresh(caseId);
    return { state: foldCase(caseId, entries), slots: entries.length, entries };
  }

  /**
   * `idempotencyKey` (the request's Idempotency-Key header): a retry of a request that was recorded (its
   * answer lost on a patchy line) finds its entry and records nothing new.
   */
  async record(caseId: string, caller: Principal, decide: (state: CaseState) => WorkStep, idempotencyKey?: string): Promise<CaseState> {
    const requestId = idempotencyKey ? `${caller.subject}:${idempotencyKey}` : undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const { state, slots, entries } = await this.read(caseId);
      if (requestId && entries.some((entry) => entry.requestId === requestId)) return state;
      const step = decide(state);
      const eventId = deterministicEventId(`case-work:${caseId}/${slots}`);
      const recorded = await this.timeline.appendAt(caseId, slots, {
        eventId,
        causationId: null,
        type: `case.${step.work.kind}`,
        occurredAt: new Date(),
        summary: step.summary,
        work: step.work,
        by: authorOf(caller),
        ...(step.statusChanged ? { announced: step.statusChanged } : {}),
        ...(requestId ? { requestId } : {}),
      });
      if (!recorded) continue;
      if (step.statusChanged) await this.announce(caseId, eventId, step.statusChanged);
      return (await this.summaries.refresh(caseId)) ?? state;
    }
    throw new HakiError('CASE.CHANGED_MEANWHILE', `case ${caseId} kept changing while this was recorded; read it again and repeat`);
  }

  /** Enqueues a status change for matching under a fixed id (`eventId`'s), so enqueuing it again publishes nothing new. */
  async announce(caseId: string, eventId: string, payload: PayloadOf<typeof TOPICS.caseStatusChanged>): Promise<void> {
    const event = this.events.create({ topic: TOPICS.caseStatusChanged, key: caseId, payload, correlationId: correlationIdOrNew() });
    await this.outbox.enqueue([toOutbox(TOPICS.caseStatusChanged, { ...event, eventId })]);
    this.outbox.kick();
  }
}
