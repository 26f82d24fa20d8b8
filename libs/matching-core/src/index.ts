// Public API of @haki/matching-core: pure ranking, travel model and offer/escalation policy. No I/O;
// callers pass the clock (`now`) and, in tests and simulations, their own seeded randomness.
export * from './travel/travel-model';
export * from './travel/road-network';
export { KENYA_ROAD_NODES, KENYA_ROAD_SEGMENTS } from './travel/kenya-roads.data';
export { KENYA_ROADS } from './travel/kenya-roads';
export * from './roster/types';
export { KENYA_BOUNDS, MAX_ROSTER_COUNT } from './validation/limits';
export { toMs, minuteOfWeek, nairobiDayNumber, type Instant } from './roster/nairobi-time';
export { CompiledRoster, compileRoster, type CompileOptions } from './roster/compiled-roster';
export * from './ranking/referral';
export * from './ranking/weights';
export { FACTORS, EXCLUSIONS, type FactorName, type ExclusionReason } from './ranking/evaluate';
export type { Factor } from './ranking/explain';
export * from './ranking/rank';
export * from './policy/policy-table';
export * from './policy/offer-machine';
export * from './policy/triage';
export * from './matching-core-error';
