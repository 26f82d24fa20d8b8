import { HakiError } from '@haki/contracts';
import { CASE_STATUSES } from '@haki/vocabulary';
import type { CaseEntry, CaseWork } from '../case.model';
import { slaStateAt } from '../case-list/case-list-query';
import { offersFor } from '../case-list/offers-for-volunteer';
import { foldCase, summarise } from './case-state';
import { checkStep } from './lifecycle';
import { slaClocks } from './sla-clocks';

const T0 = Date.UTC(2026, 11, 1, 6, 0, 0);
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * HOUR);
let seq = 0;

const event = (type: string, hours: number, extra: Partial<CaseEntry> = {}): CaseEntry => ({
  eventId: `e${(seq += 1)}`,
  causationId: null,
  type,
  occurredAt: at(hours),
  summary: type,
  ...extra,
});
const submitted = (serviceType: string, urgency = 'critical', deadline?: Date) =>
  event('referral.submitted', 0, {
    facts: {
      serviceType,
      urgency,
      countyName: 'Turkana',
      rolesNeeded: [serviceType === 'postmortem' ? 'forensic-pathologist' : 'clinician'],
      submittedAt: at(0).toISOString(),
      organisationId: 'org-1',
      ...(deadline ? { deadline: deadline.toISOString() } : {}),
    },
  });
const offered = (hours: number, role: string, professionalId = 'p1', n = 1) =>
  event('assignment.offered', hours, { offer: { offerId: `r:${n}`, role, professionalId, status: 'offered' } });
const confirmed = (hours: number, role: string, professionalId = 'p1', n = 1) =>
  event('assignment.confirmed', hours, { offer: { offerId: `r:${n}`, role, professionalId, status: 'confirmed' } });
const work = (hours: number, step: CaseWork) => event(`case.${step.kind}`, hours, { work: step, by: { subject: 'ops-1', role: 'ops' } });
const sealed = { kid: 'k', iv: 'i', tag: 't', data: 'd' };

