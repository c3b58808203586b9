import { Observable, ObservableInput, ReplaySubject, from } from 'rxjs';

/** Loads items by key, many keys asked for in the same tick becoming one batch call. */
export interface Batcher<K, V> {
  /** The item for `key`, or `undefined` when the batch answer does not contain it. */
  load(key: K): Observable<V | undefined>;
}

/**
 * Collects the keys asked for synchronously (in one turn of the event loop's microtasks) and fetches them
 * with one call — e.g. every product id the parts of a dashboard need, through `GET /products?ids=`.
 * Each key is fetched at most once per batcher; make one per aggregation, like the memo.
 *
 * @param fetch the batch call, given distinct keys
 * @param keyOf the key of an item of the answer
 */
export function createBatcher<K, V>(
  fetch: (keys: K[]) => ObservableInput<V[]>,
  keyOf: (item: V) => K,
): Batcher<K, V> {
  const loaded = new Map<K, ReplaySubject<V | undefined>>();
  let queued: K[] = [];

  const flush = () => {
    const keys = queued;
    queued = [];
    from(fetch(keys)).subscribe({
      next: (items) => {
        const byKey = new Map(items.map((item) => [keyOf(item), item] as const));
        for (const key of keys) {
          const subject = loaded.get(key);
          subject?.next(byKey.get(key));
          subject?.complete();
        }
      },
      error: (error: unknown) => {
        for (const key of keys) loaded.get(key)?.error(error);
      },
      complete: () => {
        for (const key of keys) loaded.get(key)?.complete();
      },
    });
  };

  return {
    load(key: K): Observable<V | undefined> {
      let subject = loaded.get(key);
      if (!subject) {
        subject = new ReplaySubject<V | undefined>(1);
        loaded.set(key, subject);
        if (queued.length === 0) queueMicrotask(flush);
        queued.push(key);
      }
      return subject.asObservable();
    },
  };
}
