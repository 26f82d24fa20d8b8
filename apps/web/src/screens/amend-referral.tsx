import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { COUNTIES } from '@haki/geography';
import { api, ApiError } from '../api';
import { Field } from '../components/field';

/**
 * Intake corrects a referral (PATCH /api/intake/referrals/:id): only the fields filled in are sent,
 * intake checks the whole referral again, and matching ranks afresh when the place or deadline moved.
 */
export function AmendReferral({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [county, setCounty] = useState('');
  const [town, setTown] = useState('');
  const [deadline, setDeadline] = useState('');
  const [narrative, setNarrative] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<string>();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      ...(county ? { county } : {}),
      ...(town.trim() ? { town: town.trim() } : {}),
      ...(deadline ? { deadline: deadline.replace('T', ' ') } : {}),
      ...(narrative.trim() ? { narrative: narrative.trim() } : {}),
    };
    if (Object.keys(body).length === 0) return;
    setErrors({});
    try {
      const { changed } = await api<{ changed: string[] }>(`/api/intake/referrals/${referralId}`, { method: 'PATCH', body });
      setOutcome(changed.length ? t('amend.changed', { parts: changed.join(', ') }) : t('amend.unchanged'));
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setErrors(Object.fromEntries(error.fields.map(({ field, reason }) => [field.split('.')[0]!, reason])));
      setOutcome(error.message);
    }
  }
  return (
    <form onSubmit={submit} aria-labelledby="amend-title" className="amend">
      <h2 id="amend-title">{t('amend.title')}</h2>
      <p className="hint">{t('amend.hint')}</p>
      <Field label={t('intake.county')} error={errors['county']}>
        <select name="county" value={county} onChange={(e) => setCounty(e.target.value)}>
          <option value="">—</option>
          {COUNTIES.map((option) => (
            <option key={option.code} value={option.name}>
              {option.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('intake.town')} error={errors['town']}>
        <input name="town" value={town} onChange={(e) => setTown(e.target.value)} />
      </Field>
      <Field label={t('amend.deadline')} hint={t('intake.timesHint')} error={errors['deadline']}>
        <input name="deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
      </Field>
      <Field label={t('intake.narrative')} error={errors['narrative']}>
        <textarea name="narrative" rows={2} value={narrative} onChange={(e) => setNarrative(e.target.value)} />
      </Field>
      <button type="submit">{t('amend.submit')}</button>
      {outcome && (
        <p role="status" className="notice">
          {outcome}
        </p>
      )}
    </form>
  );
}
