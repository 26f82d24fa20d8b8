import { httpLogSerializers, loggablePath } from './http-log';

describe('HTTP log lines', () => {
  it('mask link tokens and webhook secrets, and drop query strings', () => {
    expect(loggablePath('/links/eyJhbGciOi.x.y')).toBe('/links/<credential>');
    expect(loggablePath('/briefs/eyJ.token?x=1')).toBe('/briefs/<credential>');
    expect(loggablePath('/webhooks/africastalking/s3cr3t-path-000000000000/inbound')).toBe('/webhooks/africastalking/<credential>/inbound');
    expect(loggablePath('/api/case/cases/abc?phone=0712')).toBe('/api/case/cases/abc');
  });

  it('say only the status of an answer, never its headers (a session cookie being set)', () => {
    expect(httpLogSerializers.res({ statusCode: 200, headers: { 'set-cookie': 'haki_session=abc' } } as never)).toEqual({
      statusCode: 200,
    });
  });
});
