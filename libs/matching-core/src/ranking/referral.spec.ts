import { SERVICE_TEAMS, SERVICE_TYPES } from '@haki/vocabulary';
import { ISTANBUL_PROTOCOL, PRACTISING_CERTIFICATE, roleNeedsFor } from './referral';

describe('roleNeedsFor', () => {
  it('asks for exactly the vocabulary team of every service type, lead first, with its required flags', () => {
    for (const serviceType of SERVICE_TYPES) {
      const needs = roleNeedsFor(serviceType);
      expect(needs.map(({ role, required }) => ({ role, required }))).toEqual(SERVICE_TEAMS[serviceType]);
      for (const need of needs) expect(need.credentials).toContain(PRACTISING_CERTIFICATE);
    }
  });

  it('requires Istanbul Protocol training of the clinician documenting torture, and an on-site start', () => {
    const [clinician] = roleNeedsFor('torture-documentation');
    expect(clinician).toMatchObject({
      role: 'clinician',
      credentials: [PRACTISING_CERTIFICATE, ISTANBUL_PROTOCOL],
      remoteStartAllowed: false,
    });
  });

  it('lets nobody start a postmortem remotely', () => {
    expect(roleNeedsFor('postmortem').every((need) => !need.remoteStartAllowed)).toBe(true);
  });
});
