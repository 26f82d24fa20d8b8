import { agencyKey } from './agencies';
import { registerProblems, type RegisteredAgency } from './agency-register';
import { AGENCY_REGISTER, registeredAgency, resolveAgency, unknownAgencyReason } from './resolve-agency';

const idOf = (text: string) => {
  const resolved = resolveAgency(text);
  return 'id' in resolved ? resolved.id : undefined;
};
const suggestedFor = (text: string) => {
  const resolved = resolveAgency(text);
  return 'unknown' in resolved ? resolved.suggestions.map((s) => s.id) : [];
};

describe('the agency register', () => {
  it('is sound: ids of the key shape, each name and alias answered by one agency only', () => {
    expect(registerProblems(AGENCY_REGISTER)).toEqual([]);
  });

  it('resolves every name, alias and id of every agency to that agency', () => {
    for (const entry of AGENCY_REGISTER) {
      for (const name of [entry.id, entry.name, ...entry.aliases]) expect([name, idOf(name)]).toEqual([name, entry.id]);
    }
  });

  it('keeps the keys conflicts were stored under before the register, where the name gave one', () => {
    for (const name of ['Kilimani Police Station', 'Lodwar police station', 'Garissa Police Station', 'KDF', 'Kakuma Police Station']) {
      expect(idOf(name)).toBe(agencyKey(name));
    }
  });

  it('has stations, prisons and units, each with a county where it has one', () => {
    const kinds = new Set(AGENCY_REGISTER.map((entry) => entry.kind));
    expect(kinds).toEqual(new Set(['police', 'prison', 'agency']));
    expect(AGENCY_REGISTER.filter((entry) => entry.kind !== 'agency').every((entry) => entry.countyCode !== undefined)).toBe(true);
    expect(registeredAgency('prison:kodiaga')).toMatchObject({ name: 'Kodiaga Prison', countyCode: 42 });
  });

  it('finds two rows answering to one name, an id of the wrong kind and an alias that adds nothing', () => {
    const row = (id: string, name: string, aliases: string[] = []): RegisteredAgency => ({
      id,
      kind: id.split(':')[0] as RegisteredAgency['kind'],
      name,
      aliases,
      source: 'nps',
    });
    expect(
      registerProblems([
        row('police:kisumu-central', 'Kisumu Central Police Station', ['Central Police Station']),
        row('police:nakuru-central', 'Nakuru Central Police Station', ['Central Police Station', 'Nakuru Central Police Stn']),
        { ...row('police:kodiaga', 'Kodiaga Prison'), kind: 'prison' },
      ]),
    ).toEqual([
      'police:nakuru-central: "Central Police Station" is also a name of police:kisumu-central',
      'police:nakuru-central: alias "Nakuru Central Police Stn" reads the same as another of its names',
      'police:kodiaga: id must start with its kind, prison:',
    ]);
  });
});

describe('resolveAgency', () => {
  it.each([
    ['Kilimani Police Station', 'police:kilimani'],
    ['Kilimani Police Stn', 'police:kilimani'],
    ['kilimani police post', 'police:kilimani'],
    ['KILIMANI POLICE', 'police:kilimani'],
    ['police:kilimani', 'police:kilimani'],
    ['Kilimani', 'police:kilimani'], // no kind said, and only a station has the name
    ['Capital Hill Police Station', 'police:capitol-hill'],
    ['Buru Buru Police Station', 'police:buruburu'],
    ['Kibera Police Station', 'police:kibra'],
    ['Central Police Station, Nakuru', 'police:nakuru-central'], // word order does not matter
    ['G.K. Prison, Naivasha', 'prison:naivasha'],
    ['Naivasha Maximum Security Prison', 'prison:naivasha'],
    ['prison:kamiti', 'prison:kamiti-maximum-security'], // a key stored before the register, from "Kamiti Prison"
    ["Lang'ata Women's Prison", 'prison:langata-womens'],
    ['Langata Womens Prison', 'prison:langata-womens'],
    ['Industrial Area Remand', 'prison:industrial-area'],
    ['Industrial Area Police Station', 'police:industrial-area'],
    ["King'ong'o Prison", 'prison:nyeri'],
    ['Kamiti Prison', 'prison:kamiti-maximum-security'],
    ['GSU', 'agency:gsu'],
    ['General Service Unit', 'agency:gsu'],
    ['C.I.D.', 'agency:dci'],
    ['Anti Stock Theft Unit', 'agency:astu'],
    ['kdf', 'agency:kdf'],
  ])('%s is %s', (text, id) => expect(idOf(text)).toBe(id));

  it('resolves two spellings of one station to the same id', () => {
    expect(idOf('Homa Bay Police Station')).toBe('police:homa-bay');
    expect(idOf('Homabay police stn')).toBe('police:homa-bay');
  });

  it('does not resolve a name it does not list, however close', () => {
    expect(idOf('Kilimanj Police Station')).toBeUndefined();
    expect(idOf('Kodiaki Prison')).toBeUndefined();
    expect(idOf('Gatundu Police Station')).toBeUndefined();
    expect(idOf('Police Station')).toBeUndefined();
  });

  it('does not pick one of several agencies a name could mean', () => {
    expect(idOf('Naivasha')).toBeUndefined(); // the police station and the prison
    expect(suggestedFor('Naivasha')).toEqual(expect.arrayContaining(['police:naivasha', 'prison:naivasha']));
    expect(idOf('Central Police Station')).toBeUndefined(); // five towns have one
    expect(suggestedFor('Central Police Station')).toHaveLength(3);
  });

  it('suggests the registered agencies a misspelt name looks like, the same kind first', () => {
    expect(suggestedFor('Kilimanj Police Station')[0]).toBe('police:kilimani');
    expect(suggestedFor('Kodiaki Prison')[0]).toBe('prison:kodiaga');
    expect(suggestedFor('Kakamenga Prison')[0]).toBe('prison:kakamega');
    expect(suggestedFor('Kakamenga Prison')).toContain('police:kakamega'); // the station of that town, below the prison
    expect(suggestedFor('Eldoret Polic Station')[0]).toBe('police:eldoret');
  });

  it('suggests nothing for a name like no registered one', () => {
    expect(resolveAgency('Gatundu Police Station')).toEqual({ unknown: true, suggestions: [] });
  });

  it('explains a refusal with the suggestions', () => {
    const resolved = resolveAgency('Kodiaki prison');
    expect('unknown' in resolved && unknownAgencyReason('Kodiaki prison ', resolved.suggestions)).toMatch(
      /^"Kodiaki prison" is not in the network's agency register; did you mean prison:kodiaga \(Kodiaga Prison\)/,
    );
    expect(unknownAgencyReason('Gatundu', [])).toBe(
      `"Gatundu" is not in the network's agency register. Give a listed name or id, or ask ops to add it to the register.`,
    );
  });
});
