import { TOPICS, createEvent } from '@haki/contracts';
import { createLogger } from '@haki/platform-logging';
import { useTestDatabase } from '@haki/testing';
import { caseTimelineModel, type CaseTimeline } from '../case.model';
import { CaseTimelineStore } from '../case-timeline-store';
import { caseListLogModel, caseSummaryModel, CaseSummaries } from '../case-list/case-summaries';
import { RecordCaseEvent } from './record-event.use-case';

const quiet = createLogger({ service: 'test', level: 'silent' });

describe('recording case events on the real database', () => {
  const database = useTestDatabase('case');
  let slots: CaseTimeline;

  let process: () => Promise<RecordCaseEvent>;
  beforeEach(async () => {
    slots = await caseTimelineModel(database());
    const summaries = await caseSummaryModel(database());
    const log = await caseListLogModel(database());
    // One process: its own timeline store (what it remembers of slots) and its own list rows.
    process = async () => {
      const store = new CaseTimelineStore(slots);
      return new RecordCaseEvent(store, new CaseSummaries(summaries, log, store, slots, quiet));
    };
  });

  const escalation = (referralId: string, n: number) =>
    createEvent({
      topic: TOPICS.referralEscalated,
      key: referralId,
      payload: { referralId, role: 'advocate', reason: `round ${n}` },
      producer: 'test',
      correlationId: 'c',
    });

  it('keeps every event when many about one case arrive at once, each once, in slots without gaps', async () => {
    const record = await process();
    const events = Array.from({ length: 30 }, (_, n) => escalation('ref-1', n));
    await Promise.all([...events, ...events.slice(0, 10)].map((event) => record.execute(TOPICS.referralEscalated, event)));

    const entries = await new CaseTimelineStore(slots).read('ref-1');
    expect(entries).toHaveLength(30);
    expect(new Set(entries.map((entry) => entry.eventId))).toEqual(new Set(events.map((event) => event.eventId)));
    const stored = await slots.find().lean();
    expect(stored.map((slot) => slot._id).sort()).toEqual(Array.from({ length: 30 }, (_, n) => `ref-1/${n}`).sort());
  });

  it('records a redelivered event once after a restart, and two processes writing one case share its slots', async () => {
    const before = await process();
    const first = escalation('ref-2', 1);
    await before.execute(TOPICS.referralEscalated, first);

    // A new process (nothing remembered) gets the same event again, then a new one, while the old
    // process, which still believes slot 1 is free, records another.
    const after = await process();
    await after.execute(TOPICS.referralEscalated, first);
    await after.execute(TOPICS.referralEscalated, escalation('ref-2', 2));
    await before.execute(TOPICS.referralEscalated, escalation('ref-2', 3));

    const entries = await new CaseTimelineStore(slots).read('ref-2');
    expect(new Set(entries.map((entry) => entry.eventId)).size).toBe(3);
    expect(entries).toHaveLength(3);
    expect(entries[0]!.eventId).toBe(first.eventId);
    expect(await new CaseTimelineStore(slots).read('ref-unknown')).toEqual([]);
  });
});
