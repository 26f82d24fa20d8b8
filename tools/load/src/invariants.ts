/** What a load run saw on the event stream (each event once, by event id). */
export interface Observed {
  submitted: Map<string, number>;
  offers: { referralId: string; offerId: string; professionalId: string; role: string; at: number }[];
  sms: { referralId: string; offerId: string; notificationId: string; purpose: string; channel: string; status: string; at: number }[];
  escalations: { referralId: string; role: string; at: number }[];
  confirmations: { referralId: string; offerId: string; role: string; at: number }[];
}

export interface InvariantResult {
  name: string;
  ok: boolean;
  /** Up to five examples of what broke it. */
  violations: string[];
  violationCount: number;
}

function check(name: string, violations: string[]): InvariantResult {
  return { name, ok: violations.length === 0, violations: violations.slice(0, 5), violationCount: violations.length };
}

/** Groups values by key and lists the keys with more than one distinct value. */
function moreThanOne<T>(items: T[], key: (item: T) => string, value: (item: T) => string): string[] {
  const seen = new Map<string, Set<string>>();
  for (const item of items) {
    const values = seen.get(key(item)) ?? new Set<string>();
    values.add(value(item));
    seen.set(key(item), values);
  }
  return [...seen].filter(([, values]) => values.size > 1).map(([k, values]) => `${k}: ${[...values].join(', ')}`);
}

/** The checks that need only the event stream: nothing lost, nothing duplicated. */
export function streamInvariants(observed: Observed): InvariantResult[] {
  const answered = new Set([...observed.offers, ...observed.escalations].map((event) => event.referralId));
  return [
    check(
      'every referral offered or escalated within the settle time (nothing lost)',
      [...observed.submitted.keys()].filter((id) => !answered.has(id)),
    ),
    check(
      'at most one confirmed assignment per referral and role',
      moreThanOne(
        observed.confirmations,
        (c) => `${c.referralId} ${c.role}`,
        (c) => c.offerId,
      ),
    ),
    check(
      'no professional offered the same referral twice',
      moreThanOne(
        observed.offers,
        (o) => `${o.referralId} ${o.professionalId}`,
        (o) => o.offerId,
      ),
    ),
    check(
      'no message sent twice for one offer, purpose and channel',
      moreThanOne(
        observed.sms.filter((m) => m.status === 'sent'),
        // A confirmation goes by SMS and is copied by email: one of each.
        (m) => `${m.offerId} ${m.purpose} ${m.channel}`,
        (m) => m.notificationId,
      ),
    ),
  ];
}

/** Open slots per professional against their capacity. */
export function capacityInvariant(openSlots: Map<string, number>, capacity: Map<string, number>): InvariantResult {
  const over = [...openSlots]
    .filter(([id, open]) => open > (capacity.get(id) ?? 0))
    .map(([id, open]) => `${id}: ${open} > ${capacity.get(id) ?? 0}`);
  return check('no professional over capacity', over);
}

export function deadLetterInvariant(newDeadLetters: Map<string, number>): InvariantResult {
  return check(
    'dead-letter topics empty',
    [...newDeadLetters].filter(([, count]) => count > 0).map(([topic, count]) => `${topic}: ${count}`),
  );
}
