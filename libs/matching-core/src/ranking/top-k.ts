/** Bounded best-k buffer ordered by (score, id): top-k selection without sorting the roster. */
export class TopK {
  readonly index: Int32Array;
  readonly score: Float64Array;
  size = 0;
  constructor(
    readonly k: number,
    private readonly idRank: Int32Array,
  ) {
    this.index = new Int32Array(k);
    this.score = new Float64Array(k);
  }
  /** The score a newcomer must not exceed to get in (ties go by id): Infinity until the buffer is full. */
  get worst(): number {
    return this.size < this.k ? Infinity : (this.score[this.k - 1] as number);
  }
  private before(s: number, i: number, at: number): boolean {
    const t = this.score[at] as number;
    return s < t || (s === t && (this.idRank[i] as number) < (this.idRank[this.index[at] as number] as number));
  }
  offer(i: number, s: number): void {
    if (this.k === 0 || (this.size === this.k && !this.before(s, i, this.k - 1))) return;
    let at = this.size < this.k ? this.size++ : this.k - 1;
    while (at > 0 && this.before(s, i, at - 1)) {
      this.index[at] = this.index[at - 1] as number;
      this.score[at] = this.score[at - 1] as number;
      at--;
    }
    this.index[at] = i;
    this.score[at] = s;
  }
}
