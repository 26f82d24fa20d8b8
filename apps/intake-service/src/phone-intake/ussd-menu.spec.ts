import { COUNTIES, searchPlaces } from '@haki/geography';
import { formatNairobiTime, parseNairobiTime } from '@haki/vocabulary';
import { parseReferralRequest } from '../referrals/referral-request/referral-request';
import { toReferralRequest } from './phone-draft';
import { nextQuestion } from './ussd-flow';
import { replay, USSD_SCREEN_LIMIT, ussdConfirmation, ussdNotSaved, ussdScreen, type UssdOptions, type UssdStep } from './ussd-menu';

// Wednesday 11 March 2026, 12:00 in Nairobi: times below are read against it.
const NOW = parseNairobiTime('2026-03-11 12:00')!;
const OPTIONS: UssdOptions = { now: NOW };
const nairobi = (iso: string | undefined) => (iso ? formatNairobiTime(new Date(iso)).slice(0, 16) : undefined);

/** The screen after these answers, as Africa's Talking would send them. */
const screenAfter = (answers: string[], options = OPTIONS) => ussdScreen(answers.join('*'), options);
const ended = (step: UssdStep) => {
  if (step.kind !== 'END') throw new Error(`expected END, got ${step.screen}`);
  return step;
};

describe('USSD menu: a whole session', () => {
  it('walks an English postmortem referral to a complete draft', () => {
    const answers = ['1', '1', 'TUR', 'kakuma', 'Died in police cells', '2', '1', '2', '1', '1', '1'];
    const screens = answers.map((_, index) => screenAfter(answers.slice(0, index)).screen);
    expect(screens[0]).toContain('1 English\n2 Kiswahili');
    expect(screens[1]).toContain('What help is needed?\n1 A death: postmortem');
    expect(screens[2]).toContain('Which county?');
    expect(screens[3]).toBe('CON Nearest town or village in Turkana? Type its name, or 1 if unsure\n0 Back');
    expect(screens[5]).toContain('When did they die?');
    expect(screens[6]).toContain('Where did they die?');
    expect(screens[7]).toContain('When is the burial?');
    // Nobody reports their own death: "Me, I was harmed" is not offered.
    expect(screens[8]).toBe('CON Who are you?\n1 Family\n2 Church\n3 NGO or paralegal\n4 Other (friend, witness)\n0 Back');
    expect(screens[9]).toContain('May Haki share this with a volunteer doctor or lawyer');
    expect(screens[10]).toBe('CON Send this referral?\nPostmortem, Turkana, Kakuma\n1 Send\n00 Start again\n0 Back');

    const end = ended(screenAfter(answers));
    expect(end.screen).toBe('END Thank you. Haki has your referral. A Haki worker will call you soon on this number.');
    expect(end.draft).toEqual({
      channel: 'ussd',
      language: 'en',
      serviceType: 'postmortem',
      countyCode: 23,
      town: 'Kakuma',
      narrative: 'Died in police cells',
      death: {
        at: { at: parseNairobiTime('2026-03-10 18:00')!.toISOString(), said: 'last night' },
        circumstance: 'custody',
        plannedBurialAt: { at: parseNairobiTime('2026-03-12 08:00')!.toISOString(), said: 'tomorrow' },
      },
      referrer: 'family',
      sharingConsent: true,
      callBack: true,
    });
  });

  it('walks a Swahili torture referral with sexual violence, in Swahili throughout', () => {
    const answers = ['2', '2', 'naku', 'Molo', 'Alipigwa na polisi kituoni', '3', '1', '1', '5', '1', '1', '1'];
    const screens = answers.map((_, index) => screenAfter(answers.slice(0, index)).screen);
    expect(screens[1]).toContain('Msaada gani unahitajika?\n1 Kifo: uchunguzi wa maiti');
    expect(screens[3]).toContain('Mji au kijiji kilicho karibu, Nakuru?');
    expect(screens[5]).toContain('Ilitokea lini?\n1 Leo\n2 Jana usiku\n3 Jana');
    expect(screens[6]).toContain('Majeraha bado yanaonekana');
    expect(screens[7]).toContain('unyanyasaji wa kingono?\n1 Ndiyo\n2 Hapana\n3 Sipendi kusema');
    expect(screens[8]).toContain('Unyanyasaji huo ulitokea lini?');
    expect(screens[9]).toContain('Wewe ni nani?\n1 Mimi, nilidhuriwa');
    expect(screens[10]).toContain('1 Shiriki na unipigie');
    expect(screens[11]).toBe('CON Tuma rufaa hii?\nKurekodi mateso, Nakuru, Molo\n1 Tuma\n00 Anza upya\n0 Rudi');

    const end = ended(screenAfter(answers));
    expect(end.screen).toBe('END Asante. Haki imepokea rufaa yako. Mfanyakazi wa Haki atakupigia simu hivi karibuni kwa namba hii.');
    const { draft } = end;
    expect(draft).toMatchObject({ language: 'sw', serviceType: 'torture-documentation', countyCode: 32, town: 'Molo', referrer: 'self' });
    expect(nairobi(draft.incident?.at?.at)).toBe('2026-03-10T00:00');
    expect(draft.incident?.injuriesVisible).toBe(true);
    // "3 days ago" starts 8 March, but HIV prophylaxis (72 h) may still be open: the estimate keeps it open an hour.
    expect(nairobi(draft.sexualViolence?.at?.at)).toBe('2026-03-08T13:00');
    expect(draft.sexualViolence?.at?.said).toBe('3-5 days ago');
  });

  it.each([
    ['postmortem', ['1', '1', 'KISU', '1', 'He died in the cells', '1', '1', '5', '1', '1', '1']],
    ['torture documentation', ['1', '2', 'MOM', '1', 'Beaten at the station', '3', '1', '2', '2', '1', '1']],
    ['medical care for a prisoner, an illness', ['1', '3', '47', '1', 'Sick in prison, no care', '2', '7', '3', '1', '1']],
    ['medical care after sexual violence', ['2', '3', 'KITUI', '1', 'Alibakwa jana', '1', '3', '2', '1', '3', '2', '1', '1']],
    ['someone held now', ['1', '4', 'BUS', '1', 'Held at Busia station', '1', '3', '4', '2', '1']],
    ['legal aid after an arrest', ['1', '5', 'NYERI', 'Othaya', 'Charged with no lawyer', '1', '4', '1', '5', '1', '1']],
    ['legal aid, no arrest', ['2', '5', 'LAMU', '1', 'Nyumba ilichukuliwa', '2', '2', '1', '1', '1']],
  ])('a %s session ends in a draft the referral request validator accepts', (_, answers) => {
    const now = new Date();
    const end = ended(ussdScreen(answers.join('*'), { now }));
    const made = toReferralRequest(end.draft, '+254712345678', now);
    if (!made.ok) throw new Error(`draft misses ${made.missing}`);
    expect(() => parseReferralRequest(made.referral.request)).not.toThrow();
    expect(made.referral.channel).toBe('ussd');
  });
});