describe('a case folded from its timeline', () => {
  it("lists the offers waiting on a volunteer's answer, and only those, in its row", () => {
    const entries = [
      submitted('postmortem'),
      offered(0.05, 'forensic-pathologist', 'p1', 1),
      offered(0.06, 'forensic-pathologist', 'p2', 2),
    ];
    expect(summarise(foldCase('r', entries)).openOffers).toEqual([
      { offerId: 'r:1', role: 'forensic-pathologist', professionalId: 'p1', status: 'offered' },
      { offerId: 'r:2', role: 'forensic-pathologist', professionalId: 'p2', status: 'offered' },
    ]);
    entries.push(confirmed(0.5, 'forensic-pathologist', 'p2', 2));
    entries.push(
      event('assignment.declined', 0.4, {
        offer: { offerId: 'r:1', role: 'forensic-pathologist', professionalId: 'p1', status: 'declined' },
      }),
    );
    const row = summarise(foldCase('r', entries));
    expect(row.openOffers).toEqual([]);
    expect(offersFor('p2', [row])).toEqual([]);
  });

  it('gives a volunteer their own open offers with what the offer SMS told them, newest referral first', () => {
    // Answered yes, not confirmed yet: still listed, as accepted (the app shows no buttons for it).
    const accepted = event('assignment.responded', 0.1, {
      offer: { offerId: 'r:1', role: 'forensic-pathologist', professionalId: 'p1', status: 'accepted' },
    });
    const older = summarise(foldCase('a', [submitted('postmortem'), offered(0.05, 'forensic-pathologist', 'p1', 1), accepted]));
    const newer = {
      ...summarise(foldCase('b', [submitted('torture-documentation'), offered(1, 'clinician', 'p1', 3)])),
      receivedAt: at(5).toISOString(),
    };
    const someoneElses = summarise(foldCase('c', [submitted('postmortem'), offered(0.05, 'forensic-pathologist', 'p9', 4)]));
    expect(offersFor('p1', [older, someoneElses, newer])).toEqual([
      {
        offerId: 'r:3',
        caseId: 'b',
        role: 'clinician',
        serviceType: 'torture-documentation',
        urgency: 'critical',
        county: 'Turkana',
        receivedAt: at(5).toISOString(),
        status: 'offered',
      },
      {
        offerId: 'r:1',
        caseId: 'a',
        role: 'forensic-pathologist',
        serviceType: 'postmortem',
        urgency: 'critical',
        county: 'Turkana',
        receivedAt: at(0).toISOString(),
        status: 'accepted',
      },
    ]);
  });

  it('follows a postmortem from referral to closure: matching moves it to assigned, people move it on', () => {
    const entries = [submitted('postmortem')];
    expect(foldCase('r', entries).status).toBe('submitted');
    entries.push(offered(0.05, 'forensic-pathologist'));
    expect(foldCase('r', entries).status).toBe('matching');
    entries.push(confirmed(0.5, 'forensic-pathologist'));
    const assigned = foldCase('r', entries);
    expect(assigned.status).toBe('assigned');
    expect(assigned.assignments).toEqual([{ offerId: 'r:1', role: 'forensic-pathologist', professionalId: 'p1' }]);
    entries.push(work(6, { kind: 'status', to: 'in-progress' }));
    entries.push(work(30, { kind: 'status', to: 'report-in-preparation' }));
    entries.push(work(80, { kind: 'status', to: 'report-delivered' }));
    entries.push(work(90, { kind: 'status', to: 'closed', outcome: 'report-delivered-to-family' }));
    const closed = foldCase('r', entries);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'report-delivered-to-family', assignments: [] });
    expect(closed.milestones).toMatchObject({
      firstOfferAt: T0 + 0.05 * HOUR,
      acceptedAt: T0 + 0.5 * HOUR,
      onSiteAt: T0 + 6 * HOUR,
      reportAt: T0 + 80 * HOUR,
    });
    expect(summarise(closed)).toMatchObject({
      status: 'closed',
      closedAt: at(90).toISOString(),
      professionalIds: ['p1'],
      county: 'Turkana',
    });
  });

  it('counts a progress report from matching as work started, and a withdrawal as closure', () => {
    const started = foldCase('r', [
      submitted('postmortem'),
      offered(0.1, 'forensic-pathologist'),
      confirmed(1, 'forensic-pathologist'),
      event('assignment.progress-reported', 5),
    ]);
    expect(started.status).toBe('in-progress');
    expect(started.milestones.onSiteAt).toBe(T0 + 5 * HOUR);
    const withdrawn = foldCase('r', [submitted('legal-aid'), event('referral.withdrawn', 2)]);
    expect(withdrawn).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  });

  it('keeps the first closure: a withdrawal after people closed the case changes nothing, one before it closes the case', () => {
    const closedFirst = foldCase('r', [
      submitted('legal-aid'),
      work(1, { kind: 'status', to: 'closed', outcome: 'referred-on' }),
      event('referral.withdrawal-requested', 48),
    ]);
    expect(closedFirst).toMatchObject({ status: 'closed', outcome: 'referred-on' });
    expect(closedFirst.milestones.closedAt).toBe(T0 + HOUR);
    const withdrawnFirst = foldCase('r', [
      submitted('legal-aid'),
      event('referral.withdrawn', 1),
      work(2, { kind: 'status', to: 'closed', outcome: 'duplicate' }),
    ]);
    expect(withdrawnFirst).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  });

  it('knows since when a role has waited with ops: its latest escalation, and nothing once it is filled', () => {
    const escalated = (hours: number) => event('referral.escalated', hours, { escalatedRole: 'forensic-pathologist' });
    const waiting = [submitted('postmortem'), offered(0.1, 'forensic-pathologist'), escalated(1)];
    expect(summarise(foldCase('r', waiting))).toMatchObject({ escalated: true, escalatedAt: at(1).toISOString() });
    const filled = [...waiting, confirmed(2, 'forensic-pathologist', 'p2', 2)];
    expect(summarise(foldCase('r', filled)).escalated).toBe(false);
    expect(summarise(foldCase('r', filled)).escalatedAt).toBeUndefined();
    // Released days later, and matching offers the role again: not with ops, whatever the view's role says.
    const released = event('assignment.cancelled', 72, {
      offer: { offerId: 'r:2', role: 'forensic-pathologist', professionalId: 'p2', status: 'cancelled' },
    });
    const reoffered = [...filled, released, offered(72.1, 'forensic-pathologist', 'p3', 3)];
    expect(summarise(foldCase('r', reoffered)).escalatedAt).toBeUndefined();
    // ...and nobody left: escalated again, waiting since then.
    expect(summarise(foldCase('r', [...reoffered, escalated(75)])).escalatedAt).toBe(at(75).toISOString());
    // Ops ask for the role to be offered again: matching is searching, not ops; until it hands it back.
    const asked = [...waiting, event('assignment.reoffer-requested', 1.5, { reofferedRole: 'forensic-pathologist' })];
    expect(summarise(foldCase('r', asked))).toMatchObject({ escalated: false, unfilledRoles: ['forensic-pathologist'] });
    expect(summarise(foldCase('r', asked)).escalatedAt).toBeUndefined();
    expect(summarise(foldCase('r', [...asked, escalated(1.8)]))).toMatchObject({ escalated: true, escalatedAt: at(1.8).toISOString() });
    // A whole referral handed to ops (a dead-lettered event) escalates every role, with no role named.
    const wholeReferral = [submitted('postmortem'), event('referral.escalated', 3)];
    expect(summarise(foldCase('r', wholeReferral))).toMatchObject({ escalated: true, escalatedAt: at(3).toISOString() });
  });

  it('keeps the Istanbul checklist with the latest record of each item, and what is missing', () => {
    const state = foldCase('r', [
      submitted('torture-documentation'),
      work(1, { kind: 'checklist', item: 'informed-consent', state: 'done' }),
      work(2, { kind: 'checklist', item: 'interpretation-of-findings', state: 'done', value: 'consistent' }),
      work(3, { kind: 'checklist', item: 'interpretation-of-findings', state: 'done', value: 'highly-consistent', note: sealed }),
      work(4, { kind: 'checklist', item: 'psychological-evaluation', state: 'not-applicable', note: sealed }),
    ]);
    expect(state.checklist!.protocol).toMatch(/Istanbul/);
    expect(state.checklist!.missing).toEqual(['history', 'physical-examination', 'report']);
    expect(state.checklist!.items.find((item) => item.id === 'interpretation-of-findings')).toMatchObject({
      state: 'done',
      value: 'highly-consistent',
      note: sealed,
    });
    expect(summarise(state).missingChecklistItems).toBe(3);
    expect(foldCase('r', [submitted('legal-aid')]).checklist).toBeUndefined();
  });

  it('keeps each evidence record with its file and an append-only custody log', () => {
    const state = foldCase('r', [
      submitted('postmortem'),
      work(1, { kind: 'evidence-registered', evidenceId: 'ev1', evidenceType: 'photo' }),
      work(2, { kind: 'evidence-received', evidenceId: 'ev1', sha256: 'ab'.repeat(32), size: 10, mediaType: 'image/jpeg', keyId: 'k1' }),
      work(3, { kind: 'custody', evidenceId: 'ev1', action: 'viewed' }),
      work(4, { kind: 'custody', evidenceId: 'ev1', action: 'handed-over', to: sealed }),
      work(5, { kind: 'custody', evidenceId: 'ev1', action: 'verified', intact: false, problem: 'hash differs' }),
    ]);
    expect(state.evidence).toHaveLength(1);
    expect(state.evidence[0]!.file).toMatchObject({ sha256: 'ab'.repeat(32), size: 10 });
    expect(state.evidence[0]!.custody.map((record) => record.action)).toEqual(['received', 'viewed', 'handed-over', 'verified']);
    expect(state.evidence[0]!.custody[3]).toMatchObject({ intact: false, problem: 'hash differs' });
  });
});

