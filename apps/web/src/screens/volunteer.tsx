import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatNairobiTime } from '@haki/vocabulary';
import { api } from '../api';
import { Status } from '../components/field';
import { CaseList } from './case-list';

interface Offer {
  offerId: string;
  caseId: string;
  role: string;
  serviceType?: string;
  urgency?: string;
  county?: string;
  receivedAt: string;
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
  return (
    <div className="volunteer">
      <section aria-labelledby="offers-title">
        <h1 id="offers-title">{t('volunteer.offers')}</h1>
        <Status loading={offers.isPending} error={offers.error} />
        {offers.data?.offers.length === 0 && <p>{t('volunteer.noOffers')}</p>}
        <ul className="offers">
          {offers.data?.offers.map((offer) => (
            <OfferCard key={offer.offerId} offer={offer} />
          ))}
        </ul>
      </section>
      <CaseList title={t('volunteer.cases')} />
    </div>
  );
}

function OfferCard({ offer }: { offer: Offer }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: (response: 'accept' | 'decline') =>
      api(`/api/matching/offers/${encodeURIComponent(offer.offerId)}/responses`, { method: 'POST', body: { response } }),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <li className={`card urgency-${offer.urgency}`} data-offer={offer.offerId}>
      <p>
        <strong>{t(`role.${offer.role}`)}</strong> · {offer.serviceType && t(`serviceType.${offer.serviceType}`)}
      </p>
      <p>
        {offer.county} · {offer.urgency && <span className={`urgency ${offer.urgency}`}>{t(`urgency.${offer.urgency}`)}</span>}
      </p>
      <p className="hint">{t('volunteer.received', { at: formatNairobiTime(new Date(offer.receivedAt)) })}</p>
      {answer.isSuccess ? (
        <p role="status">{answer.variables === 'accept' ? t('volunteer.accepted') : t('volunteer.declined')}</p>
      ) : (
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
