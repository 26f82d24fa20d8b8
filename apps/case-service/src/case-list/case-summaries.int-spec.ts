import { TOPICS, createEvent } from '@haki/contracts';
import { createLogger } from '@haki/platform-logging';
import { useTestDatabase } from '@haki/testing';
import { caseTimelineModel, type CaseTimeline } from '../case.model';
import { CaseTimelineStore } from '../case-timeline-store';
import { RecordCaseEvent } from '../record-event/record-event.use-case';
import { caseListLogModel, caseSummaryModel, CaseSummaries, type CaseListLogDocument, type CaseSummaryDocument } from './case-summaries';
import type { Model } from 'mongoose';

const quiet = createLogger({ service: 'test', level: 'silent' });

describe('the case list rows, on the real database, across processes', () => {
  const database = useTestDatabase('case-list');
  let slots: CaseTimeline;
  let summaries: Model<CaseSummaryDocument>;
  let log: Model<CaseListLogDocument>;
  beforeEach(async () => {
    slots = await caseTimelineModel(database());
    summaries = await caseSummaryModel(database());
    log = await caseListLogModel(database());
  });

  /** One case-service process: its timeline store, its rows, its consumer's use case. */
  async function startProcess() {
    const store = new CaseTimelineStore(slots);
    const rows = new CaseSummaries(summaries, log, store, slots, quiet);
    await rows.onModuleInit();
    rows.onApplicationShutdown(); // the tests catch up by listing, not on the timer
    return { rows, record: new RecordCaseEvent(store, rows) };
  }

  const submitted = (referralId: string, countyName: string) =>
    createEvent({
      topic: TOPICS.referralSubmitted,
      key: referralId,
      producer: 'test',
      correlationId: 'c',
      payload: {
        referralId,
        serviceType: 'postmortem',
        urgency: 'critical',
        rolesNeeded: ['forensic-pathologist'],
        countyCode: 23,
        countyName,
        coarseLocation: { lat: 3.1, lon: 35.6 },
        submittedAt: new Date().toISOString(),
      },
    });
  const escalated = (referralId: string) =>
    createEvent({
      topic: TOPICS.referralEscalated,
      key: referralId,
      producer: 'test',
      correlationId: 'c',
      payload: { referralId, role: 'forensic-pathologist', reason: 'no-candidates' },
    });

  it('shows a case another process recorded on this one’s list, and loads every row at start', async () => {
    const a = await startProcess();
    const b = await startProcess();
    await a.record.execute(TOPICS.referralSubmitted, submitted('case-1', 'Turkana'));
    await b.record.execute(TOPICS.referralSubmitted, submitted('case-2', 'Mandera'));
    await a.record.execute(TOPICS.referralEscalated, escalated('case-2'));
    const seenBy = async (process: { rows: CaseSummaries }) => new Map([...(await process.rows.current())].map((row) => [row.caseId, row]));
    for (const process of [a, b, await startProcess()]) {
      const rows = await seenBy(process);
      expect([...rows.keys()].sort()).toEqual(['case-1', 'case-2']);
      expect(rows.get('case-2')).toMatchObject({
        county: 'Mandera',
        status: 'matching',
        escalated: true,
        unfilledRoles: ['forensic-pathologist'],
      });
    }
    expect(await log.countDocuments()).toBe(3); // one log slot per change
  });

  it('keeps the row of a case two processes change at once equal to its whole timeline', async () => {
    const a = await startProcess();
    const b = await startProcess();
    await a.record.execute(TOPICS.referralSubmitted, submitted('case-3', 'Wajir'));
    // Many events about one case, half through each process, at once.
    const events = Array.from({ length: 12 }, () => escalated('case-3'));
    await Promise.all(events.map((event, n) => (n % 2 ? a : b).record.execute(TOPICS.referralEscalated, event)));
    const stored = await summaries.findById('case-3').lean();
    expect(stored!.entries).toBe(13);
    for (const process of [a, b]) {
      const row = [...(await process.rows.current())].find((candidate) => candidate.caseId === 'case-3');
      expect(row!.entries).toBe(13);
    }
  });

  it('builds rows once for cases recorded before the list existed', async () => {
    const old = new CaseTimelineStore(slots);
    await old.append('case-old', {
      eventId: 'e1',
      causationId: null,
      type: 'referral.submitted',
      occurredAt: new Date(),
      summary: 'x',
      facts: { countyName: 'Kisumu', serviceType: 'legal-aid', urgency: 'normal' },
    });
    const a = await startProcess();
    expect([...(await a.rows.current())].map((row) => row.caseId)).toEqual(['case-old']);
    await summaries.deleteMany({});
    const b = await startProcess(); // the marker says done: nothing is rebuilt at a later start
    expect([...(await b.rows.current())]).toEqual([]);
  });
});