describe('lifecycle steps', () => {
  const context = (status: Parameters<typeof checkStep>[0]['status'], coordinator = true, missingItems: string[] = []) => ({
    status,
    coordinator,
    missingItems,
  });
  const refused = (fn: () => void): HakiError => {
    try {
      fn();
    } catch (error) {
      return error as HakiError;
    }
    throw new Error('expected the step to be refused');
  };

  it('refuses a step that does not follow, naming the current state and what it allows', () => {
    const error = refused(() => checkStep(context('matching'), { to: 'report-delivered' }));
    expect(error.code).toBe('CASE.TRANSITION_NOT_ALLOWED');
    expect(error.message).toBe('the case is matching: it can go to closed, not report-delivered');
    expect(refused(() => checkStep(context('closed'), { to: 'closed', outcome: 'duplicate' })).message).toMatch(
      /closed: a closed case does not change/,
    );
    expect(refused(() => checkStep(context('in-progress'), { to: 'report-delivered' })).message).toMatch(
      /in-progress: it can go to report-in-preparation or closed/,
    );
  });

  it('allows exactly the next steps of each state and refuses every other pair with the current state named', () => {
    const allowed: Record<string, string[]> = {
      submitted: ['closed'],
      matching: ['closed'],
      assigned: ['in-progress', 'closed'],
      'in-progress': ['report-in-preparation', 'closed'],
      'report-in-preparation': ['report-delivered', 'closed'],
      'report-delivered': ['closed'],
      closed: [],
    };
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const step = { to, ...(to === 'closed' ? { outcome: 'referred-on' as const } : {}) };
        if (allowed[from]!.includes(to)) expect(() => checkStep(context(from), step)).not.toThrow();
        else {
          const error = refused(() => checkStep(context(from), step));
          expect(error.code).toBe('CASE.TRANSITION_NOT_ALLOWED');
          expect(error.message.startsWith(`the case is ${from}:`)).toBe(true);
        }
      }
    }
  });

  it('lets the volunteer record the work but not close the case', () => {
    expect(() => checkStep(context('assigned', false), { to: 'in-progress' })).not.toThrow();
    expect(refused(() => checkStep(context('report-delivered', false), { to: 'closed', outcome: 'report-delivered-to-court' })).code).toBe(
      'CASE.NOT_YOURS',
    );
  });

  it('closes with "report delivered" only after the report, and with open protocol items only with a reason', () => {
    expect(refused(() => checkStep(context('in-progress'), { to: 'closed', outcome: 'report-delivered-to-family' })).code).toBe(
      'CASE.TRANSITION_NOT_ALLOWED',
    );
    expect(() => checkStep(context('in-progress'), { to: 'closed', outcome: 'survivor-unreachable' })).not.toThrow();
    const open = refused(() =>
      checkStep(context('report-delivered', true, ['report']), { to: 'closed', outcome: 'report-delivered-to-court' }),
    );
    expect(open.code).toBe('CASE.CHECKLIST_INCOMPLETE');
    expect(open.message).toMatch(/report/);
    expect(() =>
      checkStep(context('report-delivered', true, ['report']), {
        to: 'closed',
        outcome: 'report-delivered-to-court',
        missingItemsReason: 'signed report sent by post',
      }),
    ).not.toThrow();
  });
});

