/** A named town or village: its county (constitutional code) and coordinates. */
export interface PlaceRecord {
  name: string;
  county: number;
  lat: number;
  lon: number;
}
