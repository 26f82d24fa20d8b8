/**
 * Who may do what. Staff roles: intake (takes referrals for their organisation), ops (coordinates
 * matching), supervisor (ops and intake across organisations), admin (roster, accounts, dead letters),
 * auditor (reads, never writes). Volunteers sign in as `professional` and act on their own offers only.
 */
export const ACCESS_ROLES = ['intake', 'ops', 'supervisor', 'admin', 'auditor', 'professional'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** The groups route rules are written with, so a rule reads as a sentence and one change covers every route. */
export const ROLE_GROUPS = {
  /** Take referrals in. */
  referralTakers: ['intake', 'supervisor'],
  /** Coordinate matching: queue, candidates, assignments, answers recorded by phone, withdrawals. */
  coordinators: ['ops', 'supervisor'],
  /** Read a case (intake: their own organisation's, without who was offered it and why). */
  caseReaders: ['intake', 'ops', 'supervisor', 'auditor'],
  /** Read the roster, with home bases. */
  rosterReaders: ['ops', 'supervisor', 'admin'],
  /** Change the roster. */
  rosterKeepers: ['supervisor', 'admin'],
  /** See what a service gave up on. */
  deadLetterReaders: ['ops', 'supervisor', 'admin', 'auditor'],
  /** Everyone who works for the network (not volunteers): the list of partner organisations, the API docs. */
  staff: ['intake', 'ops', 'supervisor', 'admin', 'auditor'],
  /** Keep that list. */
  networkKeepers: ['supervisor', 'admin'],
  /** Replay it once the cause is fixed. */
  deadLetterReplayers: ['supervisor', 'admin'],
} as const satisfies Record<string, readonly AccessRole[]>;

/** Roles that must prove a second factor (TOTP) at sign-in: they can move or reveal every case. */
export const ROLES_NEEDING_SECOND_FACTOR: readonly AccessRole[] = ['ops', 'supervisor', 'admin'];
