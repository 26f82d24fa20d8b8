import { MatchingCoreError } from '../matching-core-error';
import { TUESDAY_9AM } from '../test-support/fixtures';
import { decide, type MatchingEvent, type ReferralState } from './offer-machine';
import { DEFAULT_POLICY_TABLE, scalePolicyTable } from './policy-table';

const NOW = TUESDAY_9AM;
const MIN = 60_000;
const submitted = (fields: Record<string, unknown> = {}) =>
  ({
    type: 'referralSubmitted',
    referralId: 'r1',
    urgency: 'urgent',
    roles: [{ role: 'forensic-pathologist', required: true, candidates: ['p1', 'p2'] }],
    ...fields,
  }) as MatchingEvent;
const started = decide(undefined, submitted(), NOW).state;

function expectRejected(state: ReferralState | undefined, event: unknown, message: RegExp, now: unknown = NOW): void {
  const before = state && structuredClone(state);
  const run = () => decide(state, event as MatchingEvent, now as number);
  expect(run).toThrow(MatchingCoreError);
  expect(run).toThrow(message);
  if (state) expect(state).toEqual(before); // nothing was decided
}

describe('decide: inputs are checked before anything is decided', () => {
  it('rejects a clock that is not an instant', () => {
    expectRejected(undefined, submitted(), /MATCHING\.INVALID_NOW: now NaN/, Number.NaN);
    expectRejected(started, { type: 'offerAccepted', offerId: 'r1:1' }, /MATCHING\.INVALID_NOW: now "later"/, 'later');
  });

  it('rejects a submission whose fields are malformed, naming the field', () => {
    expectRejected(undefined, submitted({ referralId: '' }), /MATCHING\.INVALID_EVENT: referralSubmitted: referralId/);
    expectRejected(undefined, submitted({ urgency: 'whenever' }), /INVALID_EVENT: referralSubmitted: urgency/);
    expectRejected(undefined, submitted({ roles: 'forensic-pathologist' }), /INVALID_EVENT: referralSubmitted: roles/);
    const roles = (fields: Record<string, unknown>) => [{ role: 'forensic-pathologist', required: true, candidates: ['p1'], ...fields }];
    expectRejected(undefined, submitted({ roles: roles({ role: 'surgeon' }) }), /INVALID_EVENT: referralSubmitted: roles\[0\]\.role/);
    expectRejected(undefined, submitted({ roles: roles({ required: 'yes' }) }), /INVALID_EVENT: referralSubmitted: roles\[0\]\.required/);
    expectRejected(
      undefined,
      submitted({ roles: roles({ candidates: ['p1', 42] }) }),
      /INVALID_EVENT: referralSubmitted: roles\[0\]\.candidates\[1\]/,
    );
    expectRejected(
      undefined,
      submitted({ roles: roles({ candidates: undefined }) }),
      /INVALID_EVENT: referralSubmitted: roles\[0\]\.candidates/,
    );
    // The rules across fields keep their own codes.
    expectRejected(undefined, submitted({ roles: [] }), /MATCHING\.NO_ROLES/);
  });

  it('rejects deadlines that are not instants, at submission and amendment', () => {
    expectRejected(undefined, submitted({ deadline: Infinity }), /MATCHING\.INVALID_DEADLINE: deadline Infinity is not a finite epoch ms/);
    expectRejected(
      undefined,
      submitted({ deadline: '2025-03-04T18:00:00' }),
      /INVALID_DEADLINE: deadline "2025-03-04T18:00:00" is not an ISO 8601/,
    );
    expectRejected(undefined, submitted({ deadline: '2025-02-30T18:00:00Z' }), /INVALID_DEADLINE: deadline "2025-02-30T18:00:00Z"/);
    const amended = {
      type: 'referralAmended',
      urgency: 'urgent',
      roles: [{ role: 'forensic-pathologist', required: true, candidates: [] }],
    };
    expectRejected(started, { ...amended, deadline: Number.NaN }, /INVALID_DEADLINE: deadline NaN/);
    expectRejected(started, { ...amended, deadline: Infinity }, /INVALID_DEADLINE: deadline Infinity/);
  });

  it('rejects an amendment that lists a role twice, as a submission does', () => {
    const need = { role: 'forensic-pathologist', required: true, candidates: ['p3'] };
    expectRejected(started, { type: 'referralAmended', urgency: 'urgent', roles: [need, need] }, /MATCHING\.DUPLICATE_ROLE/);
  });

  it('rejects later inputs with a missing or malformed id, step or flag', () => {
    expectRejected(started, { type: 'offerAccepted' }, /MATCHING\.INVALID_EVENT: offerAccepted: offerId/);
    expectRejected(started, { type: 'offerExpired', offerId: 7 }, /INVALID_EVENT: offerExpired: offerId/);
    expectRejected(started, { type: 'progressOverdue', offerId: 'r1:1', reminded: 'no' }, /INVALID_EVENT: progressOverdue: reminded/);
    expectRejected(started, { type: 'professionalUnavailable' }, /INVALID_EVENT: professionalUnavailable: professionalId/);
    expectRejected(started, { type: 'assignedByOps', role: 'surgeon', professionalId: 'p9' }, /INVALID_EVENT: assignedByOps: role/);
    const found = { type: 'candidatesFound', role: 'forensic-pathologist', candidates: ['p3'] };
    expectRejected(started, { ...found, step: Number.NaN }, /INVALID_EVENT: candidatesFound: step/);
    expectRejected(started, { ...found, step: 1.5 }, /INVALID_EVENT: candidatesFound: step/);
    expectRejected(started, { ...found, step: 1, candidates: [null] }, /INVALID_EVENT: candidatesFound: candidates\[0\]/);
    expectRejected(started, { type: 'offerAcepted', offerId: 'r1:1' }, /MATCHING\.INVALID_EVENT: type "offerAcepted" is not an event/);
    expectRejected(started, null, /MATCHING\.INVALID_EVENT: type undefined/);
  });

  it('rejects a policy row whose counts or durations are not positive (a NaN time scale put NaN in every timer)', () => {
    const run = (table: unknown) => () => decide(undefined, submitted(), NOW, table as typeof DEFAULT_POLICY_TABLE);
    expect(run(scalePolicyTable(DEFAULT_POLICY_TABLE, Number.NaN))).toThrow(
      /MATCHING\.INVALID_POLICY: policy for urgent: offerTimeoutMinutes/,
    );
    expect(run({ ...DEFAULT_POLICY_TABLE, urgent: { ...DEFAULT_POLICY_TABLE.urgent, parallelOffers: 0 } })).toThrow(
      /INVALID_POLICY: policy for urgent: parallelOffers/,
    );
    expect(run({ ...DEFAULT_POLICY_TABLE, urgent: undefined })).toThrow(/INVALID_POLICY: policy for urgent: row/);
    // A valid scaled table still runs (demo time scale).
    expect(decide(undefined, submitted(), NOW, scalePolicyTable(DEFAULT_POLICY_TABLE, 0.001)).commands.map((c) => c.type)).toContain(
      'offer',
    );
  });

  it('accepts a valid event with an explicit undefined deadline, and epoch-ms, Date and ISO instants', () => {
    expect(decide(undefined, submitted({ deadline: undefined }), NOW).state.searchClosesAt).toBe(NOW + 12 * 60 * MIN);
    expect(decide(undefined, submitted(), new Date(NOW)).state.startedAt).toBe(NOW);
    expect(decide(undefined, submitted(), new Date(NOW).toISOString()).state.startedAt).toBe(NOW);
    expect(decide(undefined, submitted({ deadline: new Date(NOW + 60 * MIN) }), NOW).state.searchClosesAt).toBe(NOW + 60 * MIN);
  });
});
