import { useState } from 'react';
import { COUNTIES } from '@haki/geography';
import { URGENCIES } from '@haki/vocabulary';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api';
import { listCases } from '../cases-api';
import { Field, Status } from '../components/field';
import { KenyaMap } from '../map/kenya-map';
import { CaseTable, WithdrawButton } from './case-list';
import { CoverageGaps } from './coverage-gaps';
import { SystemHealthPanel } from './system-health';

interface AttentionItem {
  referralId: string;
  status: string;
  serviceType: string;
  urgency: string;
  countyName: string;
  submittedAt: string;
  reasons: string[];
  unfilledRoles: string[];
  expiringOffers: { offerId: string; professionalId: string; expiresAt: string }[];
}

interface Candidate {
  professionalId: string;
  score: number;
  summary: string;
}

/** Live by short polling every 5 s (TanStack Query's refetchInterval): simple, and fine for a handful of ops staff. */
const LIVE = 5_000;

export function OpsDashboard() {
  const { t } = useTranslation();
  // After a protest the queue is long: filter it, and page it (oldest first, 25 at a time, up to 100).
  const [filters, setFilters] = useState<AttentionFilters>({});
  const [limit, setLimit] = useState(25);
  const attention = useQuery({
    queryKey: ['attention', filters, limit],
    queryFn: () =>
      api<{ items: AttentionItem[]; next: string | null }>(`/api/matching/referrals/attention?${attentionQuery(filters, limit)}`),
    refetchInterval: LIVE,
    placeholderData: (previous) => previous,
  });
  const open = useQuery({ queryKey: ['cases', 'open'], queryFn: () => listCases({ limit: '1' }), refetchInterval: LIVE });
  const waiting = useQuery({
    queryKey: ['cases', 'escalated'],
    queryFn: () => listCases({ limit: '1', escalated: 'true' }),
    refetchInterval: LIVE,
  });
  // Against the targets: open cases with a clock run out (first offer, acceptance, on site or report).
  const late = useQuery({
    queryKey: ['cases', 'breached'],
    queryFn: () => listCases({ limit: '1', sla: 'breached' }),
    refetchInterval: LIVE,
  });
  return (
    <div className="dashboard">
      <h1>{t('ops.title')}</h1>
      <p className="hint">{t('ops.live')}</p>
      <section aria-labelledby="attention-title" className="attention">
        <h2 id="attention-title">{t('ops.attention')}</h2>
        <AttentionFilterBar filters={filters} onChange={setFilters} />
        <Status loading={attention.isPending} error={attention.error} />
        {attention.data?.items.length === 0 && <p>{t('ops.attentionNone')}</p>}
        <ul>
          {attention.data?.items.map((item) => (
            <AttentionCard key={item.referralId} item={item} />
          ))}
        </ul>
        {attention.data?.next && limit < 100 && (
          <button type="button" className="secondary" onClick={() => setLimit(limit + 25)}>
            {t('ops.more')}
          </button>
        )}
        <PastTarget filters={filters} />
      </section>
      <section aria-labelledby="counts-title">
        <h2 id="counts-title">{t('ops.counts')}</h2>
        {open.data && (
          <dl className="counts">
            {Object.entries(open.data.counts.byStatus)
              .filter(([status]) => status !== 'closed')
              .map(([status, count]) => (
                <div key={status}>
                  <dt>{t(`status.${status}`)}</dt>
                  <dd>{count}</dd>
                </div>
              ))}
          </dl>
        )}
      </section>
      <CoverageGaps />
      <SystemHealthPanel />
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t('ops.map')}</h2>
        {open.data && (
          <KenyaMap
            open={open.data.counts.byCounty}
            waiting={waiting.data?.counts.byCounty ?? {}}
            late={late.data?.counts.byCounty ?? {}}
            label={t('ops.map')}
          />
        )}
      </section>
    </div>
  );
}

interface AttentionFilters {
  reason?: string;
  urgency?: string;
  county?: string;
}

const attentionQuery = ({ reason, urgency, county }: AttentionFilters, limit: number) =>
  new URLSearchParams({
    limit: String(limit),
    ...(reason ? { reason } : {}),
    ...(urgency ? { urgency } : {}),
    ...(county ? { county: String(COUNTIES.find((c) => c.name === county)!.code) } : {}),
  }).toString();

