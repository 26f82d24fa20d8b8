interface Ordered {
  eventId: string;
  causationId: string | null;
  occurredAt: Date;
}

/**
 * Orders events so each comes after the event that caused it, and otherwise by time, then by arrival.
 * Events about one case come from several topics, read independently, and from services whose clocks
 * may differ: neither arrival nor timestamps alone put `notification.dispatched` after the
 * `assignment.offered` it reports on. An event whose cause is not on the timeline is ordered by time.
 */
export function causalOrder<T extends Ordered>(entries: readonly T[]): T[] {
  const present = new Set(entries.map((entry) => entry.eventId));
  const effects = new Map<string, T[]>();
  const ready: T[] = [];
  for (const entry of entries) {
    const cause = entry.causationId;
    if (cause && cause !== entry.eventId && present.has(cause)) effects.set(cause, [...(effects.get(cause) ?? []), entry]);
    else ready.push(entry);
  }
  const arrival = new Map(entries.map((entry, index) => [entry, index]));
  const before = (a: T, b: T) => new Date(a.occurredAt).getTime() - new Date(b.occurredAt).getTime() || arrival.get(a)! - arrival.get(b)!;
  const ordered: T[] = [];
  while (ready.length > 0) {
    // Timelines hold tens of events: picking the earliest ready one by a scan is plenty.
    const next = ready.reduce((earliest, entry) => (before(entry, earliest) < 0 ? entry : earliest));
    ready.splice(ready.indexOf(next), 1);
    ordered.push(next);
    ready.push(...(effects.get(next.eventId) ?? []));
  }
  return ordered;
}