describe('USSD menu: answers that fit no question', () => {
  it.each([
    ['a number off the list', ['1', '9'], 'CON Choose a number. What help is needed?'],
    ['letters for a number', ['1', 'death'], 'CON Choose a number. What help is needed?'],
    ['an empty answer', ['1', ''], 'CON Choose a number. What help is needed?'],
    ['an unknown county', ['1', '1', 'XYZ'], 'CON No county starts like that. Which county?'],
    ['a county number out of range', ['1', '1', '48'], 'CON No county starts like that. Which county?'],
    ['a town with no letters', ['1', '1', 'TUR', '77'], 'CON Type a town name, or 1. Nearest town'],
    ['a town in another county', ['1', '1', 'TUR', 'Mombasa'], 'CON Mombasa is in Mombasa, not here. Nearest town'],
    ['a narrative of no words', ['1', '1', 'TUR', '1', '?!'], 'CON Please type a few words. What happened?'],
    ['a Swahili answer off the list', ['2', '1', 'TUR', '1', 'Alikufa', '8'], 'CON Chagua namba. Alifariki lini?'],
  ])('%s asks the same question again with a hint', (_, answers, start) => {
    const step = screenAfter(answers);
    expect(step.kind).toBe('CON');
    expect(step.screen.startsWith(start)).toBe(true);
  });

  it('a hint lasts one screen: the next good answer moves on without it', () => {
    expect(screenAfter(['1', '9', '1']).screen).toMatch(/^CON Which county\?/);
  });

  it('never throws, whatever the text', () => {
    for (const text of ['*', '**', '1**', '0*0*0*0', '00', '1*00*00', '1*1*' + 'A'.repeat(500), '1*1*TUR*\u{1F600}', '1*1*9999999999999']) {
      expect(() => ussdScreen(text, OPTIONS)).not.toThrow();
      expect(ussdScreen(text, OPTIONS).kind).toBe('CON');
    }
  });
});

