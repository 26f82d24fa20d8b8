import { COUNTIES } from '@haki/geography';

/**
 * Volunteers for a load run as the roster CSV ops would import (roster-csv.ts columns), spread over
 * the 47 county HQ towns (a few km apart), half pathologists and half advocates, each able to hold
 * three cases: enough capacity that the run measures the offer loop, not an empty roster. Ids start
 * with `load-`; importing again updates the same volunteers.
 */
export function rosterCsv(count: number): string {
  const rows = ['id,roles,homeTown,homeCounty,lat,lon,maxTravelKm,capacity,languages,credentials,phone'];
  for (let i = 0; i < count; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const id = `load-${String(i).padStart(5, '0')}`;
    const role = i % 2 === 0 ? 'forensic-pathologist' : 'advocate';
    const lat = (county.hq.lat + ((i % 7) - 3) * 0.01).toFixed(4);
    const lon = (county.hq.lon + ((i % 5) - 2) * 0.01).toFixed(4);
    const phone = `+2547${String(10_000_000 + i).slice(-8)}`;
    rows.push([id, role, county.hqTown, county.name, lat, lon, 900, 3, 'en;sw', 'practising-certificate:2030-12-31', phone].join(','));
  }
  return `${rows.join('\n')}\n`;
}
