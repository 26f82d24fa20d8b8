export interface LatLon {
  lat: number;
  lon: number;
}

export interface County {
  /** Constitution of Kenya 2010, First Schedule: 1 Mombasa … 47 Nairobi City. */
  code: number;
  name: string;
  hqTown: string;
  hq: LatLon;
  /** Area-weighted polygon centroid (an estimate; lakeside counties are pulled toward the lake). */
  centroid: LatLon;
  population2019: number;
  areaKm2: number;
  urbanShare2019: number;
}
