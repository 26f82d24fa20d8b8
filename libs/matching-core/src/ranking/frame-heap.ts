/**
 * Pending kd subtrees for the best-first search, lowest bound first: a binary min-heap of (bound, frame)
 * over a pool of frames (left, right, axis, box, band) in typed arrays. Moving an entry moves two numbers;
 * one instance is reused by every query, so the search allocates nothing per subtree.
 */
export const FRAME = 8; // left, right, axis, minX, minY, maxX, maxY, band

export class FrameHeap {
  /** Frame fields; frame f starts at f × FRAME. */
  frames = new Float64Array(FRAME * 1024);
  private frameCount = 0;
  private bounds = new Float64Array(1024);
  private slots = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
    this.frameCount = 0;
  }

  /** The lowest bound pending; only meaningful while size > 0. */
  get minBound(): number {
    return this.bounds[0] as number;
  }

  push(
    bound: number,
    left: number,
    right: number,
    axis: number,
    minX: number,
    minY: number,
    maxX: number,
    maxY: number,
    band: number,
  ): void {
    const f = this.frameCount++;
    if ((f + 1) * FRAME > this.frames.length) this.frames = grow(this.frames);
    const o = f * FRAME;
    const frames = this.frames;
    frames[o] = left;
    frames[o + 1] = right;
    frames[o + 2] = axis;
    frames[o + 3] = minX;
    frames[o + 4] = minY;
    frames[o + 5] = maxX;
    frames[o + 6] = maxY;
    frames[o + 7] = band;
    if (this.size === this.bounds.length) [this.bounds, this.slots] = [grow(this.bounds), grow(this.slots)];
    let at = this.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if ((this.bounds[parent] as number) <= bound) break;
      this.bounds[at] = this.bounds[parent] as number;
      this.slots[at] = this.slots[parent] as number;
      at = parent;
    }
    this.bounds[at] = bound;
    this.slots[at] = f;
  }

  /** Removes the lowest-bound entry (size > 0) and returns the offset of its frame in `frames`. */
  pop(): number {
    const top = (this.slots[0] as number) * FRAME;
    const size = --this.size;
    const bound = this.bounds[size] as number;
    const slot = this.slots[size] as number;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && (this.bounds[child + 1] as number) < (this.bounds[child] as number)) child++;
      if ((this.bounds[child] as number) >= bound) break;
      this.bounds[at] = this.bounds[child] as number;
      this.slots[at] = this.slots[child] as number;
      at = child;
    }
    this.bounds[at] = bound;
    this.slots[at] = slot;
    return top;
  }
}

function grow<T extends Float64Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (n: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}
