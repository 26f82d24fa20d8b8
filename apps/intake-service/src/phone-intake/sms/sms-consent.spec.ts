import { SMS_LIMIT } from '../sms-text';
import { CONSENT_QUESTION, readYesNo } from './sms-consent';

describe('the consent question of an SMS referral', () => {
  it.each([
    ['YES', true],
    ['ndiyo', true],
    ['Ndio, familia imekubali', true],
    ['ok they agree', true],
    ['NO', false],
    ['hapana', false],
    ['La.', false],
    ['Kanisa la mtaa, familia imekubali', true],
    ['jina la mama hapana', false],
    ['maybe tomorrow', undefined],
    ['', undefined],
  ])('reads %j as %s', (reply, expected) => {
    expect(readYesNo(reply)).toBe(expected);
  });

  it('fits one SMS in both languages', () => {
    expect(CONSENT_QUESTION.en.length).toBeLessThanOrEqual(SMS_LIMIT);
    expect(CONSENT_QUESTION.sw.length).toBeLessThanOrEqual(SMS_LIMIT);
  });
});
