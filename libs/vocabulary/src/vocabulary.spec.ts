import { agencyKey, languageCode, ROLES, SERVICE_TEAMS, SERVICE_TYPES, teamRolesFor } from './index';

describe('shared vocabulary', () => {
  it('gives every service type a team whose lead role is required and whose roles are known and distinct', () => {
    for (const serviceType of SERVICE_TYPES) {
      const team = SERVICE_TEAMS[serviceType];
      expect(team[0]?.required).toBe(true);
      const roles = teamRolesFor(serviceType);
      expect(new Set(roles).size).toBe(roles.length);
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it('sends a pathologist first to a postmortem and a clinician first to torture documentation', () => {
    expect(teamRolesFor('postmortem')).toEqual(['forensic-pathologist', 'advocate']);
    expect(teamRolesFor('torture-documentation')[0]).toBe('clinician');
  });
});

describe('normalised words', () => {
  it.each([
    ['sw', 'sw'],
    ['SW', 'sw'],
    ['Swahili', 'sw'],
    ['kiswahili', 'sw'],
    [' English ', 'en'],
    ['Somali', 'so'],
    ['Kikuyu', 'ki'],
    ['Dholuo', 'luo'],
    ['luo', 'luo'],
    ['Kalenjin', 'kln'],
  ])('language %s is %s', (input, code) => expect(languageCode(input)).toBe(code));

  it('knows no language called gibberish', () => expect(languageCode('Klingonish')).toBeUndefined());

  it.each([
    ['Kilimani Police Station', 'police:kilimani'],
    ['police:kilimani', 'police:kilimani'],
    ['KILIMANI police', 'police:kilimani'],
    ['Kamiti Maximum Security Prison', 'prison:kamiti-maximum-security'],
    ['G.K. Prison, Naivasha', 'prison:naivasha'],
    ['KDF', 'agency:kdf'],
    ['Nakuru Central Police Station', 'police:nakuru-central'],
    ['Kilimani Police Stn', 'police:kilimani'],
    ["Lang'ata Women's Prison", 'prison:langata-womens'],
  ])('agency %s is %s', (input, key) => expect(agencyKey(input)).toBe(key));

  it('has no key for a bare kind word', () => expect(agencyKey('Police Station')).toBeUndefined());
});
