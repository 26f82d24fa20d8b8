// Named end-to-end scenarios: ranking and the offer policy together, as the matching service will run them.
import { compileRoster } from './roster/compiled-roster';
import { rankRole, rankTeam, whyNotEligible } from './ranking/rank';
import { roleNeedsFor, PRACTISING_CERTIFICATE, type ReferralForMatching, type RoleNeed } from './ranking/referral';
import { firstNeed, PLACES, pro, TUESDAY_9AM } from './test-support/fixtures';
import { PolicyDriver } from './test-support/policy-driver';

const NOW = TUESDAY_9AM;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('scenario: death in police custody in Turkana, pathologists only in Nairobi, Eldoret and Kisumu', () => {
  const roster = compileRoster([
    pro('path-nairobi', { homeBase: PLACES.nairobi }),
    pro('path-eldoret', { homeBase: PLACES.eldoret, openCases: 1 }),
    pro('path-kisumu', { homeBase: PLACES.kisumu }),
    pro('path-kisumu-ex-police', { homeBase: PLACES.kisumu, conflicts: ['police:lodwar'] }),
    pro('adv-nairobi', { roles: ['advocate'], homeBase: PLACES.nairobi, maxTravelKm: 100 }),
  ]);
  // Intake only knows the county; the family wants the postmortem before the burial in 9 hours.
  const referral: ReferralForMatching = {
    referralId: 'turkana-1',
    serviceType: 'postmortem',
    location: { county: 'Turkana' },
    urgency: 'critical',
    deadline: NOW + 9 * HOUR,
    language: 'sw',
    implicated: ['police:lodwar'],
  };

  it('ranks Eldoret before Kisumu, drops Nairobi (cannot arrive in time) and the conflicted pathologist', () => {
    const [pathologists, advocates] = rankTeam(roster, referral, NOW).roles;
    expect(pathologists?.candidates.map((c) => c.professionalId)).toEqual(['path-eldoret', 'path-kisumu']);
    expect(pathologists?.candidates[0]?.summary).toMatch(
      /^score \d+: 5 h \d+ min by road from Eldoret \(≈\d+ km\); available now; 1 of 3 cases open/,
    );
    expect(whyNotEligible(roster, referral, firstNeed('postmortem'), 'path-nairobi', NOW)).toBe('deadline');
    expect(whyNotEligible(roster, referral, firstNeed('postmortem'), 'path-kisumu-ex-police', NOW)).toBe('conflict');
    expect(advocates?.candidates).toEqual([]); // the only advocate will not travel that far
  });

  it('offers in parallel, Eldoret accepts, Kisumu is cancelled; the optional observer role does not block assignment', () => {
    const team = rankTeam(roster, referral, NOW);
    const driver: PolicyDriver = new PolicyDriver(roster, NOW, (_, role, step, exclude): string[] =>
      rankRole(roster, referral, roleNeedsFor('postmortem').find((n) => n.role === role) as RoleNeed, driver.now, {
        exclude,
        ignoreTravelPreference: step === 2,
      }).map((c) => c.professionalId),
    );
    driver.send('turkana-1', {
      type: 'referralSubmitted',
      referralId: 'turkana-1',
      urgency: 'critical',
      deadline: NOW + 9 * HOUR,
      roles: team.roles.map((r) => ({
        role: r.need.role,
        required: r.need.required,
        candidates: r.candidates.map((c) => c.professionalId),
      })),
    });
    // The observer role widened twice (the second time ignoring travel preferences) but the only advocate
    // cannot arrive before the deadline: the optional role ends unfilled without paging ops.
    const offers = driver.openOffers();
    expect(offers.map((o) => o.professionalId).sort()).toEqual(['path-eldoret', 'path-kisumu']);
    expect(driver.log.filter((l) => l.command.type === 'widenSearch')).toHaveLength(2);
    expect(driver.states.get('turkana-1')?.roles[1]?.phase).toBe('unfilled');
    driver.send('turkana-1', {
      type: 'offerAccepted',
      offerId: offers.find((o) => o.professionalId === 'path-eldoret')?.offerId as string,
    });
    expect(driver.log.map((l) => l.command)).toContainEqual(
      expect.objectContaining({ type: 'cancelOffer', professionalId: 'path-kisumu', reason: 'filled' }),
    );
    driver.send('turkana-1', {
      type: 'progressReported',
      offerId: offers.find((o) => o.professionalId === 'path-eldoret')?.offerId as string,
    });
    expect(driver.states.get('turkana-1')?.status).toBe('assigned');
    expect(driver.log.some((l) => l.command.type === 'escalateToOps')).toBe(false);
    expect(roster.openCases[roster.indexOf('path-eldoret')]).toBe(2);
  });
});