describe('USSD menu: county by first letters', () => {
  it('a unique prefix, a whole name, a misspelling and a number all find the county', () => {
    for (const typed of ['TUR', 'turkana', 'Turkna', ' 23 ']) expect(screenAfter(['1', '1', typed]).screen).toContain('in Turkana?');
    expect(screenAfter(['1', '1', 'pokot']).screen).toContain('in West Pokot?');
  });

  it('an ambiguous prefix gives a numbered pick list, paged, and a number from it chooses', () => {
    const first = screenAfter(['1', '1', 'K']).screen;
    expect(first).toBe('CON Which county?\n1 Kajiado\n2 Kakamega\n3 Kericho\n4 Kiambu\n5 Kilifi\n6 Kirinyaga\n7 Kisii\n9 More\n0 Back');
    expect(screenAfter(['1', '1', 'K', '9']).screen).toBe('CON Which county?\n1 Kisumu\n2 Kitui\n3 Kwale\n0 Back');
    expect(screenAfter(['1', '1', 'K', '9', '2']).screen).toContain('in Kitui?');
    expect(screenAfter(['1', '1', 'K', '9', '0']).screen).toBe(first);
    expect(screenAfter(['1', '1', 'K', '0']).screen).toContain('Type the first letters');
    // Letters at a pick list are a new try at the name.
    expect(screenAfter(['1', '1', 'K', 'kwa']).screen).toContain('in Kwale?');
    expect(screenAfter(['1', '1', 'K', '8']).screen).toMatch(/^CON Choose a number. Which county\?\n1 Kajiado/);
  });

  it('a slip in a short prefix offers the counties it may mean', () => {
    expect(screenAfter(['1', '1', 'TRU']).screen).toBe('CON Which county?\n1 Trans-Nzoia\n2 Turkana\n0 Back');
  });
});

describe('USSD menu: navigation', () => {
  it('0 goes back one screen, and back again, to the language', () => {
    expect(screenAfter(['1', '1', 'TUR', '0']).screen).toBe(screenAfter(['1', '1']).screen);
    expect(screenAfter(['1', '1', '0']).screen).toBe(screenAfter(['1']).screen);
    expect(screenAfter(['1', '0']).screen).toBe(screenAfter([]).screen);
    expect(screenAfter(['0']).screen).toBe(screenAfter([]).screen);
  });

  it('going back and answering differently takes the new answer', () => {
    const end = ended(screenAfter(['1', '1', 'TUR', 'kakuma', 'Died', '1', '0', '3', '1', '5', '1', '1', '1']));
    expect(end.draft.death?.at?.said).toBe('yesterday');
  });

  it('00 goes to the main menu in the language chosen, with nothing kept', () => {
    expect(screenAfter(['2', '1', 'TUR', '00']).screen).toBe(screenAfter(['2']).screen);
    expect(replay(['2', '1', 'TUR', '00'].join('*'), OPTIONS).state.draft).toEqual({ channel: 'ussd', language: 'sw' });
    // From the main menu, back is the language screen again.
    expect(screenAfter(['2', '1', 'TUR', '00', '0']).screen).toBe(screenAfter([]).screen);
  });

  it('a language given by the service code skips the language screen', () => {
    const options = { now: NOW, language: 'sw' as const };
    expect(ussdScreen('', options).screen).toMatch(/^CON Msaada gani unahitajika\?/);
    expect(ussdScreen('', options).screen).not.toContain('0 Rudi');
    expect(ussdScreen('0', options).screen).toBe(ussdScreen('', options).screen);
  });
});

/**
 * Every reachable screen, breadth first: a few answers per screen, valid and not. States that show the
 * same screens from there on are visited once; the county and town only show on the town and review
 * screens, so the longest ones are tried first and stand for the rest (every county's town screen, and
 * every town refused as elsewhere, are checked on their own below).
 */