function AttentionFilterBar({ filters, onChange }: { filters: AttentionFilters; onChange: (next: AttentionFilters) => void }) {
  const { t } = useTranslation();
  const select = (key: keyof AttentionFilters, label: string, options: { value: string; label: string }[]) => (
    <Field label={label}>
      <select name={key} value={filters[key] ?? ''} onChange={(e) => onChange({ ...filters, [key]: e.target.value || undefined })}>
        <option value="">{t('ops.any')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <div className="filters">
      {select(
        'reason',
        t('ops.reason'),
        ATTENTION_REASONS.map((reason) => ({ value: reason, label: t(`ops.reasons.${reason}`) })),
      )}
      {select(
        'urgency',
        t('cases.urgency'),
        URGENCIES.map((urgency) => ({ value: urgency, label: t(`urgency.${urgency}`) })),
      )}
      {select(
        'county',
        t('cases.county'),
        COUNTIES.map((county) => ({ value: county.name, label: county.name })),
      )}
    </div>
  );
}

/**
 * Open cases with an SLA clock run out (first offer, acceptance, on site, report), most overdue first,
 * under the queue's county and urgency filters.
 */
function PastTarget({ filters: { county, urgency } }: { filters: AttentionFilters }) {
  const { t } = useTranslation();
  const late = useQuery({
    queryKey: ['cases', 'past-target', county, urgency],
    queryFn: () =>
      listCases({ sla: 'breached', sort: 'dueAt', limit: '25', ...(county ? { county } : {}), ...(urgency ? { urgency } : {}) }),
    refetchInterval: LIVE,
    placeholderData: (previous) => previous,
  });
  return (
    <section aria-labelledby="past-target-title" className="past-target">
      <h3 id="past-target-title">{t('ops.pastTarget')}</h3>
      <Status loading={late.isPending} error={late.error} />
      {late.data?.cases.length === 0 && <p>{t('ops.pastTargetNone')}</p>}
      {late.data && late.data.cases.length > 0 && <CaseTable rows={late.data.cases} withdrawVia="matching" />}
    </section>
  );
}

const ATTENTION_REASONS = ['escalated', 'unfilled-role', 'offer-expiring', 'waiting-for-capacity'] as const;

function AttentionCard({ item }: { item: AttentionItem }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<string>();
  return (
    <li className={`card urgency-${item.urgency}`} data-referral={item.referralId}>
      <p>
        <a href={`#/cases/${item.referralId}`}>{item.referralId.slice(0, 8)}</a> · {t(`serviceType.${item.serviceType}`)} ·{' '}
        {item.countyName} · <span className={`urgency ${item.urgency}`}>{t(`urgency.${item.urgency}`)}</span>
      </p>
      <p>
        {item.reasons.map((reason) => (
          <span key={reason} className="tag">
            {t(`ops.reasons.${reason}`, { defaultValue: reason })}
          </span>
        ))}
      </p>
      <p>
        {item.unfilledRoles.map((unfilled) => (
          <button
            key={unfilled}
            type="button"
            className="secondary"
            aria-expanded={role === unfilled}
            onClick={() => setRole(role === unfilled ? undefined : unfilled)}
          >
            {t('ops.candidates', { role: t(`role.${unfilled}`) })}
          </button>
        ))}{' '}
        <WithdrawButton referralId={item.referralId} service="matching" />
      </p>
      {role && <Candidates referralId={item.referralId} role={role} />}
    </li>
  );
}

/** The ranking's candidates for a role, best first with why; or anyone ops type in, told why the ranking left them out. */
function Candidates({ referralId, role }: { referralId: string; role: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: ['candidates', referralId, role],
    queryFn: () => api<{ candidates: Candidate[] }>(`/api/matching/referrals/${referralId}/candidates?role=${role}`),
  });
  const [other, setOther] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [needsReason, setNeedsReason] = useState<string>();
  const assign = useMutation({
    mutationFn: (professionalId: string) =>
      api(`/api/matching/referrals/${referralId}/assignments`, {
        method: 'POST',
        body: { role, professionalId, ...(overrideReason.trim() ? { overrideReason: overrideReason.trim() } : {}) },
      }),
    onSuccess: () => queryClient.invalidateQueries(),
    onError: (error) => {
      // The ranking's whyNotEligible: ops may still assign, with a reason on record.
      if (error instanceof ApiError && error.code === 'ASSIGNMENT.NOT_ELIGIBLE') setNeedsReason(error.message);
    },
  });
  // No refetch on success: the role leaves the queue at the next poll, and until then ops see the answer here.
  const reoffer = useMutation({
    mutationFn: () => api(`/api/matching/referrals/${referralId}/reoffers`, { method: 'POST', body: { role } }),
  });
  return (
    <div className="candidates">
      <Status loading={candidates.isPending} error={candidates.error} />
      <ol>
        {candidates.data?.candidates.map((candidate) => (
          <li key={candidate.professionalId}>
            <strong>{candidate.professionalId}</strong> <small className="explanation">{candidate.summary}</small>{' '}
            <button type="button" onClick={() => assign.mutate(candidate.professionalId)} disabled={assign.isPending}>
              {t('ops.assign')}
            </button>
          </li>
        ))}
      </ol>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (other.trim()) assign.mutate(other.trim());
        }}
      >
        <Field label={t('ops.whyNot')}>
          <input name="professionalId" value={other} onChange={(e) => setOther(e.target.value)} />
        </Field>
        {needsReason && (
          <Field label={t('ops.assignReason')} hint={needsReason}>
            <input name="overrideReason" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} />
          </Field>
        )}
        <button type="submit">{t('ops.assign')}</button>
      </form>
      {assign.isSuccess && <p role="status">{t('ops.assigned')}</p>}
      {assign.error && !needsReason && <Status error={assign.error} />}
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => reoffer.mutate()}
          disabled={reoffer.isPending}
          aria-describedby={`reoffer-${referralId}-${role}`}
        >
          {t('ops.reoffer')}
        </button>{' '}
        <small id={`reoffer-${referralId}-${role}`}>{t('ops.reofferHint')}</small>
      </p>
      {reoffer.isSuccess && <p role="status">{t('ops.reoffered')}</p>}
      {reoffer.error && <Status error={reoffer.error} />}
    </div>
  );
}
