import { HakiError } from '@haki/contracts';
import { parseRosterCsv } from './roster-csv';

const HEADER = [
  'id,roles,homeTown,homeCounty,maxTravelKm,capacity,monthlyCap,languages,credentials',
  'servesCounties,remoteCapable,schedule,conflicts,phone',
].join(',');
const GOOD = [
  [
    'pro-gar-clin-1,clinician,Garissa,Garissa,400,2,6,English;Kiswahili;Somali',
    'practising-certificate:2027-06-30;istanbul-protocol:2027-06-30',
    'Garissa;8,yes,mon 08:00-17:00;tue 08:00-17:00,Garissa Police Station,+254700111222',
  ].join(','),
  'pro-lam-adv-1,advocate,Lamu,5,300,3,,en,practising-certificate:2027-01-31,,no,,,+254700111333',
];

function problemsOf(text: string): string[] {
  try {
    parseRosterCsv(text);
    return [];
  } catch (error) {
    return ((error as HakiError).fields ?? []).map((f) => `${f.field}: ${f.reason}`);
  }
}

describe('roster CSV import', () => {
  it('reads the spreadsheet columns and normalises languages, counties and conflicts', () => {
    const rows = parseRosterCsv([HEADER, ...GOOD].join('\n'));
    expect(rows.map((r) => r.id)).toEqual(['pro-gar-clin-1', 'pro-lam-adv-1']);
    const clinician = rows[0]!.profile;
    expect(clinician.languages).toEqual(['en', 'sw', 'so']);
    expect(clinician.servesCounties.map((c) => c.code)).toEqual([7, 8]);
    expect(clinician.conflicts).toEqual(['police:garissa']);
    expect(clinician.schedule).toEqual([
      { day: 'mon', from: '08:00', to: '17:00' },
      { day: 'tue', from: '08:00', to: '17:00' },
    ]);
    expect(clinician).toMatchObject({
      remoteCapable: true,
      monthlyCap: 6,
      capacity: 2,
      contact: { phone: '+254700111222', language: 'en' },
    });
    expect(rows[1]!.profile.homeCounty?.name).toBe('Lamu');
  });

  it('names every bad row and field, counting rows as the spreadsheet does, and returns nothing', () => {
    const bad = [
      HEADER,
      GOOD[0],
      'pro-gar-clin-1,clinician,Garissa,Garissa,400,2,,en,,,,,,+254700111222', // the same id again
      'Pro X,surgeon,Nowhere,Atlantis,-5,two,,Klingon,practising-certificate:someday,,,mon 8-5,,call me',
    ].join('\n');
    const problems = problemsOf(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        'row 3: id: pro-gar-clin-1 is also on row 2',
        expect.stringMatching(/^row 4: id: must be lowercase/),
        expect.stringMatching(/^row 4: roles\.0: /),
        expect.stringMatching(/^row 4: homeCounty: Atlantis is not one of the 47 counties/),
        expect.stringMatching(/^row 4: maxTravelKm: /),
        expect.stringMatching(/^row 4: capacity: /),
        'row 4: languages.0: Klingon is not a language we know',
        expect.stringMatching(/^row 4: credentials\.0\.expiresOn: must be an ISO date/),
        expect.stringMatching(/^row 4: schedule\.0\.from: must be HH:MM/),
        expect.stringMatching(/^row 4: contact\.phone: must be a phone number/),
      ]),
    );
    expect(problems.filter((p) => p.startsWith('row 2'))).toEqual([]);
  });

  it('stores conflicts as agency register ids, however they are spelt, and refuses one the register lacks', () => {
    const row = (conflicts: string) => `pro-lam-adv-1,advocate,Lamu,5,300,3,,en,,,no,,${conflicts},+254700111333`;
    const [read] = parseRosterCsv([HEADER, row('Kilimani Police Stn;police:kilimani;Kodiaga Prison;GSU')].join('\n'));
    expect(read!.profile.conflicts).toEqual(['police:kilimani', 'police:kilimani', 'prison:kodiaga', 'agency:gsu']);
    expect(problemsOf([HEADER, row('GSU;Kilimanj Police Station')].join('\n'))).toEqual([
      'row 2: conflicts.1: "Kilimanj Police Station" is not in the network\'s agency register; did you mean police:kilimani ' +
        '(Kilimani Police Station), police:kilifi (Kilifi Police Station)? Give a listed name or id, or ask ops to add it to the register.',
    ]);
  });

  it('refuses unknown or missing columns and an empty file', () => {
    expect(problemsOf('id,roles,shoeSize\npro-a,clinician,42')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^header: shoeSize: unknown column/), 'header: capacity: required column is missing']),
    );
    expect(problemsOf(HEADER)).toContain('file: has no professionals (a header and at least one row)');
  });
});
