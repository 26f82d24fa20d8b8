import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { nairobiShort } from '../time';
import { api } from '../api';
import { Field, Status } from '../components/field';
import { CaseList } from './case-list';

interface Offer {
  offerId: string;
  caseId: string;
  role: string;
  serviceType?: string;
  urgency?: string;
  county?: string;
  receivedAt: string;
  status: 'offered' | 'reminded' | 'accepted';
}

/**
 * A volunteer on a phone: the offers waiting on them (what the SMS said, no more), accept or decline,
 * then their cases. Small and light: one list, two buttons, polled every 15 s.
 */
export function VolunteerView() {
  const { t } = useTranslation();
  const offers = useQuery({
    queryKey: ['my-offers'],
    queryFn: () => api<{ offers: Offer[] }>('/api/case/cases/offered-to-me'),
    refetchInterval: 15_000,
  });
  // Kept above the list: once matching confirms, the offer leaves the list and the case joins "My cases".
  const [answered, setAnswered] = useState<string>();
  return (
    <div className="volunteer">
      <section aria-labelledby="offers-title">
        <h1 id="offers-title">{t('volunteer.offers')}</h1>
        <Status loading={offers.isPending} error={offers.error} />
        {answered && (
          <p role="status" className="notice">
            {answered}
          </p>
        )}
        {offers.data?.offers.length === 0 && <p>{t('volunteer.noOffers')}</p>}
        <ul className="offers">
          {offers.data?.offers.map((offer) => (
            <OfferCard key={offer.offerId} offer={offer} onAnswered={setAnswered} />
          ))}
        </ul>
      </section>
      <Availability />
      <CaseList title={t('volunteer.cases')} />
    </div>
  );
}

function OfferCard({ offer, onAnswered }: { offer: Offer; onAnswered: (message: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: (response: 'accept' | 'decline') =>
      api(`/api/matching/offers/${encodeURIComponent(offer.offerId)}/responses`, { method: 'POST', body: { response } }),
    onSuccess: (_answer, response) => {
      onAnswered(
        `${t(`role.${offer.role}`)}, ${offer.county}: ${response === 'accept' ? t('volunteer.accepted') : t('volunteer.declined')}`,
      );
      return queryClient.invalidateQueries();
    },
  });
  return (
    <li className={`card urgency-${offer.urgency}`} data-offer={offer.offerId}>
      <p>
        <strong>{t(`role.${offer.role}`)}</strong> · {offer.serviceType && t(`serviceType.${offer.serviceType}`)}
      </p>
      <p>
        {offer.county} · {offer.urgency && <span className={`urgency ${offer.urgency}`}>{t(`urgency.${offer.urgency}`)}</span>}
      </p>
      <p className="hint">{t('volunteer.received', { at: nairobiShort(offer.receivedAt) })}</p>
      {offer.status === 'accepted' && !answer.isSuccess && <p>{t('volunteer.accepted')}</p>}
      {!answer.isSuccess && offer.status !== 'accepted' && (
        <p className="buttons">
          <button type="button" onClick={() => answer.mutate('accept')} disabled={answer.isPending}>
            {t('volunteer.accept')}
          </button>
          <button type="button" className="secondary" onClick={() => answer.mutate('decline')} disabled={answer.isPending}>
            {t('volunteer.decline')}
          </button>
        </p>
      )}
      <Status error={answer.error} />
    </li>
  );
}

/** Away until a date (no offers meanwhile, and any waiting goes to someone else), or back now. */
function Availability() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: ['availability'],
    queryFn: () => api<{ awayUntil: string | null }>('/api/matching/professionals/me/availability'),
  });
  const [until, setUntil] = useState('');
  const change = useMutation({
    mutationFn: (awayUntil: string | null) => api('/api/matching/professionals/me/availability', { method: 'PUT', body: { awayUntil } }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <section aria-labelledby="availability-title">
      <h2 id="availability-title">{t('volunteer.availability')}</h2>
      <Status loading={current.isPending} error={current.error ?? change.error} />
      {current.data && (
        <p role="status">
          {current.data.awayUntil ? t('volunteer.awayUntil', { at: nairobiShort(current.data.awayUntil) }) : t('volunteer.available')}
        </p>
      )}
      {current.data?.awayUntil ? (
        <button type="button" onClick={() => change.mutate(null)} disabled={change.isPending}>
          {t('volunteer.back')}
        </button>
      ) : (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            if (until) change.mutate(`${until}:00+03:00`);
          }}
        >
          <Field label={t('volunteer.setAway')} hint={t('intake.timesHint')}>
            <input name="awayUntil" type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
          </Field>
          <button type="submit" disabled={!until || change.isPending}>
            {t('volunteer.saveAway')}
          </button>
        </form>
      )}
    </section>
  );
}
