import fc from 'fast-check';
import { FrameHeap } from './frame-heap';

describe('the pending-subtree heap', () => {
  it('property: pops frames lowest bound first, each frame intact, across growth and reuse', () => {
    const heap = new FrameHeap();
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 3000 }), (bounds) => {
        heap.clear();
        bounds.forEach((bound, i) => heap.push(bound, i, i + 1, i % 2, -i, -i, i, i, i % 7));
        const popped: number[] = [];
        while (heap.size > 0) {
          const bound = heap.minBound;
          const o = heap.pop();
          const i = heap.frames[o] as number;
          expect(bounds[i]).toBe(bound);
          expect([...heap.frames.subarray(o, o + 8)]).toEqual([i, i + 1, i % 2, -i, -i, i, i, i % 7]);
          popped.push(bound);
        }
        expect(popped).toEqual([...bounds].sort((a, b) => a - b));
      }),
      { numRuns: 50 },
    );
  });
});
