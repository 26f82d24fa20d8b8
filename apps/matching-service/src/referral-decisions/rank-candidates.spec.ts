import { demoRosterDocuments } from '../roster/demo-roster';
import { rankCandidates, rankForPolicy } from './rank-candidates';

const NOW = Date.parse('2026-11-26T09:00:00+03:00');
const lodwarPostmortem = {
  referralId: 'ref-turkana',
  serviceType: 'postmortem' as const,
  urgency: 'critical' as const,
  rolesNeeded: ['forensic-pathologist' as const, 'advocate' as const],
  countyCode: 23,
  countyName: 'Turkana',
  coarseLocation: { lat: 3.1, lon: 35.6 },
  submittedAt: new Date(NOW).toISOString(),
};
const pathologists = () => demoRosterDocuments().filter((p) => p.roles.includes('forensic-pathologist'));
const state = (professionals = pathologists(), openCases: Record<string, number> = {}, holders: string[] = []) => ({
  professionals,
  openCases: new Map(Object.entries(openCases)),
  holders: new Set(holders),
  histories: new Map(),
});

describe('rankCandidates (matching-core wired into the service)', () => {
  it('ranks the Eldoret pathologist first for a Turkana custody death and explains why', () => {
    const ranked = rankCandidates(lodwarPostmortem, 'forensic-pathologist', state(), NOW);
    expect(ranked[0]!.professionalId).toBe('pro-eld-path-1');
    expect(ranked[0]!.summary).toMatch(/by road from Eldoret/);
    expect(ranked.map((c) => c.professionalId)).toEqual(expect.arrayContaining(['pro-ksm-path-1', 'pro-nbo-path-1']));
  });

  it('never lists a volunteer who declared a conflict with the implicated station', () => {
    const roster = pathologists().map((p) => (p._id === 'pro-eld-path-1' ? { ...p, conflicts: ['police:lodwar'] } : p));
    const implicated = { ...lodwarPostmortem, implicated: ['police:lodwar'] };
    const ids = rankCandidates(implicated, 'forensic-pathologist', state(roster), NOW).map((c) => c.professionalId);
    expect(ids).not.toContain('pro-eld-path-1');
    expect(rankCandidates(lodwarPostmortem, 'forensic-pathologist', state(roster), NOW)[0]!.professionalId).toBe('pro-eld-path-1');
  });

  it('drops a professional at capacity and one whose practising certificate has expired', () => {
    const roster = pathologists().map((p) =>
      p._id === 'pro-ksm-path-1' ? { ...p, credentials: [{ kind: 'practising-certificate', expiresOn: '2026-01-31' }] } : p,
    );
    const ids = rankCandidates(lodwarPostmortem, 'forensic-pathologist', state(roster, { 'pro-eld-path-1': 1 }), NOW).map(
      (c) => c.professionalId,
    );
    expect(ids).not.toContain('pro-eld-path-1');
    expect(ids).not.toContain('pro-ksm-path-1');
    expect(ids[0]).toMatch(/^pro-nbo-path/);
  });

  it('puts whoever already holds this referral reservation first, even when that filled their capacity', () => {
    const roster = pathologists().map((p) => (p._id === 'pro-nbo-path-2' ? { ...p, capacity: 1 } : p));
    const ranked = rankCandidates(
      lodwarPostmortem,
      'forensic-pathologist',
      state(roster, { 'pro-nbo-path-2': 1 }, ['pro-nbo-path-2']),
      NOW,
    );
    expect(ranked[0]!.professionalId).toBe('pro-nbo-path-2');
  });

  it('excludes everyone who cannot start before the medico-legal deadline', () => {
    const inTwoHours = { ...lodwarPostmortem, deadline: new Date(NOW + 2 * 3_600_000).toISOString() };
    expect(rankCandidates(inTwoHours, 'forensic-pathologist', state(), NOW)).toEqual([]);
  });

  it('rankForPolicy: the same candidates, and waitable only while someone not excluded qualifies but is busy', () => {
    const everyone = pathologists().map((p) => p._id);
    const allBusy = Object.fromEntries(everyone.map((id) => [id, 99]));
    const free = rankForPolicy(lodwarPostmortem, 'forensic-pathologist', state(), NOW, { k: 3 });
    expect(free.candidates).toEqual(rankCandidates(lodwarPostmortem, 'forensic-pathologist', state(), NOW, { k: 3 }));
    const busy = rankForPolicy(lodwarPostmortem, 'forensic-pathologist', state(pathologists(), allBusy), NOW);
    expect(busy).toEqual({ candidates: [], waitable: true });
    const busyButAsked = rankForPolicy(lodwarPostmortem, 'forensic-pathologist', state(pathologists(), allBusy), NOW, {
      exclude: everyone,
    });
    expect(busyButAsked.waitable).toBe(false);
  });
});
