import { findCounty } from '@haki/geography';
import { CASE_STATUSES, type CaseStatus } from './case-summary';

export const NO_COUNTY = '(no county)';

/** One bucket of the counts, which also knows whether the query lists the rows in it. */
export interface Tally {
  count: number;
  wanted: boolean;
}

// The list counts every row that passes the other filters, so these are looked up once per row: one
// map lookup gives both the counter and the status/county filter's answer.

/** Counts per status, every status present (zero included). */
export class StatusTallies {
  private readonly tallies: ReadonlyMap<string, Tally>;

  constructor(wanted: readonly CaseStatus[]) {
    this.tallies = new Map(CASE_STATUSES.map((status) => [status, { count: 0, wanted: wanted.includes(status) }]));
  }

  /** Undefined for a status this code no longer knows: such a row is listed and counted nowhere. */
  of(status: string): Tally | undefined {
    return this.tallies.get(status);
  }

  counts(): Record<CaseStatus, number> {
    return Object.fromEntries(CASE_STATUSES.map((status) => [status, this.tallies.get(status)!.count])) as Record<CaseStatus, number>;
  }
}

/**
 * Counts per county under its canonical name, so rows spelled differently count and filter together.
 * Each spelling is resolved once per list (a few dozen), not once per row.
 */
export class CountyTallies {
  private readonly byName = new Map<string, Tally>();
  private readonly bySpelling = new Map<string | undefined, Tally>();

  /** `wanted`: canonical names the query lists; undefined lists every county and none. */
  constructor(private readonly wanted: readonly string[] | undefined) {}

  of(county: string | undefined): Tally {
    let tally = this.bySpelling.get(county);
    if (tally === undefined) {
      const name = county === undefined ? NO_COUNTY : (findCounty(county)?.name ?? county);
      tally = this.byName.get(name);
      if (tally === undefined) {
        tally = { count: 0, wanted: this.wanted === undefined || (county !== undefined && this.wanted.includes(name)) };
        this.byName.set(name, tally);
      }
      this.bySpelling.set(county, tally);
    }
    return tally;
  }

  /** Counties with at least one row; an absent county counts zero. */
  counts(): Record<string, number> {
    return Object.fromEntries([...this.byName].filter(([, tally]) => tally.count > 0).map(([name, tally]) => [name, tally.count]));
  }
}
