import fc from 'fast-check';
import { HakiError, type FieldProblem } from '@haki/contracts';
import { encodeCursor } from './case-list-cursor';
import {
  CASE_SORTS,
  listCases,
  NO_COUNTY,
  parseCaseListQuery,
  slaStateAt,
  type CaseList,
  type CaseListQuery,
  type CaseSort,
} from './case-list-query';
import { comparePositions, positionOf } from './case-order';
import type { CaseSummary, SlaClock } from './case-summary';

const NOW = new Date('2026-11-26T12:00:00Z');
const hoursFromNow = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000).toISOString();

function summary(caseId: string, fields: Partial<CaseSummary> = {}): CaseSummary {
  return {
    caseId,
    status: 'submitted',
    serviceType: 'postmortem',
    urgency: 'urgent',
    county: 'Nairobi',
    organisationId: 'org-ipoa',
    professionalIds: [],
    unfilledRoles: [],
    escalated: false,
    missingChecklistItems: 0,
    receivedAt: hoursFromNow(-10),
    updatedAt: hoursFromNow(-1),
    sla: [],
    entries: 1,
    ...fields,
  };
}

/** A clock due `dueIn` hours from now, at risk `warning` hours before that; met `metIn` hours from now if given. */
function clock(dueIn: number, { warning = 2, metIn }: { warning?: number; metIn?: number } = {}): SlaClock {
  return {
    milestone: 'first-offer',
    dueAt: hoursFromNow(dueIn),
    atRiskFrom: hoursFromNow(dueIn - warning),
    ...(metIn === undefined ? {} : { metAt: hoursFromNow(metIn) }),
  };
}

const query = (raw: Record<string, string> = {}) => parseCaseListQuery(raw);
const ids = (list: CaseList) => list.cases.map((c) => c.caseId);
const list = (rows: CaseSummary[], raw: Record<string, string> = {}) => listCases(rows, query(raw), NOW);

function refusal(raw: Record<string, unknown>): FieldProblem[] {
  try {
    parseCaseListQuery(raw);
  } catch (error) {
    if (!(error instanceof HakiError)) throw error;
    expect(error.code).toBe('CASE.INVALID_REQUEST');
    return error.fields ?? [];
  }
  throw new Error(`accepted ${JSON.stringify(raw)}`);
}
const refusedFields = (raw: Record<string, unknown>) => refusal(raw).map((problem) => problem.field);

/** Every page from the first, following nextCursor. */
function allPages(rows: CaseSummary[], raw: Record<string, string>): CaseList[] {
  const pages = [list(rows, raw)];
  for (let next = pages[0]!.nextCursor; next !== undefined; next = pages[pages.length - 1]!.nextCursor) {
    pages.push(list(rows, { ...raw, cursor: next }));
    if (pages.length > 1_000) throw new Error('paging does not end');
  }
  return pages;
}

describe('slaStateAt', () => {
  it('is on-track with no clocks, with clocks far from due, and with clocks met in time', () => {
    expect(slaStateAt(summary('a'), NOW)).toBe('on-track');
    expect(slaStateAt(summary('a', { sla: [clock(10)] }), NOW)).toBe('on-track');
    expect(slaStateAt(summary('a', { sla: [clock(-5, { metIn: -6 }), clock(10)] }), NOW)).toBe('on-track');
  });

  it('is at-risk once an open clock reaches its warning window, from that instant on', () => {
    expect(slaStateAt(summary('a', { sla: [clock(1)] }), NOW)).toBe('at-risk');
    expect(slaStateAt(summary('a', { sla: [clock(2, { warning: 2 })] }), NOW)).toBe('at-risk');
    expect(slaStateAt(summary('a', { sla: [clock(2, { warning: 1 })] }), NOW)).toBe('on-track');
  });

  it('is breached when an open clock is due (at the due instant itself) or overdue', () => {
    expect(slaStateAt(summary('a', { sla: [clock(0)] }), NOW)).toBe('breached');
    expect(slaStateAt(summary('a', { sla: [clock(10), clock(-1)] }), NOW)).toBe('breached');
  });

  it('stays breached when a clock was met late, even with every clock met', () => {
    expect(slaStateAt(summary('a', { sla: [clock(-5, { metIn: -4 }), clock(10)] }), NOW)).toBe('breached');
    expect(slaStateAt(summary('a', { status: 'closed', sla: [clock(-48, { metIn: -47 })] }), NOW)).toBe('breached');
  });

  it('depends on the injected now', () => {
    const row = summary('a', { sla: [clock(5, { warning: 2 })] });
    expect(slaStateAt(row, NOW)).toBe('on-track');
    expect(slaStateAt(row, new Date(hoursFromNow(3)))).toBe('at-risk');
    expect(slaStateAt(row, new Date(hoursFromNow(5)))).toBe('breached');
  });
});

