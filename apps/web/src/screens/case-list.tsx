import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CASE_STATUSES } from '@haki/vocabulary';
import { api } from '../api';
import { listCases, type CaseRow } from '../cases-api';
import { Status } from '../components/field';

/**
 * The case list: intake staff see their organisation's referrals (with withdraw), ops every case, a
 * volunteer their own. The case service narrows the list by the caller's role.
 */
export function CaseList({ title, withdraw = false }: { title: string; withdraw?: boolean }) {
  const { t } = useTranslation();
  // Intake follows its referrals to the end: closed ones stay listed, with their outcome, newest first
  // (closed cases have no clock left to sort by, so by due time they would sink out of the first page).
  const query: Record<string, string> = withdraw ? { status: CASE_STATUSES.join(','), sort: '-receivedAt' } : {};
  const cases = useQuery({ queryKey: ['cases', 'list', withdraw], queryFn: () => listCases(query), refetchInterval: 10_000 });
  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{title}</h1>
      <Status loading={cases.isPending} error={cases.error} />
      {cases.data && cases.data.cases.length === 0 && <p>{t('cases.none')}</p>}
      {cases.data && cases.data.cases.length > 0 && <CaseTable rows={cases.data.cases} {...(withdraw ? { withdrawVia: 'intake' } : {})} />}
    </section>
  );
}

/** Case rows with their kind, place, urgency, status and SLA state; withdraw through intake (its staff) or matching (ops). */
export function CaseTable({ rows, withdrawVia }: { rows: CaseRow[]; withdrawVia?: 'intake' | 'matching' }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('cases.case')}</th>
            <th scope="col">{t('cases.kind')}</th>
            <th scope="col">{t('cases.county')}</th>
            <th scope="col">{t('cases.urgency')}</th>
            <th scope="col">{t('cases.status')}</th>
            <th scope="col">{t('cases.sla')}</th>
            {withdrawVia && <th scope="col">{t('cases.withdraw')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <CaseRowView key={row.caseId} row={row} withdrawVia={withdrawVia} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CaseRowView({ row, withdrawVia }: { row: CaseRow; withdrawVia: 'intake' | 'matching' | undefined }) {
  const { t } = useTranslation();
  return (
    <tr data-case={row.caseId}>
      <td>
        <a href={`#/cases/${row.caseId}`}>{row.caseId.slice(0, 8)}</a>
      </td>
      <td>{row.serviceType ? t(`serviceType.${row.serviceType}`) : '—'}</td>
      <td>{row.county ?? '—'}</td>
      <td>{row.urgency ? <span className={`urgency ${row.urgency}`}>{t(`urgency.${row.urgency}`)}</span> : '—'}</td>
      <td className="case-status">
        {t(`status.${row.status}`)}
        {row.outcome && ` (${t(`outcome.${row.outcome}`)})`}
      </td>
      <td>{row.slaState ? <span className={`sla ${row.slaState}`}>{t(`sla.${row.slaState}`)}</span> : '—'}</td>
      {withdrawVia && <td>{row.status !== 'closed' && <WithdrawButton referralId={row.caseId} service={withdrawVia} />}</td>}
    </tr>
  );
}

/** Withdraw a referral at intake: asks for the reason intake records with it. */
export function WithdrawButton({ referralId, service = 'intake' }: { referralId: string; service?: 'intake' | 'matching' }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useMutation({
    mutationFn: () => api(`/api/${service}/referrals/${referralId}/withdrawal`, { method: 'POST', body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  if (withdraw.isSuccess) return <span>{t('cases.withdrawn')}</span>;
  if (!asking)
    return (
      <button type="button" className="secondary" onClick={() => setAsking(true)}>
        {t('cases.withdraw')}
      </button>
    );
  return (
    <form
      className="inline"
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate();
      }}
    >
      <label>
        {t('cases.withdrawReason')} <input required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit">{t('cases.withdraw')}</button>
      <Status error={withdraw.error} />
    </form>
  );
}
