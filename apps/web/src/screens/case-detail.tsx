import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CASE_OUTCOMES, EVIDENCE_TYPES } from '@haki/vocabulary';
import { nairobiShort } from '../time';
import { api } from '../api';
import { getCase, type CaseDetail as Detail } from '../cases-api';
import { Field, Status } from '../components/field';
import { hasRole, useSession } from '../session';
import { AmendReferral } from './amend-referral';

/**
 * One case as the caller may see it: the case service shapes the answer by role (intake staff get
 * where it stands, not who works it), and `nextSteps` lists the steps this caller may take now.
 */
export function CaseDetail({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const detail = useQuery({ queryKey: ['cases', caseId], queryFn: () => getCase(caseId), refetchInterval: 5_000 });
  if (!detail.data) return <Status loading={detail.isPending} error={detail.error} />;
  const kase = detail.data;
  // Intake staff correct their own organisation's open referrals (the case service showed it to them, so it is theirs).
  const amendable = hasRole(session, 'intake', 'supervisor') && kase.status !== 'closed';
  return (
    <article aria-labelledby="case-title">
      <h1 id="case-title">{t('case.title', { id: caseId.slice(0, 8) })}</h1>
      <p>
        {kase.serviceType && t(`serviceType.${kase.serviceType}`)} · {kase.county} ·{' '}
        {kase.urgency && <span className={`urgency ${kase.urgency}`}>{t(`urgency.${kase.urgency}`)}</span>} ·{' '}
        <strong className="case-status">{t(`status.${kase.status}`)}</strong>
        {kase.outcome && ` (${t(`outcome.${kase.outcome}`)})`}
        {kase.sla && (
          <>
            {' '}
            · <span className={`sla ${kase.sla.state}`}>{t(`sla.${kase.sla.state}`)}</span>
          </>
        )}
      </p>
      <Team kase={kase} />
      {amendable && <AmendReferral referralId={kase.caseId} />}
      {kase.nextSteps && kase.nextSteps.length > 0 && <Actions kase={kase} />}
      {kase.checklist && (
        <section aria-labelledby="checklist-title">
          <h2 id="checklist-title">
            {t('case.checklist')} <small>({kase.checklist.protocol})</small>
          </h2>
          <ul className="checklist">
            {kase.checklist.items.map((item) => (
              <li key={item.id}>
                <span className={kase.checklist!.missing.includes(item.id) ? 'open' : 'done'}>
                  {kase.checklist!.missing.includes(item.id) ? t('case.notDone') : t('case.done')}
                </span>{' '}
                {item.label} <small>({item.reference})</small>{' '}
                {kase.nextSteps?.length && kase.checklist!.missing.includes(item.id) ? (
                  <MarkDone caseId={kase.caseId} item={item.id} label={item.label} />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      )}
      {kase.evidence && (
        <section aria-labelledby="evidence-title">
          <h2 id="evidence-title">{t('case.evidence')}</h2>
          {kase.evidence.length === 0 ? (
            <p>{t('case.noEvidence')}</p>
          ) : (
            <ul>
              {kase.evidence.map((record) => (
                <li key={record.evidenceId}>
                  {record.evidenceType} {record.description && `(${record.description})`}{' '}
                  {record.file && <code title={record.file.sha256}>SHA-256 {record.file.sha256.slice(0, 16)}…</code>} —{' '}
                  {record.custody.map((entry) => `${entry.action}${entry.to ? ` → ${entry.to}` : ''} ${nairobiShort(entry.at)}`).join('; ')}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {kase.nextSteps && kase.nextSteps.length > 0 && kase.evidence && <EvidenceUpload caseId={kase.caseId} />}
      {kase.notes && <Notes kase={kase} />}
      {kase.timeline && (
        <section aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('case.timeline')}</h2>
          <ol className="timeline">
            {kase.timeline.map((entry, index) => (
              <li key={index}>
                <time dateTime={entry.at}>{nairobiShort(entry.at)}</time> {entry.summary}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

function Team({ kase }: { kase: Detail }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="team-title">
      <h2 id="team-title">{t('case.roles')}</h2>
      <ul className="team">
        {kase.roles.map((role) => (
          <li key={role.role}>
            <strong>{t(`role.${role.role}`)}</strong>: <span className="role-status">{role.status}</span>
            {role.offers && role.offers.length > 0 && (
              <ul>
                {role.offers.map((offer) => (
                  <li key={offer.offerId}>
                    {offer.professionalId} — {offer.status}
                    {offer.explanation && <small className="explanation"> ({offer.explanation})</small>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The lifecycle steps this caller may take now, as the case service lists them. */
function Actions({ kase }: { kase: Detail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<string>(CASE_OUTCOMES[0]);
  const [missingReason, setMissingReason] = useState('');
  const step = useMutation({
    mutationFn: (to: string) =>
      api(`/api/case/cases/${kase.caseId}/status`, {
        method: 'POST',
        body: to === 'closed' ? { to, outcome, ...(missingReason.trim() ? { missingItemsReason: missingReason.trim() } : {}) } : { to },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
  const steps = kase.nextSteps!.filter((next) => next !== 'closed');
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title">{t('case.actions')}</h2>
      {steps.map((to) => (
        <button key={to} type="button" onClick={() => step.mutate(to)} disabled={step.isPending}>
          {t('case.moveTo', { status: t(`status.${to}`) })}
        </button>
      ))}
      {kase.nextSteps!.includes('closed') && (
        <form
          className="close"
          onSubmit={(event) => {
            event.preventDefault();
            step.mutate('closed');
          }}
        >
          <Field label={t('case.outcome')}>
            <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              {CASE_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {t(`outcome.${value}`)}
                </option>
              ))}
            </select>
          </Field>
          {kase.checklist && kase.checklist.missing.length > 0 && (
            <Field label={t('case.missingReason')}>
              <input name="missingItemsReason" value={missingReason} onChange={(e) => setMissingReason(e.target.value)} />
            </Field>
          )}
          <button type="submit" disabled={step.isPending}>
            {t('case.close')}
          </button>
        </form>
      )}
      <Status error={step.error} />
    </section>
  );
}

function Notes({ kase }: { kase: Detail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () => api(`/api/case/cases/${kase.caseId}/notes`, { method: 'POST', body: { text } }),
    onSuccess: () => {
      setText('');
      return queryClient.invalidateQueries({ queryKey: ['cases', kase.caseId] });
    },
  });
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">{t('case.notes')}</h2>
      <ul className="notes">
        {kase.notes!.map((note, index) => (
          <li key={index}>
            <time dateTime={note.at}>{nairobiShort(note.at)}</time> {note.by}: {note.text}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) add.mutate();
        }}
      >
        <Field label={t('case.addNote')}>
          <textarea name="note" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" disabled={add.isPending}>
          {t('case.addNote')}
        </button>
        <Status error={add.error} />
      </form>
    </section>
  );
}

/** Records one protocol item as done (PUT /cases/:id/checklist/:item): who and when are kept with it. */
function MarkDone({ caseId, item, label }: { caseId: string; item: string; label: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const record = useMutation({
    mutationFn: () => api(`/api/case/cases/${caseId}/checklist/${item}`, { method: 'PUT', body: { state: 'done' } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', caseId] }),
  });
  return (
    <>
      <button
        type="button"
        className="secondary"
        aria-label={`${t('case.markDone')}: ${label}`}
        onClick={() => record.mutate()}
        disabled={record.isPending}
      >
        {t('case.markDone')}
      </button>
      <Status error={record.error} />
    </>
  );
}

/** The media types the case service stores; anything else goes as bytes (application/octet-stream). */
const EVIDENCE_MEDIA = new Set(['image/jpeg', 'image/png', 'image/heic', 'image/webp', 'application/pdf', 'text/plain']);

/**
 * Registers a piece of evidence, then sends its file (POST, then PUT …/content): the case service
 * records its SHA-256 on receipt and keeps it encrypted; the same file sent again is a harmless retry.
 */
function EvidenceUpload({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [evidenceType, setEvidenceType] = useState<string>(EVIDENCE_TYPES[0]);
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File>();
  const upload = useMutation({
    mutationFn: async () => {
      const { evidenceId } = await api<{ evidenceId: string }>(`/api/case/cases/${caseId}/evidence`, {
        method: 'POST',
        body: { evidenceType, ...(description.trim() ? { description: description.trim() } : {}) },
      });
      const contentType = EVIDENCE_MEDIA.has(file!.type) ? file!.type : 'application/octet-stream';
      return api<{ sha256: string }>(`/api/case/cases/${caseId}/evidence/${evidenceId}/content`, {
        method: 'PUT',
        raw: { body: file!, contentType },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', caseId] }),
  });
  return (
    <form
      className="evidence-upload"
      aria-labelledby="evidence-upload-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (file) upload.mutate();
      }}
    >
      <h3 id="evidence-upload-title">{t('case.addEvidence')}</h3>
      <Field label={t('case.evidenceType')}>
        <select name="evidenceType" value={evidenceType} onChange={(e) => setEvidenceType(e.target.value)}>
          {EVIDENCE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`evidenceType.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('case.evidenceDescription')}>
        <input name="description" value={description} onChange={(e) => setDescription(e.target.value)} />
      </Field>
      <Field label={t('case.evidenceFile')}>
        <input
          name="file"
          type="file"
          accept="image/*,application/pdf,text/plain"
          capture="environment"
          onChange={(e) => setFile(e.target.files?.[0])}
        />
      </Field>
      <button type="submit" disabled={!file || upload.isPending}>
        {t('case.upload')}
      </button>
      {upload.isSuccess && <p role="status">{t('case.uploaded', { sha256: upload.data.sha256 })}</p>}
      <Status error={upload.error} />
    </form>
  );
}