describe('parseCaseListQuery', () => {
  it('defaults to every status but closed, the nearest clock first, 50 a page', () => {
    expect(query()).toMatchObject({
      status: ['submitted', 'matching', 'assigned', 'in-progress', 'report-in-preparation', 'report-delivered'],
      sort: 'dueAt',
      limit: 50,
    });
    expect(query().cursor).toBeUndefined();
  });

  it('reads comma lists, ignoring spaces and empty items, and types the scalars', () => {
    expect(
      query({
        status: 'closed, assigned,,',
        urgency: 'critical,normal',
        sla: 'breached',
        escalated: 'false',
        minAgeHours: '1.5',
        maxAgeHours: '48',
        limit: '200',
        sort: '-updatedAt',
      }),
    ).toMatchObject({
      status: ['closed', 'assigned'],
      urgency: ['critical', 'normal'],
      sla: ['breached'],
      escalated: false,
      minAgeHours: 1.5,
      maxAgeHours: 48,
      limit: 200,
      sort: '-updatedAt',
    });
  });

  it('takes county names in any case and gives their canonical spelling', () => {
    expect(query({ county: 'nairobi,TAITA TAVETA,mombasa' }).county).toEqual(['Nairobi', 'Taita-Taveta', 'Mombasa']);
  });

  it("takes a service type's former name", () => {
    expect(query({ serviceType: 'detention-medical,postmortem' }).serviceType).toEqual(['medical-care', 'postmortem']);
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ status: 'bogus' }, 'status'],
    [{ status: 'open,closed' }, 'status'],
    [{ status: ',' }, 'status'],
    [{ urgency: 'routine' }, 'urgency'],
    [{ sla: 'late' }, 'sla'],
    [{ county: 'Atlantis' }, 'county'],
    [{ serviceType: 'dentistry' }, 'serviceType'],
    [{ escalated: 'yes' }, 'escalated'],
    [{ minAgeHours: '-1' }, 'minAgeHours'],
    [{ maxAgeHours: 'soon' }, 'maxAgeHours'],
    [{ minAgeHours: '10', maxAgeHours: '5' }, 'minAgeHours'],
    [{ sort: 'county' }, 'sort'],
    [{ professionalId: ' ' }, 'professionalId'],
    [{ cursor: 'not a cursor!' }, 'cursor'],
    [{ cursor: Buffer.from('{"sort":"dueAt"}').toString('base64url') }, 'cursor'],
    [{ foo: 'bar' }, 'foo'],
  ])('refuses %j naming %s', (raw, field) => {
    expect(refusedFields(raw)).toEqual([field]);
  });

  it('says why, and names every bad field at once', () => {
    const problems = refusal({ limit: '0', status: 'open,bogus,closed', foo: '1', bar: '2' });
    expect(problems.map((p) => p.field).sort()).toEqual(['bar', 'foo', 'limit', 'status']);
    expect(problems.find((p) => p.field === 'status')?.reason).toMatch(/'open', 'bogus' not recognised; expected submitted, .*closed/);
    expect(problems.find((p) => p.field === 'limit')?.reason).toBe('must be a whole number from 1 to 200');
    expect(problems.find((p) => p.field === 'foo')?.reason).toMatch(/^is not a case list field/);
  });

  it('refuses a value given twice (not a string) under its name', () => {
    expect(refusedFields({ status: ['closed', 'assigned'] })).toEqual(['status']);
  });

  it('refuses a cursor made for another sort', () => {
    const cursor = encodeCursor('dueAt', { primary: 1, secondary: 2, caseId: 'c-1' });
    expect(query({ cursor }).cursor).toEqual({ sort: 'dueAt', primary: 1, secondary: 2, caseId: 'c-1' });
    const [problem] = refusal({ cursor, sort: 'receivedAt' });
    expect(problem).toEqual({ field: 'cursor', reason: expect.stringContaining('made for sort=dueAt, not receivedAt') });
  });
});

