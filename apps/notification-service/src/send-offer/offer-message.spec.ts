import { SegmentedMessage } from 'sms-segments-calculator';
import { COUNTIES } from '@haki/geography';
import { SERVICE_TYPES, URGENCIES } from '@haki/vocabulary';
import { FOLLOW_UP_PURPOSES } from './notification.model';
import { replyCode } from '@haki/contracts';
import { emailMessage, MESSAGE_LANGUAGES, messageLanguage, messageText } from './offer-message';

const offer = {
  offerId: 'ref-123:pro-eld-path-1',
  serviceType: 'torture-documentation',
  urgency: 'critical',
  countyName: 'Elgeyo-Marakwet',
};

describe('offer SMS', () => {
  it('says what, where and how to answer, in English', () => {
    expect(messageText(offer, 'en')).toMatch(
      /^Haki: URGENT injury documentation request, Elgeyo-Marakwet County\. Reply YES (\d{4}) to accept or NO \1 to decline\.$/,
    );
  });

  it('and in Swahili', () => {
    expect(messageText(offer, 'sw')).toMatch(
      /^Haki: ombi la DHARURA la kuandika majeraha, Kaunti ya Elgeyo-Marakwet\. Jibu NDIYO (\d{4}) kukubali au HAPANA \1 kukataa\.$/,
    );
    expect(messageText({ ...offer, urgency: 'normal', serviceType: 'legal-aid' }, 'sw')).toMatch(
      /^Haki: ombi la msaada wa kisheria, Kaunti ya Elgeyo-Marakwet\. Jibu NDIYO/,
    );
  });

  it('is in Swahili for a Swahili-speaking contact and in English for any other', () => {
    expect(messageLanguage('sw')).toBe('sw');
    expect(messageLanguage('en')).toBe('en');
    expect(messageLanguage('luo')).toBe('en');
    expect(messageLanguage(undefined)).toBe('en');
  });

  it('gives the same reply code for the same offer and usually different ones for others', () => {
    expect(replyCode(offer.offerId)).toBe(replyCode(offer.offerId));
    const codes = new Set(Array.from({ length: 200 }, (_, i) => replyCode(`ref-${i}:pro`)));
    expect(codes.size).toBeGreaterThan(180);
  });
});

describe('follow-up messages', () => {
  const about = { offerId: 'ref-9:2', serviceType: 'postmortem', urgency: 'critical', countyName: 'Turkana' };

  it.each(FOLLOW_UP_PURPOSES)('say what became of the offer, by its reference (%s)', (purpose) => {
    const code = replyCode(about.offerId);
    const english = messageText({ ...about, purpose }, 'en');
    expect(english).toContain('postmortem request in Turkana County');
    expect(english).toContain(`(ref ${code})`);
    const swahili = messageText({ ...about, purpose }, 'sw');
    expect(swahili).toContain('ombi la uchunguzi wa maiti katika Kaunti ya Turkana');
    expect(swahili).toContain(`(kumb ${code})`);
  });

  it('keeps the offer text for records from before follow-ups existed', () => {
    expect(messageText(about)).toBe(messageText({ ...about, purpose: 'offer' }, 'en'));
  });
});

describe('every message', () => {
  // Every language, purpose, service type, urgency and county: the longest names included.
  const all = MESSAGE_LANGUAGES.flatMap((language) =>
    (['offer', ...FOLLOW_UP_PURPOSES] as const).flatMap((purpose) =>
      SERVICE_TYPES.flatMap((serviceType) =>
        URGENCIES.flatMap((urgency) =>
          COUNTIES.map((county) =>
            messageText({ offerId: `ref:${county.code}`, serviceType, urgency, countyName: county.name, purpose }, language),
          ),
        ),
      ),
    ),
  );

  it('fits one GSM-7 segment, so a cheap phone gets it whole and it costs one SMS', () => {
    const over = all.filter((text) => {
      const segmented = new SegmentedMessage(text);
      return segmented.encodingName !== 'GSM-7' || segmented.segmentsCount !== 1;
    });
    expect(over).toEqual([]);
    expect(all.length).toBe(2 * 6 * SERVICE_TYPES.length * URGENCIES.length * 47);
  });
});

describe('messages with links', () => {
  // A brief link as OfferLinks makes it: an HS256 JWT over the offer id, its use, an id and the expiry.
  const brief = `https://haki.example.org/briefs/${'x'.repeat(190)}`;
  const about = { offerId: 'ref-9:2', serviceType: 'medical-care', urgency: 'critical', countyName: 'Elgeyo-Marakwet' };

  it('a confirmation carries the brief link instead of "ops will call", in at most 3 GSM-7 segments', () => {
    for (const language of MESSAGE_LANGUAGES) {
      const text = messageText({ ...about, purpose: 'confirmed' }, language, { brief });
      expect(text).toContain(brief);
      const segmented = new SegmentedMessage(text);
      expect(segmented.encodingName).toBe('GSM-7');
      expect(segmented.segmentsCount).toBeLessThanOrEqual(3);
    }
    expect(messageText({ ...about, purpose: 'confirmed' }, 'en', { brief })).toMatch(
      /^Haki: confirmed, .* \(ref \d{4}\)\. Details: https:/,
    );
  });

  it('an email offer adds its answer link under the SMS text; other emails carry none', () => {
    const respond = 'https://haki.example.org/links/abc';
    const offer = emailMessage({ ...about, purpose: 'offer' }, 'sw', { respond });
    expect(offer.subject).toBe('Haki: ombi la huduma ya afya katika Kaunti ya Elgeyo-Marakwet');
    expect(offer.text).toBe(`${messageText({ ...about, purpose: 'offer' }, 'sw')}\n\nAu jibu hapa: ${respond}`);
    expect(emailMessage({ ...about, purpose: 'cancelled' }, 'en', { respond }).text).not.toContain(respond);
  });
});