describe('scenario: a death in custody in Marsabit, the nearest pathologist across Lake Turkana in Lodwar', () => {
  // 290 km apart as the crow flies, straight over the lake; no road crosses it, so the drive goes
  // round by Maralal or Kitale and Isiolo: far longer than the 8 hours before the burial.
  const roster = compileRoster([
    pro('path-lodwar', { homeBase: PLACES.lodwar, maxTravelKm: 2000 }),
    pro('path-nairobi', { homeBase: PLACES.nairobi }),
  ]);
  const referral = (hours: number): ReferralForMatching => ({
    referralId: 'marsabit-1',
    serviceType: 'postmortem',
    location: PLACES.marsabit,
    urgency: 'critical',
    deadline: NOW + hours * HOUR,
  });

  it('does not list the Lodwar pathologist for an 8-hour deadline; Nairobi, on the paved road north, can make it', () => {
    expect(rankRole(roster, referral(8), firstNeed('postmortem'), NOW).map((c) => c.professionalId)).toEqual(['path-nairobi']);
    expect(whyNotEligible(roster, referral(8), firstNeed('postmortem'), 'path-lodwar', NOW)).toBe('deadline');
  });

  it('with two days to spare, ranks Nairobi (paved road north) before Lodwar (round the lake), and says how far by road', () => {
    const list = rankRole(roster, referral(48), firstNeed('postmortem'), NOW);
    expect(list.map((c) => c.professionalId)).toEqual(['path-nairobi', 'path-lodwar']);
    const lodwar = list[1]!.factors.find((f) => f.name === 'travel')!;
    expect(lodwar.value / 60).toBeGreaterThan(12);
    expect(lodwar.text).toMatch(/by road from Lodwar \(≈(9\d\d|1\d{3}) km\)/);
  });
});

describe('scenario: Nairobi surge after a protest', () => {
  it('spreads 30 torture referrals over 12 clinicians without exceeding capacity, then escalates the rest', () => {
    const spots = [PLACES.westlands, PLACES.kibera, PLACES.kasarani];
    const roster = compileRoster(
      Array.from({ length: 12 }, (_, i) =>
        pro(`clin-${String(i).padStart(2, '0')}`, { roles: ['clinician'], homeBase: spots[i % 3], capacity: 2 }),
      ),
    );
    const need = firstNeed('torture-documentation');
    const referral = (n: number): ReferralForMatching => ({
      referralId: `surge-${n}`,
      serviceType: 'torture-documentation',
      location: PLACES.nairobi,
      urgency: 'urgent',
      roles: [need],
    });
    const driver: PolicyDriver = new PolicyDriver(roster, NOW, (id, _role, _step, exclude): string[] =>
      rankRole(roster, referral(Number(id.slice(6))), need, driver.now, { exclude }).map((c) => c.professionalId),
    );
    const firstPicks: string[] = [];
    for (let n = 0; n < 30; n++) {
      driver.now += 5 * 60_000;
      const candidates = rankRole(roster, referral(n), need, driver.now).map((c) => c.professionalId);
      driver.send(`surge-${n}`, {
        type: 'referralSubmitted',
        referralId: `surge-${n}`,
        urgency: 'urgent',
        roles: [{ role: 'clinician', required: true, candidates }],
      });
      const mine = driver.openOffers().filter((o) => o.referralId === `surge-${n}`);
      if (mine[0]) {
        driver.send(`surge-${n}`, { type: 'offerAccepted', offerId: mine[0].offerId });
        driver.send(`surge-${n}`, { type: 'progressReported', offerId: mine[0].offerId });
        firstPicks.push(mine[0].professionalId);
      }
      roster.ids.forEach((_, i) => expect(roster.openCases[i]).toBeLessThanOrEqual(2));
    }
    // Load balancing: the first 12 accepted cases went to 12 different clinicians.
    expect(new Set(firstPicks.slice(0, 12)).size).toBe(12);
    expect(driver.runTimersToEnd()).toBe(true);
    const statuses = [...driver.states.values()].map((s) => s.status);
    expect(statuses.filter((s) => s === 'assigned')).toHaveLength(24); // 12 clinicians × capacity 2
    expect(statuses.filter((s) => s === 'escalated')).toHaveLength(6);
  });
});

