import { AGENCY_REGISTER } from '../src/resolve-agency';
import { readAgencyCsv } from './generate-agency-register';

// The services load the generated module, people edit the CSV: a change to one without the other
// (a row added but not regenerated) must not reach a deployment.
describe('the generated agency register', () => {
  it('is data/agencies.csv as it is now (run scripts/generate-agency-register.ts after editing it)', () => {
    expect(AGENCY_REGISTER).toEqual(readAgencyCsv());
  });
});
