import { useTranslation } from 'react-i18next';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { Status } from '../components/field';
import { hasRole, useSession } from '../session';
import { nairobiShort } from '../time';

const SERVICES = ['intake', 'matching', 'notification', 'case'] as const;

interface Gauge {
  name: string;
  values: { labels: Record<string, string | number>; value: number | null }[];
}
interface SystemHealth {
  service: string;
  gauges: Gauge[];
  deadLetters: number;
}
interface DeadLetter {
  id: string;
  topic: string;
  reason: { code: string; message: string };
  at: string;
  replayedAt?: string;
  replayable: boolean;
}

const total = (health: SystemHealth, name: string, labels: Record<string, string> = {}): number | null => {
  const values = health.gauges
    .find((gauge) => gauge.name === name)
    ?.values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  if (!values?.length) return null;
  return values.some((v) => v.value === null) ? null : values.reduce((sum, v) => sum + v.value!, 0);
};
const shown = (value: number | null) => (value === null ? '—' : String(Math.round(value)));

/** Each service's own figures (GET /api/<service>/system-health), polled with the dashboard; dead letters with replay. */
export function SystemHealthPanel() {
  const { t } = useTranslation();
  const admin = hasRole(useSession().session, 'admin');
  const results = useQueries({
    queries: SERVICES.map((service) => ({
      queryKey: ['system-health', service],
      queryFn: () => api<SystemHealth>(`/api/${service}/system-health`),
      refetchInterval: 10_000,
    })),
  });
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">{t('health.title')}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('health.service')}</th>
              <th scope="col">{t('health.lag')}</th>
              <th scope="col">{t('health.outbox')}</th>
              <th scope="col">{t('health.jobs')}</th>
              <th scope="col">{t('health.oldestJob')}</th>
              <th scope="col">{t('health.deadLetters')}</th>
            </tr>
          </thead>
          <tbody>
            {SERVICES.map((service, index) => {
              const health = results[index]!.data;
              return (
                <tr key={service} data-service={service}>
                  <th scope="row">{service}</th>
                  {health ? (
                    <>
                      <td>{shown(total(health, 'haki_consumer_lag_messages'))}</td>
                      <td>{shown(total(health, 'haki_outbox_pending'))}</td>
                      <td>{shown(total(health, 'haki_queue_jobs', { state: 'waiting' }))}</td>
                      <td>{shown(total(health, 'haki_queue_oldest_waiting_seconds'))}</td>
                      <td className={health.deadLetters ? 'error' : ''}>{health.deadLetters}</td>
                    </>
                  ) : (
                    <td colSpan={5}>
                      <Status loading={results[index]!.isPending} error={results[index]!.error} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {SERVICES.map((service, index) => (results[index]!.data?.deadLetters ? <DeadLetters key={service} service={service} /> : null))}
      {admin && (
        <p>
          {t('health.board')}:{' '}
          {(['matching', 'notification'] as const).map((service) => (
            <a key={service} href={`/api/${service}/queues/`} target="_blank" rel="noreferrer" className="board-link">
              {service}
            </a>
          ))}
        </p>
      )}
    </section>
  );
}

function DeadLetters({ service }: { service: (typeof SERVICES)[number] }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const letters = useQuery({
    queryKey: ['dead-letters', service],
    queryFn: () => api<{ items: DeadLetter[] }>(`/api/${service}/dead-letters`),
  });
  const replay = useMutation({
    mutationFn: (id: string) => api(`/api/${service}/dead-letters/${encodeURIComponent(id)}/replay`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['dead-letters', service] }),
  });
  const mayReplay = hasRole(session, 'supervisor', 'admin'); // the services allow replay to these only
  return (
    <div>
      <h3>{t('health.deadLettersOf', { service })}</h3>
      <Status loading={letters.isPending} error={letters.error ?? replay.error} />
      <ul>
        {letters.data?.items
          .filter((letter) => !letter.replayedAt)
          .map((letter) => (
            <li key={letter.id}>
              {nairobiShort(letter.at)} {letter.topic}: {letter.reason.code} ({letter.reason.message}){' '}
              {mayReplay && letter.replayable && (
                <button type="button" className="secondary" onClick={() => replay.mutate(letter.id)} disabled={replay.isPending}>
                  {t('health.replay')}
                </button>
              )}
            </li>
          ))}
      </ul>
    </div>
  );
}