describe('scenario: a lawyer who declined three times', () => {
  const roster = compileRoster([
    pro('adv-decliner', { roles: ['advocate'], homeBase: PLACES.westlands, stats: { offers: 3, accepts: 0, medianResponseMinutes: 20 } }),
    pro('adv-reliable', { roles: ['advocate'], homeBase: PLACES.kibera, stats: { offers: 10, accepts: 9, medianResponseMinutes: 20 } }),
    pro('adv-new', { roles: ['advocate'], homeBase: PLACES.kasarani, stats: { offers: 0, accepts: 0, medianResponseMinutes: 60 } }),
  ]);
  const referral: ReferralForMatching = { referralId: 'legal-1', serviceType: 'legal-aid', location: PLACES.nairobi, urgency: 'normal' };
  const need = firstNeed('legal-aid');

  it('is ranked below a reliable colleague a little further away, and the reason is spelled out', () => {
    const ranked = rankRole(roster, referral, need, NOW);
    expect(ranked.map((c) => c.professionalId)).toEqual(['adv-reliable', 'adv-decliner', 'adv-new']);
    expect(ranked[1]?.factors.find((f) => f.name === 'acceptance')?.text).toBe('accepted 0 of 3 offers (est. 33% likely to accept)');
  });

  it('is asked once per referral: declining again moves on, and widening never brings them back', () => {
    const driver = new PolicyDriver(roster, NOW, () => ['adv-decliner', 'adv-reliable', 'adv-new']);
    driver.send('legal-1', {
      type: 'referralSubmitted',
      referralId: 'legal-1',
      urgency: 'normal',
      roles: [{ role: 'advocate', required: true, candidates: ['adv-decliner'] }],
    });
    driver.send('legal-1', { type: 'offerDeclined', offerId: driver.openOffers()[0]?.offerId as string });
    expect(driver.openOffers().map((o) => o.professionalId)).toEqual(['adv-reliable']);
    driver.send('legal-1', { type: 'offerDeclined', offerId: driver.openOffers()[0]?.offerId as string });
    driver.send('legal-1', { type: 'offerDeclined', offerId: driver.openOffers()[0]?.offerId as string });
    const offered = driver.log
      .filter((l) => l.command.type === 'offer')
      .map((l) => (l.command as { professionalId: string }).professionalId);
    expect(offered).toEqual(['adv-decliner', 'adv-reliable', 'adv-new']);
    expect(driver.states.get('legal-1')?.status).toBe('escalated');
  });
});

describe('scenario: an expired practising certificate', () => {
  it('excludes the nearest pathologist whose certificate lapsed yesterday; one expiring today still counts', () => {
    const roster = compileRoster([
      pro('path-nakuru-lapsed', {
        homeBase: PLACES.nakuru,
        credentials: [{ kind: PRACTISING_CERTIFICATE, expiresOn: iso(NOW - 24 * HOUR).slice(0, 10) }],
      }),
      pro('path-nakuru-today', { homeBase: PLACES.nakuru, credentials: [{ kind: PRACTISING_CERTIFICATE, expiresOn: '2025-03-04' }] }),
      pro('path-nairobi', { homeBase: PLACES.nairobi }),
    ]);
    const referral: ReferralForMatching = {
      referralId: 'pm-nakuru',
      serviceType: 'postmortem',
      location: PLACES.nakuru,
      urgency: 'urgent',
    };
    const need = firstNeed('postmortem');
    expect(rankRole(roster, referral, need, NOW).map((c) => c.professionalId)).toEqual(['path-nakuru-today', 'path-nairobi']);
    expect(whyNotEligible(roster, referral, need, 'path-nakuru-lapsed', NOW)).toBe('credential');
    // The next morning the other certificate has lapsed too.
    expect(whyNotEligible(roster, referral, need, 'path-nakuru-today', NOW + 24 * HOUR)).toBe('credential');
  });
});
