import { randomUUID } from 'node:crypto';
import { EventFactory, TOPICS } from '@haki/contracts';

const intake = new EventFactory('intake-service');

/** A postmortem referral as intake submits it (pathologist and advocate needed), in Turkana unless told. */
export const postmortem = (urgency: 'critical' | 'normal', countyName = 'Turkana', coarseLocation = { lat: 3.1, lon: 35.6 }) => {
  const referralId = randomUUID();
  return intake.create({
    topic: TOPICS.referralSubmitted,
    key: referralId,
    correlationId: `corr-${referralId}`,
    payload: {
      referralId,
      serviceType: 'postmortem',
      urgency,
      rolesNeeded: ['forensic-pathologist', 'advocate'],
      countyCode: 23,
      countyName,
      coarseLocation,
      submittedAt: new Date().toISOString(),
    },
  });
};

/** Any later input needs a cause: an event id and correlation id, as a Kafka event would carry. */
export const cause = () => ({ eventId: randomUUID(), correlationId: 'corr-test' });
