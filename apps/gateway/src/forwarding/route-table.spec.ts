import { upstreamPathOf } from './route-table';

describe('upstreamPathOf', () => {
  it('sends /api/<service>/… to that service, and the open paths as they are', () => {
    expect(upstreamPathOf('/api/case/cases/abc?x=1')).toEqual({ service: 'case', path: '/cases/abc?x=1', signedIn: true });
    expect(upstreamPathOf('/webhooks/twilio/status')).toEqual({
      service: 'notification',
      path: '/webhooks/twilio/status',
      signedIn: false,
    });
    expect(upstreamPathOf('/briefs/eyJ.token')).toEqual({ service: 'intake', path: '/briefs/eyJ.token', signedIn: false });
    expect(upstreamPathOf('/ussd/africastalking/s3cret')).toEqual({
      service: 'intake',
      path: '/ussd/africastalking/s3cret',
      signedIn: false,
    });
  });

  it('refuses unknown services and paths, and dot segments however they are spelled', () => {
    for (const url of [
      '/api/vault/x',
      '/dead-letters',
      '/api/intake/../x',
      '/api/intake/%2E%2e/x',
      '/links/a%2f..',
      '/links/.',
      '/api/case/a\\b',
    ]) {
      expect(() => upstreamPathOf(url)).toThrow(expect.objectContaining({ code: 'HTTP.NOT_FOUND' }));
    }
  });
});
