// County classes for the report, defined in one place.
//
// matching-core's area classes (nairobi / town / rural / remote) describe a POINT for the travel model;
// the report needs a class per COUNTY. Mapping:
// - 'nairobi'      Nairobi City County (code 47).
// - 'other-urban'  counties with a 2019 urban share ≥ 38 % (KNBS) that are not in matching-core's sparse
//                  'remote' band (< 40 people/km²): Mombasa, Kiambu, Uasin Gishu (Eldoret), Nakuru,
//                  Kajiado (Nairobi's southern commuter belt) and Kisumu. Isiolo (47 % urban) is excluded:
//                  its town is small and the county is one of matching-core's remote counties.
// - 'rural'        the other 40 counties, including matching-core's ten 'remote' counties.
import { COUNTIES, type County } from '@haki/geography';

export const COUNTY_CLASSES = ['nairobi', 'other-urban', 'rural'] as const;
export type CountyClass = (typeof COUNTY_CLASSES)[number];

export const NAIROBI_CODE = 47;
/** Urban share (KNBS 2019) from which a county counts as urban. */
export const URBAN_SHARE_THRESHOLD = 0.38;
/** Same density band as matching-core's 'remote' area class (its constant is not exported). */
export const REMOTE_DENSITY_PER_KM2 = 40;

export const isRemoteCounty = (c: County): boolean => c.population2019 / c.areaKm2 < REMOTE_DENSITY_PER_KM2;

export function countyClassOf(c: County): CountyClass {
  if (c.code === NAIROBI_CODE) return 'nairobi';
  if (c.urbanShare2019 >= URBAN_SHARE_THRESHOLD && !isRemoteCounty(c)) return 'other-urban';
  return 'rural';
}

const byCode = new Map(COUNTIES.map((c) => [c.code, c]));

export function countyByCode(code: number): County {
  const c = byCode.get(code);
  if (!c) throw new Error(`SIMULATOR.UNKNOWN_COUNTY: ${code}`);
  return c;
}

export const COUNTY_CLASS_LABEL: Record<CountyClass, string> = { nairobi: 'Nairobi', 'other-urban': 'Other urban', rural: 'Rural' };
