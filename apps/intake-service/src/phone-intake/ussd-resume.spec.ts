import { parseNairobiTime } from '@haki/vocabulary';
import { ussdScreen } from './ussd-menu';
import { resumableUssdScreen } from './ussd-resume';

const OPTIONS = { now: parseNairobiTime('2026-03-11 12:00')! };
/** A session dropped at the town question: English, a death, Turkana. */
const SAVED = '1*1*TUR';

describe('resuming a dropped USSD session', () => {
  it('without saved answers, is the menu itself, and keeps the answers to save', () => {
    expect(resumableUssdScreen('1*1', undefined, OPTIONS)).toEqual({ ...ussdScreen('1*1', OPTIONS), answers: '1*1' });
  });

  it('asks first whether to continue, in the saved session’s language', () => {
    expect(resumableUssdScreen('', SAVED, OPTIONS)).toEqual({
      kind: 'CON',
      screen: 'CON You have an unfinished referral.\n1 Continue it\n2 Start again',
      answers: SAVED,
    });
    expect(resumableUssdScreen('', '2*1', OPTIONS).screen).toBe('CON Una rufaa ambayo hukumaliza.\n1 Endelea nayo\n2 Anza upya');
  });

  it('continuing picks up at the question the session dropped on, and goes on from there', () => {
    const resumed = resumableUssdScreen('1', SAVED, OPTIONS);
    expect(resumed.screen).toBe(ussdScreen(SAVED, OPTIONS).screen);
    expect(resumed.answers).toBe(SAVED);
    const further = resumableUssdScreen('1*Kakuma*Died in the cells', SAVED, OPTIONS);
    expect(further.screen).toContain('When did they die?');
    expect(further.answers).toBe('1*1*TUR*Kakuma*Died in the cells');
  });

  it('starting again forgets the saved answers', () => {
    const fresh = resumableUssdScreen('2*2', SAVED, OPTIONS);
    expect(fresh.screen).toBe(ussdScreen('2', OPTIONS).screen);
    expect(fresh.answers).toBe('2');
  });

  it('an answer that is neither asks again, and a later 1 or 2 still counts', () => {
    expect(resumableUssdScreen('7', SAVED, OPTIONS).screen).toBe(
      'CON Choose 1 or 2. You have an unfinished referral.\n1 Continue it\n2 Start again',
    );
    expect(resumableUssdScreen('7*1', SAVED, OPTIONS).answers).toBe(SAVED);
  });

  it('a resumed session can end like any other, with the same draft', () => {
    const rest = 'Kakuma*Died in the cells*2*1*2*1*1*1';
    const resumed = resumableUssdScreen(`1*${rest}`, SAVED, OPTIONS);
    const whole = ussdScreen(`${SAVED}*${rest}`, OPTIONS);
    expect(resumed.kind).toBe('END');
    expect(resumed).toEqual({ ...whole, answers: `${SAVED}*${rest}` });
  });
});
