import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTIES, searchPlaces } from '@haki/geography';
import { SERVICE_TYPES, type ServiceType } from '@haki/vocabulary';
import { nairobiShort } from '../time';
import { api, ApiError, OfflineError } from '../api';
import { Check, Field } from '../components/field';
import { keepForLater } from '../offline/outbox';
import { useOutbox } from '../offline/use-outbox';
import { submitReferral, type SubmittedReferral } from '../referrals-api';
import { useSession } from '../session';
import { emptyDraft, FIELD_OF_INPUT, KIND_INPUTS, liveTiming, requestOf, type ReferralDraft } from './referral-form-model';

type Outcome = { kind: 'sent'; referral: SubmittedReferral } | { kind: 'queued' } | { kind: 'refused'; message: string } | undefined;

/** The intake form: only the fields the kind of help needs, its deadline live, and sent once even with no signal. */
export function IntakeForm() {
  const { t } = useTranslation();
  const { session } = useSession();
  const outbox = useOutbox();
  const [draft, setDraft] = useState<ReferralDraft>(emptyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const [gps, setGps] = useState<string>();
  const [now, setNow] = useState(() => new Date());
  const lastTry = useRef<{ body: string; key: string }>(undefined);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const timing = useMemo(() => liveTiming(draft, now), [draft, now]);
  const towns = useMemo(() => (draft.town.length >= 2 ? searchPlaces(draft.town, 8) : []), [draft.town]);
  const set = <K extends keyof ReferralDraft>(key: K, value: ReferralDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const uses = (input: string) => KIND_INPUTS[draft.serviceType].includes(input);
  const errorOf = (input: string) => errors[input];

  const takeLocation = () =>
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        set('location', { lat: Number(coords.latitude.toFixed(5)), lon: Number(coords.longitude.toFixed(5)) });
        setGps(t('intake.gpsTaken', { metres: Math.round(coords.accuracy) }));
      },
      () => setGps(t('intake.gpsFailed')),
      { enableHighAccuracy: true, timeout: 15_000 },
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!session) return;
    setBusy(true);
    setErrors({});
    setOutcome(undefined);
    const body = requestOf(draft);
    // The same referral tried again (after a 5xx, say, that may have come after intake stored it) keeps
    // its key, so intake answers with the first one; a changed referral is a new one.
    const sent = JSON.stringify(body);
    if (lastTry.current?.body !== sent) lastTry.current = { body: sent, key: crypto.randomUUID() };
    const idempotencyKey = lastTry.current.key;
    try {
      const referral = await submitReferral(body, idempotencyKey);
      lastTry.current = undefined;
      setOutcome({ kind: 'sent', referral });
      setDraft(emptyDraft());
      setGps(undefined);
    } catch (error) {
      if (error instanceof OfflineError) {
        await keepForLater(session.username, idempotencyKey, body);
        lastTry.current = undefined;
        await outbox.refresh();
        setOutcome({ kind: 'queued' });
        setDraft(emptyDraft());
      } else if (error instanceof ApiError) {
        setErrors(inputErrors(error));
        setOutcome({ kind: 'refused', message: error.fields.length ? t('intake.fixFields') : error.message });
      } else throw error;
    } finally {
      setBusy(false);
    }
  }

  const time = (input: keyof ReferralDraft & string, label: string) =>
    uses(input) || input === 'sexualViolenceAt' ? (
      <Field label={label} hint={t('intake.timesHint')} error={errorOf(input)}>
        <input name={input} type="datetime-local" value={draft[input] as string} onChange={(e) => set(input, e.target.value as never)} />
      </Field>
    ) : null;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="intake-title">
      <h1 id="intake-title">{t('intake.title')}</h1>
      <Field label={t('intake.kind')}>
        <select name="serviceType" value={draft.serviceType} onChange={(e) => set('serviceType', e.target.value as ServiceType)}>
          {SERVICE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`serviceType.${type}`)}
            </option>
          ))}
        </select>
      </Field>

      <fieldset>
        <legend>{t('intake.where')}</legend>
        <Field label={t('intake.county')} error={errorOf('county')}>
          <select name="county" value={draft.county} onChange={(e) => set('county', e.target.value)}>
            <option value="">—</option>
            {COUNTIES.map((county) => (
              <option key={county.code} value={county.name}>
                {county.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('intake.town')} error={errorOf('town')}>
          <input name="town" list="towns" autoComplete="off" value={draft.town} onChange={(e) => set('town', e.target.value)} />
        </Field>
        <datalist id="towns">
          {towns.map((town) => (
            <option key={`${town.name}-${town.county.code}`} value={town.name}>
              {town.county.name}
            </option>
          ))}
        </datalist>
        {'geolocation' in navigator && (
          <button type="button" className="secondary" onClick={takeLocation}>
            {t('intake.gps')}
          </button>
        )}
        {gps && <p role="status">{gps}</p>}
      </fieldset>

      <fieldset>
        <legend>{t(`serviceType.${draft.serviceType}`)}</legend>
        {time('deathAt', t('intake.deathAt'))}
        {uses('circumstance') && (
          <Field label={t('intake.circumstance')} error={errorOf('circumstance')}>
            <select
              name="circumstance"
              value={draft.circumstance}
              onChange={(e) => set('circumstance', e.target.value as ReferralDraft['circumstance'])}
            >
              {(['custody', 'protest', 'other'] as const).map((value) => (
                <option key={value} value={value}>
                  {t(`intake.${value}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {time('burialAt', t('intake.burialAt'))}
        {time('releaseAt', t('intake.releaseAt'))}
        {uses('patient') && (
          <Field label={t('intake.patient')} error={errorOf('patient')}>
            <select name="patient" value={draft.patient} onChange={(e) => set('patient', e.target.value as ReferralDraft['patient'])}>
              <option value="survivor">{t('intake.survivor')}</option>
              <option value="prisoner">{t('intake.prisoner')}</option>
            </select>
          </Field>
        )}
        {time('incidentAt', t('intake.incidentAt'))}
        {uses('injuriesVisible') && (
          <Check label={t('intake.injuriesVisible')} checked={draft.injuriesVisible} onChange={(v) => set('injuriesVisible', v)} />
        )}
        {uses('sexualViolence') && (
          <Check label={t('intake.sexualViolence')} checked={draft.sexualViolence} onChange={(v) => set('sexualViolence', v)} />
        )}
        {uses('sexualViolence') && draft.sexualViolence && time('sexualViolenceAt', t('intake.sexualViolenceAt'))}
        {time('arrestAt', t('intake.arrestAt'))}
        {uses('charged') && <Check label={t('intake.charged')} checked={draft.charged} onChange={(v) => set('charged', v)} />}
        {uses('matter') && (
          <Field label={t('intake.matter')} error={errorOf('matter')}>
            <input name="matter" value={draft.matter} onChange={(e) => set('matter', e.target.value)} />
          </Field>
        )}
      </fieldset>

      <section className="deadline" aria-live="polite" aria-labelledby="deadline-title">
        <h2 id="deadline-title">{t('intake.deadline')}</h2>
        {timing.readings.length === 0 ? (
          <p>{t('intake.deadlineNone')}</p>
        ) : (
          <ul>
            {timing.readings.map((reading) => (
              <li key={reading.rule} className={reading.passed ? 'passed' : reading.rule === timing.rule ? 'binding' : ''}>
                <strong>{nairobiShort(reading.deadline)}</strong> {t(`rule.${reading.rule}`)}
                {reading.passed ? ` (${t('intake.passed')})` : ''}
              </li>
            ))}
          </ul>
        )}
        <p>
          {t('cases.urgency')}: <span className={`urgency ${timing.urgency}`}>{t(`urgency.${timing.urgency}`)}</span>
        </p>
      </section>

      <fieldset>
        <legend>{t('intake.subjectName')}</legend>
        <Field label={t('intake.subjectName')} error={errorOf('subjectName')}>
          <input name="subjectName" autoComplete="off" value={draft.subjectName} onChange={(e) => set('subjectName', e.target.value)} />
        </Field>
        <Field label={t('intake.referrerName')} error={errorOf('referrerName')}>
          <input name="referrerName" autoComplete="off" value={draft.referrerName} onChange={(e) => set('referrerName', e.target.value)} />
        </Field>
        <Field label={t('intake.referrerPhone')} error={errorOf('referrerPhone')}>
          <input
            name="referrerPhone"
            type="tel"
            autoComplete="off"
            value={draft.referrerPhone}
            onChange={(e) => set('referrerPhone', e.target.value)}
          />
        </Field>
        <Field label={t('intake.source')} error={errorOf('sourceKind')}>
          <select name="sourceKind" value={draft.sourceKind} onChange={(e) => set('sourceKind', e.target.value)}>
            {(['family', 'church', 'ngo', 'hotline', 'hospital', 'self'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(`intake.${kind}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('intake.narrative')} error={errorOf('narrative')}>
          <textarea name="narrative" rows={3} value={draft.narrative} onChange={(e) => set('narrative', e.target.value)} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('intake.consent')}</legend>
        <Field label={t('intake.consentGivenBy')} error={errorOf('consentGivenBy')}>
          <select
            name="consentGivenBy"
            value={draft.consentGivenBy}
            onChange={(e) => set('consentGivenBy', e.target.value as ReferralDraft['consentGivenBy'])}
          >
            {(['survivor', 'next-of-kin', 'none-yet'] as const).map((giver) => (
              <option key={giver} value={giver}>
                {t(`intake.${giver}`)}
              </option>
            ))}
          </select>
        </Field>
        {draft.consentGivenBy !== 'none-yet' &&
          (
            [
              ['share-with-doctor', 'shareDoctor'],
              ['share-with-lawyer', 'shareLawyer'],
              ['contact-by-sms', 'contactSms'],
            ] as const
          ).map(([scope, label]) => (
            <Check
              key={scope}
              label={t(`intake.${label}`)}
              checked={draft.scopes.includes(scope)}
              onChange={(on) => set('scopes', on ? [...draft.scopes, scope] : draft.scopes.filter((s) => s !== scope))}
            />
          ))}
      </fieldset>

      <button type="submit" disabled={busy}>
        {busy ? t('intake.sending') : t('intake.submit')}
      </button>
      <OutcomeNote outcome={outcome} />
    </form>
  );
}

function OutcomeNote({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  if (!outcome) return null;
  if (outcome.kind === 'queued')
    return (
      <p role="status" className="notice">
        {t('intake.queued')}
      </p>
    );
  if (outcome.kind === 'refused')
    return (
      <p role="alert" className="error">
        {outcome.message}
      </p>
    );
  const { referral } = outcome;
  return (
    <div role="status" className="notice">
      <p>
        <strong>{t('intake.sent')}</strong>: <a href={`#/cases/${referral.referralId}`}>{referral.referralId.slice(0, 8)}</a>
      </p>
      {referral.deadline && (
        <p>
          {t('intake.reference', {
            deadline: referral.deadline.slice(0, 16).replace('T', ' '),
            rule: referral.rule ? t(`rule.${referral.rule}`) : '',
            place: referral.place?.label ?? '',
          })}
        </p>
      )}
      {referral.probableDuplicates?.length ? (
        <DuplicateChoice referralId={referral.referralId} caseIds={referral.probableDuplicates} />
      ) : null}
    </div>
  );
}

/** A referral held as a possible duplicate: staff link it to the open case or keep it separate. */
function DuplicateChoice({ referralId, caseIds }: { referralId: string; caseIds: string[] }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();
  const decide = async (body: unknown, label: string) => {
    try {
      await api(`/api/intake/referrals/${referralId}/duplicate-decision`, { method: 'POST', body });
      setDone(label);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  if (done) return <p>{done}</p>;
  return (
    <div className="warning" role="alert">
      <p>{t('intake.duplicate', { ids: caseIds.map((id) => id.slice(0, 8)).join(', ') })}</p>
      {caseIds.map((caseId) => (
        <button
          key={caseId}
          type="button"
          onClick={() => void decide({ decision: 'link', caseId }, t('intake.linked', { id: caseId.slice(0, 8) }))}
        >
          {t('intake.linkExisting')} {caseIds.length > 1 ? caseId.slice(0, 8) : ''}
        </button>
      ))}{' '}
      <button
        type="button"
        className="secondary"
        onClick={() => void decide({ decision: 'separate', reason: 'staff checked: a different incident' }, t('intake.keepSeparate'))}
      >
        {t('intake.keepSeparate')}
      </button>
      {error && <p className="error">{error}</p>}
    </div>
  );
}

/** intake's 400 field paths mapped onto the form's inputs; anything unmapped stays in the summary message. */
function inputErrors(error: ApiError): Record<string, string> {
  const byInput: Record<string, string> = {};
  for (const { field, reason } of error.fields) {
    const input = Object.entries(FIELD_OF_INPUT).find(([, fields]) => fields.includes(field))?.[0];
    if (input && !byInput[input]) byInput[input] = reason;
  }
  return byInput;
}