function everyScreen(): Map<string, string> {
  const LONGEST_TOWN = 'A long village name that fills the box a'; // 40, the most kept
  const SAMPLE_TYPED: Record<string, string[]> = {
    county: ['ELG', 'K', 'TRU', 'XYZ'],
    town: [LONGEST_TOWN, '1', 'Iten', 'Awendo', '7'],
    narrative: ['x', 'Died in the cells at the station'],
  };
  const screens = new Map<string, string>();
  const seen = new Set<string>();
  let frontier = [''];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const text of frontier) {
      const { state, hint, history } = replay(text, OPTIONS);
      const { draft } = state;
      const key = JSON.stringify([
        state.answered,
        state.countyChoices,
        hint,
        history.length > 0,
        draft.language,
        draft.serviceType,
        draft.referrer,
        draft.sexualViolence !== undefined,
        draft.incident?.at !== undefined,
        draft.arrest !== undefined,
        draft.callBack,
      ]);
      if (seen.has(key)) continue;
      seen.add(key);
      const step = ussdScreen(text, OPTIONS);
      screens.set(text, step.screen);
      if (step.kind === 'END') continue;
      const id = state.countyChoices ? 'countyPick' : nextQuestion(state)!;
      const answers = SAMPLE_TYPED[id] ?? ['1', '2', '3', '4', '5', '6', '7', '9', 'x'];
      for (const answer of [...answers, '0', '00']) next.push(text === '' ? answer : `${text}*${answer}`);
    }
    frontier = next;
  }
  return screens;
}

describe('USSD menu: every screen fits', () => {
  const screens = everyScreen();

  it(`walks the whole tree in both languages, and no screen is over ${USSD_SCREEN_LIMIT} characters`, () => {
    expect(screens.size).toBeGreaterThan(300);
    // The longest county and town reach the review screen of every kind of help, in both languages.
    const reviews = new Set([...screens.values()].filter((screen) => /^CON (Send this referral|Tuma rufaa hii)\?/.test(screen)));
    expect([...reviews].filter((screen) => screen.includes('Elgeyo-Marakwet, A long village')).length).toBe(10);
    const endings = [...screens.values()].filter((screen) => screen.startsWith('END'));
    expect(endings.some((screen) => screen.startsWith('END Thank you'))).toBe(true);
    expect(endings.some((screen) => screen.startsWith('END Asante'))).toBe(true);
    const tooLong = [...screens].filter(([, screen]) => screen.length > USSD_SCREEN_LIMIT);
    expect(tooLong).toEqual([]);
  });

  it('a town refused as elsewhere fits, for every place in the list', () => {
    const places = [...'abcdefghijklmnopqrstuvwxyz'].flatMap((letter) => searchPlaces(letter, 1000));
    expect(places.length).toBeGreaterThan(300);
    let refused = 0;
    for (const language of ['1', '2']) {
      for (const place of places) {
        // Elgeyo-Marakwet (28) has the longest name; a place there is tried from Taita-Taveta (6).
        const elsewhere = place.county.code === 28 ? 6 : 28;
        const screen = screenAfter([language, '1', String(elsewhere), place.name]).screen;
        if (screen.includes(place.name)) refused++;
        expect(screen.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
      }
    }
    expect(refused).toBeGreaterThan(600);
  });

  it('every screen is a CON or an END', () => {
    for (const screen of screens.values()) expect(screen).toMatch(/^(CON|END) \S/);
  });

  it("the town question fits with every county's name, and every pick list page fits", () => {
    for (const language of ['1', '2']) {
      for (const county of COUNTIES) {
        expect(screenAfter([language, '1', String(county.code)]).screen.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
        expect(screenAfter([language, '1', String(county.code), '1', 'words', '1', '1', '1', '1', '1']).screen.length).toBeLessThanOrEqual(
          USSD_SCREEN_LIMIT,
        );
      }
      for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
        for (const page of [[], ['9'], ['9', '9'], ['x']]) {
          expect(screenAfter([language, '1', letter, ...page]).screen.length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
        }
      }
    }
  });

  it('the confirmation fits with the longest reference, and says whether Haki will call', () => {
    const reference = 'R'.repeat(20);
    for (const language of ['en', 'sw'] as const) {
      for (const callBack of [true, false]) {
        expect(ussdConfirmation({ language, callBack }, reference).length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
        expect(ussdConfirmation({ language, callBack }, reference)).toContain(reference);
      }
      expect(ussdNotSaved(language).length).toBeLessThanOrEqual(USSD_SCREEN_LIMIT);
    }
    expect(ussdConfirmation({ language: 'en', callBack: false }, 'HK-1234')).toBe(
      'END Thank you. Haki has your referral, ref HK-1234. Nobody will call you. Give this ref if you call Haki.',
    );
  });
});
