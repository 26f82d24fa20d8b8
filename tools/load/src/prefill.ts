import type { Connection } from 'mongoose';

/** Per closed referral, the documents each service keeps of it (about what a real case leaves). */
const TIMELINE_ENTRIES = 6;
const BATCH = 1_000;

/**
 * Stores `count` closed referrals of the past, written straight into each service's database in the
 * shape the services keep them (ids `prefill-…`, so a run can tell them apart), so a run shows whether
 * its costs grow with history. Nothing is published: these referrals are finished. Offer outcomes are
 * not pre-filled: they are kept 90 days by design (offer-history), whatever the history.
 */
export async function prefillHistory(mongo: Connection, count: number, log: (line: string) => void): Promise<void> {
  const db = (name: string) => mongo.useDb(name, { useCache: true });
  const collections = {
    referrals: db('haki_intake').collection('referrals'),
    decisions: db('haki_matching').collection('referral_decisions'),
    timeline: db('haki_case').collection('case_timeline_slots'),
    notifications: db('haki_notification').collection('notifications'),
    processed: ['haki_matching', 'haki_notification', 'haki_case'].map((name) => db(name).collection('processed_event_ids')),
  };
  const already = await collections.decisions.countDocuments({ prefilled: true });
  const started = Date.now();
  for (let first = already; first < count; first += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, count - first) }, (_, i) => `prefill-${String(first + i).padStart(7, '0')}`);
    const at = new Date(Date.now() - 400 * 86_400_000);
    await Promise.all([
      collections.referrals.insertMany(
        ids.map((_id) => ({ _id, status: 'submitted', serviceType: 'postmortem', outbox: [], prefilled: true })) as never[],
      ),
      collections.decisions.insertMany(
        ids.map((_id) => ({ _id, status: 'completed', submittedAt: at, outbox: [], prefilled: true })) as never[],
      ),
      collections.timeline.insertMany(
        ids.flatMap((id) =>
          Array.from({ length: TIMELINE_ENTRIES }, (_, n) => ({
            _id: `${id}/${n}`,
            eventId: `${id}-e${n}`,
            causationId: n === 0 ? null : `${id}-e${n - 1}`,
            type: n === 0 ? 'referral.submitted' : 'assignment.offered',
            occurredAt: at,
            summary: 'pre-filled history',
          })),
        ) as never[],
      ),
      collections.notifications.insertMany(ids.map((id) => ({ _id: `sms:${id}:1`, status: 'sent', prefilled: true })) as never[]),
      ...collections.processed.map((processed) =>
        processed.insertMany(ids.map((id) => ({ _id: `prefill/${id}`, consumer: 'prefill', eventId: id, processedAt: at })) as never[]),
      ),
    ]);
    const done = first + ids.length;
    if (done % 10_000 === 0 || done === count) {
      const perSecond = Math.round((done - already) / ((Date.now() - started) / 1000));
      log(`pre-fill: ${done}/${count} referrals stored (${perSecond}/s)`);
    }
  }
}
