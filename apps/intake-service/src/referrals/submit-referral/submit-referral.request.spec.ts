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

  it('refuses a deadline too far ahead to be real, before any event is built (year 10000 in UTC)', () => {
    expect(problems({ ...valid, deadline: '9999-12-31T23:59:59-01:00' })).toEqual(['deadline: is more than a year ahead']);
  });

  it('refuses unknown fields inside nested objects too, however deep, naming where', () => {
    let deep: Record<string, unknown> = { x: 1 };
    for (let depth = 0; depth < 5000; depth++) deep = { nested: deep };
    expect(problems({ ...valid, subject: { name: 'A', ...deep } })).toEqual([expect.stringMatching(/^subject: .*nested/)]);
    expect(problems({ ...valid, referrer: { name: 'B', email: 'x@example.org' } })).toEqual([expect.stringMatching(/^referrer: .*email/)]);
    expect(problems({ ...valid, location: { lat: 0, lon: 36, alt: 9 } })).toEqual([expect.stringMatching(/^location: .*alt/)]);
  });

  it('counts lengths in characters as people do, not UTF-16 units', () => {
    const emoji = '\u{1F64F}'; // two UTF-16 units, one character
    expect(parseSubmitReferral({ ...valid, narrative: emoji.repeat(10_000) }).narrative).toHaveLength(20_000);
    expect(problems({ ...valid, narrative: emoji.repeat(10_001) })).toEqual(['narrative: must be at most 10000 characters']);
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
