import KDBush from 'kdbush';

/**
 * One kd-tree over a role's members, with per-subtree summaries so a search can bound the best score
 * anywhere in a subtree before reading it (ranking/best-first.ts).
 *
 * The tree is kdbush's: items sorted in kd order, a node is a range [left, right] of that order split at
 * its median m = (left + right) >> 1 until a range has at most `nodeSize` items (a leaf). A node is named
 * by its median, a leaf by its first item: a leaf's items are never a median, so the names are unique
 * and every summary is one slot of an array as long as the member list.
 */
export interface RoleIndex {
  tree: KDBush;
  /** kd item → roster index. */
  members: Int32Array;
  /** Per node: 1 when some member of the subtree can start remotely (their travel cost grows slowly). */
  anyRemote: Uint8Array;
  /** Per node: the longest declared travel distance in the subtree, and every county someone there serves. */
  maxTravelKm: Float64Array;
  servesLow: Int32Array;
  servesHigh: Int32Array;
  /**
   * Static facts per kd item, and per node their union (skills, languages: bit = dictionary code, first
   * 31 codes) or latest value (credential expiry day per kind): the search skips a member, or a whole
   * subtree, that cannot hold the role's skills and credentials, and adds the language penalty early.
   */
  itemSkills: Int32Array;
  itemLanguages: Int32Array;
  /** [item × credential kind] last valid day, -1 when not held. */
  itemCredentialExpiry: Int32Array;
  nodeSkills: Int32Array;
  nodeLanguages: Int32Array;
  nodeCredentialExpiry: Int32Array;
  credentialKinds: number;
  /** Per weights: fixed penalties per item and per subtree (ranking/best-first.ts), kept current by refreshItem. */
  penalties: Map<string, CachedPenalties>;
}

export interface CachedPenalties {
  items: Float64Array;
  floors: Float64Array;
  /** Recomputes one item's penalty (from the roster's current load). */
  penaltyOf: (item: number) => number;
}

export const isLeaf = (tree: KDBush, left: number, right: number): boolean => right - left <= tree.nodeSize;
export const nodeName = (tree: KDBush, left: number, right: number): number => (isLeaf(tree, left, right) ? left : (left + right) >> 1);

/** Per node, `combine` folded over `valueOf(kd item)` for the whole subtree (post-order over kdbush's implicit tree). */
export function subtreeFold(tree: KDBush, valueOf: (item: number) => number, combine: (a: number, b: number) => number): Float64Array {
  const out = new Float64Array(tree.ids.length);
  const visit = (left: number, right: number): number => {
    let acc: number;
    if (isLeaf(tree, left, right)) {
      acc = valueOf(left);
      for (let item = left + 1; item <= right; item++) acc = combine(acc, valueOf(item));
    } else {
      const m = (left + right) >> 1;
      acc = valueOf(m);
      if (left <= m - 1) acc = combine(acc, visit(left, m - 1));
      if (m + 1 <= right) acc = combine(acc, visit(m + 1, right));
    }
    out[nodeName(tree, left, right)] = acc;
    return acc;
  };
  visit(0, tree.ids.length - 1); // depth is log2(n / nodeSize): no stack concern
  return out;
}

/**
 * One member's load changed: recompute their penalty in every cached entry, and the minima of the
 * subtrees on the path to them, bottom up (O(log n) per entry instead of rebuilding the floors).
 */
export function refreshItem(index: RoleIndex, item: number): void {
  const { tree } = index;
  const path: [number, number][] = [];
  let [left, right] = [0, tree.ids.length - 1];
  for (;;) {
    path.push([left, right]);
    if (isLeaf(tree, left, right)) break;
    const m = (left + right) >> 1;
    if (item === m) break;
    [left, right] = item < m ? [left, m - 1] : [m + 1, right];
  }
  for (const entry of index.penalties.values()) {
    entry.items[item] = entry.penaltyOf(item);
    for (let p = path.length - 1; p >= 0; p--) {
      const [l, r] = path[p]!;
      let min = Infinity;
      if (isLeaf(tree, l, r)) {
        for (let i = l; i <= r; i++) min = Math.min(min, entry.items[i]!);
      } else {
        const m = (l + r) >> 1;
        min = entry.items[m]!;
        if (l <= m - 1) min = Math.min(min, entry.floors[nodeName(tree, l, m - 1)]!);
        if (m + 1 <= r) min = Math.min(min, entry.floors[nodeName(tree, m + 1, r)]!);
      }
      entry.floors[nodeName(tree, l, r)] = min;
    }
  }
}

export const subtreeMinimum = (tree: KDBush, valueOf: (item: number) => number): Float64Array => subtreeFold(tree, valueOf, Math.min);

/** What a role's index needs of each member. */
export interface MemberFacts {
  x: Float64Array;
  y: Float64Array;
  remoteCapable: Uint8Array;
  maxTravelKm: Float64Array;
  countiesLow: Int32Array;
  countiesHigh: Int32Array;
  skillMask: Int32Array;
  languageMask: Int32Array;
  /** [professional × credential kind]. */
  credentialExpiry: Int32Array;
  credentialKinds: number;
}

/** Builds the index over `members` (roster indices, at least one) at their km-grid coordinates. */
export function buildRoleIndex(members: number[], facts: MemberFacts, nodeSize: number): RoleIndex {
  const tree = new KDBush(members.length, nodeSize);
  for (const i of members) tree.add(facts.x[i] as number, facts.y[i] as number);
  tree.finish();
  const kd = Int32Array.from(tree.ids, (id) => members[id] as number);
  const of = (column: ArrayLike<number>) => (item: number) => column[kd[item] as number] as number;
  const or = (a: number, b: number) => a | b;
  const kinds = facts.credentialKinds;
  const itemCredentialExpiry = new Int32Array(kd.length * kinds);
  kd.forEach((i, item) => itemCredentialExpiry.set(facts.credentialExpiry.subarray(i * kinds, (i + 1) * kinds), item * kinds));
  const nodeCredentialExpiry = new Int32Array(kd.length * kinds);
  for (let kind = 0; kind < kinds; kind++) {
    const latest = subtreeFold(tree, (item) => itemCredentialExpiry[item * kinds + kind] as number, Math.max);
    latest.forEach((day, node) => (nodeCredentialExpiry[node * kinds + kind] = day));
  }
  return {
    tree,
    members: kd,
    anyRemote: Uint8Array.from(subtreeFold(tree, of(facts.remoteCapable), Math.max)),
    maxTravelKm: subtreeFold(tree, of(facts.maxTravelKm), Math.max),
    servesLow: Int32Array.from(subtreeFold(tree, of(facts.countiesLow), or)),
    servesHigh: Int32Array.from(subtreeFold(tree, of(facts.countiesHigh), or)),
    itemSkills: Int32Array.from(kd, (i) => facts.skillMask[i] as number),
    itemLanguages: Int32Array.from(kd, (i) => facts.languageMask[i] as number),
    itemCredentialExpiry,
    nodeSkills: Int32Array.from(subtreeFold(tree, of(facts.skillMask), or)),
    nodeLanguages: Int32Array.from(subtreeFold(tree, of(facts.languageMask), or)),
    nodeCredentialExpiry,
    credentialKinds: kinds,
    penalties: new Map(),
  };
}