describe('listCases filters', () => {
  it('lists every status but closed by default', () => {
    const rows = [summary('open', { status: 'assigned' }), summary('done', { status: 'closed' })];
    expect(ids(list(rows))).toEqual(['open']);
    expect(ids(list(rows, { status: 'closed' }))).toEqual(['done']);
  });

  it('filters by county, whatever the case of the request or the row', () => {
    const rows = [summary('nbi', { county: 'Nairobi' }), summary('msa', { county: 'mombasa' }), summary('none', { county: undefined })];
    expect(ids(list(rows, { county: 'MOMBASA' }))).toEqual(['msa']);
    expect(ids(list(rows, { county: 'nairobi,Mombasa', sort: 'receivedAt' }))).toEqual(['msa', 'nbi']);
  });

  it('filters by service type, a row stored under the former name included', () => {
    const rows = [summary('pm'), summary('mc', { serviceType: 'medical-care' }), summary('old', { serviceType: 'detention-medical' })];
    expect(ids(list(rows, { serviceType: 'medical-care', sort: 'receivedAt' }))).toEqual(['mc', 'old']);
    expect(ids(list(rows, { serviceType: 'postmortem' }))).toEqual(['pm']);
  });

  it('filters by urgency', () => {
    const rows = [summary('c', { urgency: 'critical' }), summary('n', { urgency: 'normal' }), summary('x', { urgency: undefined })];
    expect(ids(list(rows, { urgency: 'normal,critical', sort: 'receivedAt' }))).toEqual(['c', 'n']);
  });

  it('filters by SLA state at now', () => {
    const rows = [summary('ok', { sla: [clock(10)] }), summary('risk', { sla: [clock(1)] }), summary('late', { sla: [clock(-1)] })];
    expect(ids(list(rows, { sla: 'breached' }))).toEqual(['late']);
    expect(ids(list(rows, { sla: 'at-risk,on-track' }))).toEqual(['risk', 'ok']);
  });

  it('filters by professional, organisation and escalation', () => {
    const rows = [
      summary('p1', { professionalIds: ['pro-1', 'pro-2'], organisationId: 'org-a' }),
      summary('p2', { professionalIds: ['pro-2'], organisationId: 'org-b', escalated: true }),
      summary('none', { organisationId: undefined }),
    ];
    expect(ids(list(rows, { professionalId: 'pro-1' }))).toEqual(['p1']);
    expect(ids(list(rows, { professionalId: 'pro-2', sort: 'receivedAt' }))).toEqual(['p1', 'p2']);
    expect(ids(list(rows, { organisationId: 'org-b' }))).toEqual(['p2']);
    expect(ids(list(rows, { escalated: 'true' }))).toEqual(['p2']);
    expect(ids(list(rows, { escalated: 'false', sort: 'receivedAt' }))).toEqual(['none', 'p1']);
  });

  it('filters by age since receipt, both bounds included', () => {
    const rows = [2, 5, 24, 100].map((age) => summary(`age-${age}`, { receivedAt: hoursFromNow(-age) }));
    expect(ids(list(rows, { minAgeHours: '5', sort: 'receivedAt' }))).toEqual(['age-100', 'age-24', 'age-5']);
    expect(ids(list(rows, { maxAgeHours: '24', sort: 'receivedAt' }))).toEqual(['age-24', 'age-5', 'age-2']);
    expect(ids(list(rows, { minAgeHours: '3', maxAgeHours: '30', sort: 'receivedAt' }))).toEqual(['age-24', 'age-5']);
  });

  it('combines filters and marks each case with its SLA state at now', () => {
    const rows = [
      summary('hit', { urgency: 'critical', county: 'Kisumu', sla: [clock(1)] }),
      summary('wrong-county', { urgency: 'critical', county: 'Nairobi' }),
      summary('wrong-urgency', { urgency: 'normal', county: 'Kisumu' }),
    ];
    const result = list(rows, { urgency: 'critical', county: 'kisumu' });
    expect(result.cases).toEqual([{ ...rows[0], slaState: 'at-risk' }]);
  });
});

