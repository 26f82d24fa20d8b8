import { COUNTIES } from '@haki/geography';

/**
 * Volunteers for a load run, spread over the 47 county HQ towns (a few km apart), half pathologists
 * and half advocates, each able to hold three cases: enough capacity that the run measures the
 * offer loop, not an empty roster. Ids start with `load-` so a run can remove them afterwards.
 */
export function syntheticRoster(count: number) {
  const professionals = [];
  const contacts = [];
  for (let i = 0; i < count; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const id = `load-${String(i).padStart(4, '0')}`;
    const role = i % 2 === 0 ? 'forensic-pathologist' : 'advocate';
    professionals.push({
      _id: id,
      roles: [role],
      homeTown: county.hqTown,
      homeBase: { lat: county.hq.lat + ((i % 7) - 3) * 0.01, lon: county.hq.lon + ((i % 5) - 2) * 0.01 },
      capacity: 3,
      languages: ['en', 'sw'],
      maxTravelKm: 900,
      credentials: [{ kind: 'practising-certificate', expiresOn: '2030-12-31' }],
      active: true,
    });
    contacts.push({ _id: id, phone: `+2547100${String(i).padStart(5, '0')}`, language: 'en' });
  }
  return { professionals, contacts };
}