describe('SLA clocks, with an injected clock', () => {
  it('runs each clock from the one before, caps on-site at the referral deadline, and flags at risk and breached', () => {
    const deadline = at(8);
    const clocks = slaClocks('critical', 'postmortem', { receivedAt: T0, deadline: deadline.getTime(), firstOfferAt: T0 + 0.1 * HOUR });
    expect(clocks.map((clock) => clock.milestone)).toEqual(['first-offer', 'acceptance', 'on-site', 'report']);
    expect(clocks[0]).toMatchObject({ dueAt: at(0.25).toISOString(), metAt: at(0.1).toISOString() });
    expect(clocks[1]!.dueAt).toBe(at(2.1).toISOString()); // 2 h from the first offer
    expect(clocks[2]!.dueAt).toBe(deadline.toISOString()); // 12 h target, but the burial deadline is sooner
    const row = (sla: typeof clocks) => ({ sla }) as Parameters<typeof slaStateAt>[0];
    expect(slaStateAt(row(clocks), at(1))).toBe('on-track');
    expect(slaStateAt(row(clocks), at(1.7))).toBe('at-risk'); // acceptance: last quarter of its 2 h
    expect(slaStateAt(row(clocks), at(2.2))).toBe('breached');
    const late = slaClocks('critical', 'postmortem', { receivedAt: T0, firstOfferAt: T0 + HOUR });
    expect(slaStateAt(row(late), at(1.1))).toBe('breached'); // met, but after its 15 minutes
  });

  it('drops the clocks a closed case never reached before they ran out, and keeps those that did', () => {
    const clocks = slaClocks('normal', 'legal-aid', {
      receivedAt: T0,
      firstOfferAt: T0 + HOUR,
      acceptedAt: T0 + 2 * HOUR,
      closedAt: T0 + 3 * HOUR,
    });
    expect(clocks.map((clock) => clock.milestone)).toEqual(['first-offer', 'acceptance']);
    const overdue = slaClocks('critical', 'legal-aid', { receivedAt: T0, closedAt: T0 + 24 * HOUR });
    expect(overdue.map((clock) => clock.milestone)).toEqual(['first-offer', 'acceptance', 'on-site']);
    expect(slaClocks(undefined, 'legal-aid', { receivedAt: T0 })).toEqual([]);
  });
});