describe('listCases order', () => {
  it('dueAt: the nearest open clock first (overdue before due), met clocks ignored, cases without an open clock last', () => {
    const rows = [
      summary('no-clock'),
      summary('all-met', { sla: [clock(-20, { metIn: -21 })] }),
      summary('due-in-5', { sla: [clock(-20, { metIn: -21 }), clock(5)] }),
      summary('overdue', { sla: [clock(-3)] }),
      summary('due-in-1', { sla: [clock(30), clock(1)] }),
    ];
    expect(ids(list(rows))).toEqual(['overdue', 'due-in-1', 'due-in-5', 'all-met', 'no-clock']);
  });

  it('urgency: critical, urgent, normal, then cases without one; oldest first within each', () => {
    const rows = [
      summary('normal', { urgency: 'normal' }),
      summary('none', { urgency: undefined }),
      summary('urgent-new', { urgency: 'urgent', receivedAt: hoursFromNow(-1) }),
      summary('urgent-old', { urgency: 'urgent', receivedAt: hoursFromNow(-9) }),
      summary('critical', { urgency: 'critical' }),
    ];
    expect(ids(list(rows, { sort: 'urgency' }))).toEqual(['critical', 'urgent-old', 'urgent-new', 'normal', 'none']);
  });

  it('receivedAt and updatedAt, either way, with the case id breaking ties', () => {
    const rows = [
      summary('b', { receivedAt: hoursFromNow(-3), updatedAt: hoursFromNow(-3) }),
      summary('a', { receivedAt: hoursFromNow(-3), updatedAt: hoursFromNow(-1) }),
      summary('c', { receivedAt: hoursFromNow(-5), updatedAt: hoursFromNow(-2) }),
    ];
    expect(ids(list(rows, { sort: 'receivedAt' }))).toEqual(['c', 'a', 'b']);
    expect(ids(list(rows, { sort: '-receivedAt' }))).toEqual(['a', 'b', 'c']);
    expect(ids(list(rows, { sort: 'updatedAt' }))).toEqual(['b', 'c', 'a']);
    expect(ids(list(rows, { sort: '-updatedAt' }))).toEqual(['a', 'c', 'b']);
  });
});

