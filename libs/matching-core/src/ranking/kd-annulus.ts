import type KDBush from 'kdbush';

// kdbush answers "everything within r"; the ring-by-ring search needs "within (inner, outer]" without
// walking the inner disc again. This walks kdbush's own kd-sorted arrays (its public ids, coords and
// nodeSize fields) exactly like its withinInto, but carries each node's bounding box so that subtrees
// lying wholly inside the inner disc are skipped. x distances are scaled by `xScale` (cos of the site
// latitude) to match the ranking's distance; the caller re-checks every hit with that exact distance.
const SLACK_KM = 1e-6;
const FRAME = 7; // left, right, axis, minX, minY, maxX, maxY
let stack = new Float64Array(FRAME * 128);

export function annulusInto(tree: KDBush, qx: number, qy: number, xScale: number, inner: number, outer: number, out: Uint32Array): number {
  const { ids, coords, nodeSize } = tree;
  const innerSq = inner > SLACK_KM ? (inner - SLACK_KM) ** 2 : -1;
  const outerSq = outer === Infinity ? Infinity : (outer + SLACK_KM) ** 2;
  const reachX = (outer + SLACK_KM) / xScale;
  const reachY = outer + SLACK_KM;
  let count = 0;
  let sp = 0;
  const push = (left: number, right: number, axis: number, minX: number, minY: number, maxX: number, maxY: number) => {
    if (sp + FRAME > stack.length) {
      const bigger = new Float64Array(stack.length * 2);
      bigger.set(stack);
      stack = bigger;
    }
    stack[sp] = left;
    stack[sp + 1] = right;
    stack[sp + 2] = axis;
    stack[sp + 3] = minX;
    stack[sp + 4] = minY;
    stack[sp + 5] = maxX;
    stack[sp + 6] = maxY;
    sp += FRAME;
  };
  push(0, ids.length - 1, 0, -Infinity, -Infinity, Infinity, Infinity);
  while (sp > 0) {
    sp -= FRAME;
    const left = stack[sp] as number,
      right = stack[sp + 1] as number,
      axis = stack[sp + 2] as number;
    const minX = stack[sp + 3] as number,
      minY = stack[sp + 4] as number,
      maxX = stack[sp + 5] as number,
      maxY = stack[sp + 6] as number;
    // The whole box is inside the inner disc: everything in it was handled by an earlier ring.
    const farX = Math.max(qx - minX, maxX - qx) * xScale;
    const farY = Math.max(qy - minY, maxY - qy);
    if (farX * farX + farY * farY <= innerSq) continue;
    if (right - left <= nodeSize) {
      for (let i = left; i <= right; i++) {
        const dx = ((coords[2 * i] as number) - qx) * xScale;
        const dy = (coords[2 * i + 1] as number) - qy;
        const d = dx * dx + dy * dy;
        if (d <= outerSq && d > innerSq) out[count++] = ids[i] as number;
      }
      continue;
    }
    const m = (left + right) >> 1;
    const x = coords[2 * m] as number;
    const y = coords[2 * m + 1] as number;
    const dx = (x - qx) * xScale;
    const d = dx * dx + (y - qy) * (y - qy);
    if (d <= outerSq && d > innerSq) out[count++] = ids[m] as number;
    if (axis === 0 ? qx - reachX <= x : qy - reachY <= y)
      push(left, m - 1, 1 - axis, minX, minY, axis === 0 ? x : maxX, axis === 1 ? y : maxY);
    if (axis === 0 ? qx + reachX >= x : qy + reachY >= y)
      push(m + 1, right, 1 - axis, axis === 0 ? x : minX, axis === 1 ? y : minY, maxX, maxY);
  }
  return count;
}
