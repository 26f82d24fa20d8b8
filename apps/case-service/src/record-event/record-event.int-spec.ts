import { TOPICS, createEvent } from '@haki/contracts';
import { useTestDatabase } from '@haki/testing';
import { caseTimelineModel, type CaseTimeline } from '../case.model';
import { RecordCaseEvent } from './record-event.use-case';

describe('recording case events on the real database', () => {
  const database = useTestDatabase('case');
  let timeline: CaseTimeline;

  beforeEach(async () => {
    timeline = await caseTimelineModel(database());
  });

  const escalation = (referralId: string, n: number) =>
    createEvent({
      topic: TOPICS.referralEscalated,
      key: referralId,
      payload: { referralId, role: 'advocate', reason: `round ${n}` },
      producer: 'test',
      correlationId: 'c',
    });

  it('keeps every event when many about one case arrive at once, and each only once', async () => {
    const record = new RecordCaseEvent(timeline);
    const events = Array.from({ length: 30 }, (_, n) => escalation('ref-1', n));
    await Promise.all([...events, ...events.slice(0, 10)].map((event) => record.execute(TOPICS.referralEscalated, event)));
    const stored = await timeline.find({ caseId: 'ref-1' }).lean();
    expect(stored).toHaveLength(30);
    expect(new Set(stored.map((entry) => entry._id))).toEqual(new Set(events.map((event) => event.eventId)));
  });
});
