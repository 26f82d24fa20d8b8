import { URGENCIES } from '@haki/vocabulary';
import type { CaseSummary } from './case-summary';
import { timesOf } from './row-times';

/**
 * The orders the case list offers. `dueAt`: the nearest open SLA clock first (an overdue one is
 * nearest of all), cases with no open clock last; `urgency`: most urgent first, then oldest.
 */
export const CASE_SORTS = ['dueAt', 'receivedAt', '-receivedAt', 'urgency', 'updatedAt', '-updatedAt'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/**
 * A row's place in an order. Every order compares (primary, secondary) ascending, then caseId, so
 * positions are totally ordered and a cursor can name one with three values: descending sorts negate
 * the instant, and anything that belongs at the end (no open clock, no known urgency, an unreadable
 * instant) gets a number above every instant (finite, so a cursor's JSON can carry it).
 */
export interface CasePosition {
  primary: number;
  secondary: number;
  caseId: string;
}

const LAST = Number.MAX_SAFE_INTEGER;
const URGENCY_RANK: ReadonlyMap<string, number> = new Map(URGENCIES.map((urgency, rank) => [urgency, rank]));

const oldestFirst = (ms: number) => (Number.isFinite(ms) ? ms : LAST);
const newestFirst = (ms: number) => (Number.isFinite(ms) ? -ms : LAST);

export function positionOf(sort: CaseSort, row: CaseSummary): CasePosition {
  const times = timesOf(row);
  const caseId = row.caseId;
  switch (sort) {
    case 'dueAt':
      return { primary: oldestFirst(times.nearestOpenDueMs), secondary: oldestFirst(times.receivedMs), caseId };
    case 'urgency':
      return { primary: URGENCY_RANK.get(row.urgency ?? '') ?? URGENCIES.length, secondary: oldestFirst(times.receivedMs), caseId };
    case 'receivedAt':
      return { primary: oldestFirst(times.receivedMs), secondary: 0, caseId };
    case '-receivedAt':
      return { primary: newestFirst(times.receivedMs), secondary: 0, caseId };
    case 'updatedAt':
      return { primary: oldestFirst(times.updatedMs), secondary: 0, caseId };
    case '-updatedAt':
      return { primary: newestFirst(times.updatedMs), secondary: 0, caseId };
  }
}

/** Negative when `a` comes first. Case ids compare by code unit, not locale: the order must not depend on the host. */
export function comparePositions(a: CasePosition, b: CasePosition): number {
  return a.primary - b.primary || a.secondary - b.secondary || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);
}

interface Entry<T> {
  position: CasePosition;
  value: T;
}

/**
 * Keeps the first `size` of the values offered, without sorting everything offered: a heap with the
 * last kept on top, so a page of 50 out of 7,000 closed cases costs a comparison with the top for most
 * rows and a few for the rest, whatever order the rows arrive in (the store yields them oldest first,
 * the worst order for a newest-first page kept by sorted insertion).
 */
export class FirstInOrder<T> {
  private readonly heap: Entry<T>[] = [];

  constructor(private readonly size: number) {}

  offer(position: CasePosition, value: T): void {
    const heap = this.heap;
    if (heap.length < this.size) {
      heap.push({ position, value });
      this.siftUp(heap.length - 1);
    } else if (heap.length > 0 && comparePositions(position, heap[0]!.position) < 0) {
      heap[0] = { position, value };
      this.siftDown(0);
    }
  }

  /** The kept values in order, each with its position (the last one's makes the next cursor). */
  entries(): Entry<T>[] {
    return [...this.heap].sort((a, b) => comparePositions(a.position, b.position));
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    for (let i = index; i > 0;) {
      const parent = (i - 1) >> 1;
      if (comparePositions(heap[i]!.position, heap[parent]!.position) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (let i = index; ;) {
      const left = 2 * i + 1;
      let later = i;
      if (left < heap.length && comparePositions(heap[left]!.position, heap[later]!.position) > 0) later = left;
      if (left + 1 < heap.length && comparePositions(heap[left + 1]!.position, heap[later]!.position) > 0) later = left + 1;
      if (later === i) return;
      [heap[i], heap[later]] = [heap[later]!, heap[i]!];
      i = later;
    }
  }
}
