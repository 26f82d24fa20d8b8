import { TOPICS, createEvent } from '@haki/contracts';
import { createLogger } from '@haki/platform-logging';
import { useTestDatabase } from '@haki/testing';
import { caseTimelineModel, type CaseTimeline } from '../case.model';
import { CaseTimelineStore } from '../case-timeline-store';
import { RecordCaseEvent } from '../record-event/record-event.use-case';
import { caseListLogModel, caseSummaryModel, CaseSummaries, type CaseListLogDocument, type CaseSummaryDocument } from './case-summaries';
import type { Model } from 'mongoose';
import type { Role } from '@haki/vocabulary';
import { listCases, parseCaseListQuery } from './case-list-query';

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
    return { rows, store, record: new RecordCaseEvent(store, rows) };
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

  it('drops an event redelivered to a process after it recorded case work behind another process’s events', async () => {
    const a = await startProcess();
    const b = await startProcess();
    await a.record.execute(TOPICS.referralSubmitted, submitted('case-4', 'Kisumu'));
    const e1 = escalated('case-4');
    await b.record.execute(TOPICS.referralEscalated, e1); // slot 1, which process A never saw
    const work = { eventId: 'work-1', causationId: null, type: 'case.note', occurredAt: new Date(), summary: 'Note added' };
    expect(await a.store.appendAt('case-4', 2, work)).toBe(true);
    // B died before committing its offset: e1 comes again, to a process that remembers case-4 from slot 0.
    await a.record.execute(TOPICS.referralEscalated, e1);
    const entries = await new CaseTimelineStore(slots).read('case-4');
    expect(entries.map((entry) => entry.eventId)).toEqual([entries[0]!.eventId, e1.eventId, 'work-1']);
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

describe('listing a few hundred cases stored on the real database', () => {
  const database = useTestDatabase('case-list-many');
  const COUNTIES = ['Turkana', 'Mandera', 'Nairobi', 'Kisumu', 'Garissa'];
  const SERVICES = ['postmortem', 'torture-documentation', 'legal-aid'] as const;
  const URGENCIES = ['critical', 'urgent', 'normal'] as const;
  const LEAD_ROLE: Record<(typeof SERVICES)[number], Role> = {
    postmortem: 'forensic-pathologist',
    'torture-documentation': 'clinician',
    'legal-aid': 'advocate',
  };

  it('filters, counts and pages them the same in the process that recorded them and in a fresh one', async () => {
    const slots = await caseTimelineModel(database());
    const summaries = await caseSummaryModel(database());
    const log = await caseListLogModel(database());
    const start = async () => {
      const store = new CaseTimelineStore(slots);
      const rows = new CaseSummaries(summaries, log, store, slots, quiet);
      await rows.onModuleInit();
      rows.onApplicationShutdown();
      return { rows, record: new RecordCaseEvent(store, rows) };
    };
    const writer = await start();
    const seeded = Array.from({ length: 300 }, (_, n) => ({
      referralId: `seed-${String(n).padStart(3, '0')}`,
      county: COUNTIES[n % COUNTIES.length]!,
      serviceType: SERVICES[n % SERVICES.length]!,
      urgency: URGENCIES[Math.floor(n / 5) % URGENCIES.length]!,
      withdrawn: n % 7 === 0,
    }));
    for (let i = 0; i < seeded.length; i += 20) {
      await Promise.all(
        seeded.slice(i, i + 20).map(async (c) => {
          const payload = {
            referralId: c.referralId,
            serviceType: c.serviceType,
            urgency: c.urgency,
            rolesNeeded: [LEAD_ROLE[c.serviceType]],
            countyCode: 1 + COUNTIES.indexOf(c.county),
            countyName: c.county,
            coarseLocation: { lat: 0.1, lon: 37.6 },
            submittedAt: new Date(Date.now() - seeded.indexOf(c) * 60_000).toISOString(),
          };
          await writer.record.execute(
            TOPICS.referralSubmitted,
            createEvent({ topic: TOPICS.referralSubmitted, key: c.referralId, producer: 'test', correlationId: 'c', payload }),
          );
          if (c.withdrawn) {
            const withdrawal = { referralId: c.referralId, reason: 'family withdrew', recordedBy: 'ops-1' };
            await writer.record.execute(
              TOPICS.referralWithdrawn,
              createEvent({
                topic: TOPICS.referralWithdrawn,
                key: c.referralId,
                producer: 'test',
                correlationId: 'c',
                payload: withdrawal,
              }),
            );
          }
        }),
      );
    }
    const open = seeded.filter((c) => !c.withdrawn);
    const now = new Date();
    for (const process of [writer, await start()]) {
      const rows = [...(await process.rows.current())];
      expect(rows).toHaveLength(300);
      const turkana = listCases(rows, parseCaseListQuery({ county: 'turkana', limit: '200' }), now);
      expect(turkana.cases.map((row) => row.caseId).sort()).toEqual(open.filter((c) => c.county === 'Turkana').map((c) => c.referralId));
      expect(turkana.counts.byStatus.closed).toBe(seeded.filter((c) => c.withdrawn && c.county === 'Turkana').length);
      const criticalPostmortems = listCases(
        rows,
        parseCaseListQuery({ serviceType: 'postmortem', urgency: 'critical', limit: '200' }),
        now,
      );
      expect(criticalPostmortems.counts.total).toBe(open.filter((c) => c.serviceType === 'postmortem' && c.urgency === 'critical').length);
      // Newest first, 25 a page: every open case exactly once, in order.
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = listCases(rows, parseCaseListQuery({ sort: '-receivedAt', limit: '25', ...(cursor ? { cursor } : {}) }), now);
        paged.push(...page.cases.map((row) => row.caseId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(open.map((c) => c.referralId));
    }
  });
});
