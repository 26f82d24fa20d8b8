import { COUNTIES } from '@haki/geography';
import type { MissingField } from './phone-draft';
import { SMS_LIMIT, smsConfirmation, smsQuestion } from './sms-text';

const FIELDS: MissingField[] = ['serviceType', 'county', 'deathTime', 'incidentTime', 'arrestTime'];
/** The four counties with the longest names: the longest "which county" question there can be. */
const LONGEST = [...COUNTIES]
  .sort((a, b) => b.name.length - a.name.length)
  .slice(0, 4)
  .map((county) => county.code);

describe('texts back to a phone referrer', () => {
  it(`every question fits one SMS (${SMS_LIMIT} characters), asked again or not, in both languages`, () => {
    for (const language of ['en', 'sw'] as const) {
      for (const field of FIELDS) {
        for (const again of [false, true]) {
          expect(smsQuestion(field, language, { again }).length).toBeLessThanOrEqual(SMS_LIMIT);
          expect(smsQuestion(field, language, { again, counties: LONGEST }).length).toBeLessThanOrEqual(SMS_LIMIT);
        }
      }
    }
  });

  it('asked again, says so first where it fits', () => {
    expect(smsQuestion('county', 'en', { again: true })).toBe(
      'Sorry, we did not understand. Haki: in which county did this happen? Reply with its name, e.g. TURKANA.',
    );
    expect(smsQuestion('arrestTime', 'sw', { again: true }).startsWith('Samahani, hatukuelewa. ')).toBe(true);
  });

  it('offers the counties an SMS may have meant, by name', () => {
    expect(smsQuestion('county', 'en', { counties: [42, 45] })).toBe('Haki: which county, Kisumu or Kisii? Reply with its name.');
    expect(smsQuestion('county', 'sw', { counties: [42, 45, 46] })).toBe('Haki: kaunti ipi, Kisumu, Kisii au Nyamira? Jibu kwa jina lake.');
  });

  it('the confirmation carries the reference and fits, with the longest reference', () => {
    expect(smsConfirmation('HK-7F3K', 'en')).toBe(
      'Haki: received, ref HK-7F3K. A Haki worker will call you soon on this number. Keep the ref.',
    );
    for (const language of ['en', 'sw'] as const) {
      expect(smsConfirmation('R'.repeat(20), language).length).toBeLessThanOrEqual(SMS_LIMIT);
    }
  });
});
