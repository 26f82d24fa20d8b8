/**
 * Runs work one at a time per key, in arrival order, and different keys in parallel. The consumer
 * handles several topic-partitions at once; an aggregate's events on two topics must still not be
 * applied concurrently, or two writers would meet on its document.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