describe('listCases paging', () => {
  // 23 rows with many equal sort keys, so the case id tie-break is exercised across page boundaries.
  const rows = Array.from({ length: 23 }, (_, i) =>
    summary(`case-${String(i).padStart(2, '0')}`, {
      status: i % 5 === 0 ? 'closed' : 'in-progress',
      urgency: ['critical', 'urgent', 'normal'][i % 3],
      receivedAt: hoursFromNow(-(i % 4)),
      updatedAt: hoursFromNow(-(i % 6)),
      sla: i % 4 === 0 ? [] : [clock(i % 3)],
    }),
  ).reverse();

  it.each(CASE_SORTS)('sort=%s: every matching row exactly once, in order, over 3+ pages', (sort) => {
    const pages = allPages(rows, { sort, limit: '5', status: 'in-progress,closed' });
    expect(pages.length).toBe(5);
    const paged = pages.flatMap(ids);
    expect(paged).toEqual(ids(list(rows, { sort, limit: '200', status: 'in-progress,closed' })));
    expect(new Set(paged).size).toBe(23);
    expect(pages.every((page) => page.counts.total === 23)).toBe(true);
    expect(pages[pages.length - 1]!.nextCursor).toBeUndefined();
  });

  it('gives no cursor when the last page is exactly full', () => {
    const pages = allPages(rows.slice(0, 10), { limit: '5', status: 'in-progress,closed' });
    expect(pages.map((page) => page.cases.length)).toEqual([5, 5]);
  });

  it('continues after the last row returned when rows are added or removed meanwhile', () => {
    const first = list(rows, { sort: 'receivedAt', limit: '4' });
    const seen = ids(first);
    const changed = [...rows.filter((row) => row.caseId !== seen[1]), summary('new-earliest', { receivedAt: hoursFromNow(-50) })];
    const second = list(changed, { sort: 'receivedAt', limit: '4', cursor: first.nextCursor! });
    const full = ids(list(rows, { sort: 'receivedAt', limit: '200' }));
    expect(ids(second)).toEqual(full.slice(4, 8));
  });

  it('matches a full sort for any rows, query and page size', () => {
    const row = fc.record({
      status: fc.constantFrom('submitted' as const, 'assigned' as const, 'closed' as const),
      urgency: fc.constantFrom('critical', 'urgent', 'normal', undefined),
      county: fc.constantFrom('Nairobi', 'Kisumu', undefined),
      received: fc.integer({ min: -100, max: 0 }),
      updated: fc.integer({ min: -5, max: 0 }),
      due: fc.option(fc.integer({ min: -10, max: 10 })),
    });
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 60 }),
        fc.constantFrom(...CASE_SORTS),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom<Record<string, string>>({}, { county: 'Nairobi' }, { urgency: 'critical,urgent', status: 'closed,assigned' }),
        (specs, sort: CaseSort, limit, filters: Record<string, string>) => {
          const cases = specs.map((s, i) =>
            summary(`c${i}`, {
              status: s.status,
              urgency: s.urgency,
              county: s.county,
              receivedAt: hoursFromNow(s.received),
              updatedAt: hoursFromNow(s.updated),
              sla: s.due === null ? [] : [clock(s.due)],
            }),
          );
          const parsed: CaseListQuery = query({ ...filters, sort, limit: String(limit) });
          const everything = listCases(cases, { ...parsed, limit: 200 }, NOW);
          const expected = everything.cases
            .map((c) => ({ id: c.caseId, position: positionOf(sort, c) }))
            .sort((a, b) => comparePositions(a.position, b.position))
            .map((c) => c.id);
          expect(ids(everything)).toEqual(expected);
          expect(allPages(cases, { ...filters, sort, limit: String(limit) }).flatMap(ids)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('listCases over rows it has listed before', () => {
  it('sees a field given a new value in place since the last list', () => {
    const row = summary('a', { receivedAt: hoursFromNow(-5), sla: [clock(10)] });
    const other = summary('b', { receivedAt: hoursFromNow(-3) });
    expect(ids(list([row, other], { sort: 'receivedAt' }))).toEqual(['a', 'b']);
    expect(list([row], {}).cases[0]?.slaState).toBe('on-track');
    row.receivedAt = hoursFromNow(-1);
    row.sla = [clock(-1)];
    expect(ids(list([row, other], { sort: 'receivedAt' }))).toEqual(['b', 'a']);
    expect(list([row], {}).cases[0]?.slaState).toBe('breached');
  });
});

describe('listCases counts', () => {
  const rows = [
    summary('nbi-open', { status: 'assigned', county: 'Nairobi', urgency: 'critical' }),
    summary('nbi-closed', { status: 'closed', county: 'Nairobi', urgency: 'critical' }),
    summary('ksm-open', { status: 'submitted', county: 'Kisumu', urgency: 'critical' }),
    summary('ksm-normal', { status: 'submitted', county: 'Kisumu', urgency: 'normal' }),
    summary('nowhere', { status: 'matching', county: undefined, urgency: 'critical' }),
  ];

  it('count per status under every filter but the status, and per county under every filter but the county', () => {
    const result = list(rows, { urgency: 'critical', county: 'nairobi', status: 'assigned' });
    expect(ids(result)).toEqual(['nbi-open']);
    expect(result.counts).toEqual({
      byStatus: {
        submitted: 0,
        matching: 0,
        assigned: 1,
        'in-progress': 0,
        'report-in-preparation': 0,
        'report-delivered': 0,
        closed: 1,
      },
      byCounty: { Nairobi: 1 },
      total: 1,
    });
    // The open cases by county, as the ops map reads them: the closed Nairobi case is not one.
    expect(list(rows, { urgency: 'critical' }).counts.byCounty).toEqual({ Nairobi: 1, Kisumu: 1, [NO_COUNTY]: 1 });
  });

  it('counts county spellings together under the canonical name', () => {
    const spelled = [summary('a', { county: 'Nairobi' }), summary('b', { county: 'nairobi' }), summary('c', { county: 'Taita Taveta' })];
    expect(list(spelled).counts.byCounty).toEqual({ Nairobi: 2, 'Taita-Taveta': 1 });
    expect(ids(list(spelled, { county: 'taita-taveta' }))).toEqual(['c']);
  });

  it('total counts every page: it is the number matching all filters, not the page length', () => {
    const result = list(rows, { limit: '1' });
    expect(result.cases).toHaveLength(1);
    expect(result.counts.total).toBe(4);
    expect(result.counts.byStatus.closed).toBe(1);
  });
});
