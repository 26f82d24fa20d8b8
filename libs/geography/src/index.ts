// Public API of @haki/geography: Kenya's 47 counties (HQ towns, centroids, 2019 census) and the
// approximate geography Haki needs: county lookup by name or point, area class, place labels,
// great-circle distance. Pure and in memory: FerretDB has no geo queries, and this is faster anyway.
export * from './geography';
export * from './geography-error';
export * from './places';
export type { PlaceRecord } from './place';
