import { messageText, offerSms, replyCode } from './offer-message';

describe('offer SMS', () => {
  const offer = {
    offerId: 'ref-123:pro-eld-path-1',
    serviceType: 'torture-documentation',
    urgency: 'critical',
    countyName: 'Elgeyo-Marakwet',
  };

  it('fits one SMS segment and says what, where and how to answer', () => {
    const text = offerSms(offer);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(
      /^Haki: URGENT injury documentation request, Elgeyo-Marakwet County\. Reply YES \d{4} to accept or NO \d{4} to decline\.$/,
    );
  });

  it('uses only GSM-7 basic characters, so it is not sent as multi-segment Unicode', () => {
    expect(offerSms(offer)).toMatch(/^[A-Za-z0-9 .,:\-']+$/);
  });

  it('gives the same reply code for the same offer and usually different ones for others', () => {
    expect(replyCode(offer.offerId)).toBe(replyCode(offer.offerId));
    const codes = new Set(Array.from({ length: 200 }, (_, i) => replyCode(`ref-${i}:pro`)));
    expect(codes.size).toBeGreaterThan(180);
  });
});

describe('follow-up messages', () => {
  const about = { offerId: 'ref-9:2', serviceType: 'postmortem', urgency: 'critical', countyName: 'Turkana' };

  it.each(['confirmed', 'cancelled', 'expired', 'reminder'] as const)('say what became of the offer, by its reference (%s)', (purpose) => {
    const text = messageText({ ...about, purpose });
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toMatch(/^[A-Za-z0-9 .,:\-'()]+$/);
    expect(text).toContain('postmortem request in Turkana County');
    expect(text).toContain(`ref ${replyCode(about.offerId)}`);
  });

  it('keeps the offer text for the offer itself, and for records from before follow-ups existed', () => {
    expect(messageText({ ...about, purpose: 'offer' })).toBe(offerSms(about));
    expect(messageText(about)).toBe(offerSms(about));
  });
});
