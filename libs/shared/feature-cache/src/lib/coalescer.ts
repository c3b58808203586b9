/** What `Coalescer.run` gives back: the value, and whether it came from another caller's call. */
export interface Coalesced<T> {
  value: T;
  collapsed: boolean;
}

/**
 * Request coalescing: while a call for a key is in flight, later callers for that key wait for it instead
 * of calling too. A waiting caller takes the leader's value only if its own `accept` says so (a response
 * may be fit for one caller and not another); otherwise, or if the leader's call failed, it makes its
 * own call, so no caller is ever given what was not meant for it.
 */
export class Coalescer {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  /** The number of keys with a call in flight. */
  get size(): number {
    return this.inFlight.size;
  }

  async run<T>(key: string, call: () => Promise<T>, accept: (value: T) => boolean): Promise<Coalesced<T>> {
    const leader = this.inFlight.get(key) as Promise<T> | undefined;
    if (leader) {
      const shared = await leader.then(
        (value) => ({ ok: accept(value), value }),
        () => ({ ok: false, value: undefined }),
      );
      if (shared.ok) return { value: shared.value as T, collapsed: true };
      return { value: await call(), collapsed: false };
    }
    const promise = call();
    this.inFlight.set(key, promise);
    try {
      return { value: await promise, collapsed: false };
    } finally {
      this.inFlight.delete(key);
    }
  }
}
