import { HakiError } from '@haki/contracts';
import { coarsen, parseSubmitReferral, resolveCounty } from './submit-referral.request';

const valid = {
  serviceType: 'torture-documentation',
  urgency: 'urgent',
  county: 'Kisumu',
  subject: { name: 'Example Person' },
  referrer: { name: 'Example NGO', phone: '+254 712 345678' },
};

function problems(body: unknown): string[] {
  try {
    parseSubmitReferral(body);
    return [];
  } catch (error) {
    return ((error as HakiError).fields ?? []).map((f) => `${f.field}: ${f.reason}`);
  }
}

describe('referral request validation', () => {
  it('accepts a county by name or code and resolves it to its headquarters', () => {
    expect(resolveCounty(parseSubmitReferral(valid)).county.name).toBe('Kisumu');
    const byCode = resolveCounty(parseSubmitReferral({ ...valid, county: 23 }));
    expect(byCode.county.name).toBe('Turkana');
    expect(byCode.point).toEqual(byCode.county.hq);
  });

  it('normalises the language to one code and names an unknown one', () => {
    expect(parseSubmitReferral({ ...valid, language: 'Kiswahili' }).language).toBe('sw');
    expect(parseSubmitReferral({ ...valid, language: 'SW' }).language).toBe('sw');
    expect(problems({ ...valid, language: 'Elvish' })).toEqual([expect.stringMatching(/^language: is not a language we know/)]);
    expect(problems({ ...valid, implicatedAgency: 'Police Station' })).toEqual([expect.stringMatching(/^implicatedAgency: must name/)]);
  });

  it('names every bad field in one answer', () => {
    const found = problems({ ...valid, county: 'Atlantis', urgency: 'soon', location: { lat: 12, lon: 36 }, subject: {} });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^county: is not one of the 47 counties/),
        expect.stringMatching(/^urgency: /),
        'location.lat: is outside Kenya',
        expect.stringMatching(/^subject\.name: /),
      ]),
    );
  });

  it('refuses a deadline that has already passed, unknown fields and a referral with no place at all', () => {
    expect(problems({ ...valid, deadline: '2020-01-01T00:00:00+03:00' })).toEqual(['deadline: is in the past']);
    expect(problems({ ...valid, survivorAddress: 'Plot 7' })).toEqual([expect.stringMatching(/survivorAddress|\(root\)/)]);
    const { county: _county, ...placeless } = valid;
    expect(problems(placeless)).toEqual(['county: give the county, or GPS coordinates in location']);
  });

  it('uses GPS to find the county when intake gives only coordinates', () => {
    const request = parseSubmitReferral({
      serviceType: 'postmortem',
      urgency: 'critical',
      location: { lat: 3.1191, lon: 35.5973 },
      subject: valid.subject,
      referrer: valid.referrer,
    });
    expect(resolveCounty(request).county.name).toBe('Turkana');
  });

  it('coarsens locations to 0.1 degree before they leave intake', () => {
    expect(coarsen({ lat: -1.28333, lon: 36.81667 })).toEqual({ lat: -1.3, lon: 36.8 });
  });
});
