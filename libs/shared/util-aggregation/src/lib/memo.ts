import { Observable, ObservableInput, defer, from, shareReplay } from 'rxjs';

/** Makes identical calls once: the first `once(key, call)` calls, later ones share its answer (or error). */
export interface Memo {
  once<T>(key: string, call: () => ObservableInput<T>): Observable<T>;
}

/**
 * A memo for one aggregation (never shared across requests: answers may be personal). The call starts
 * on first subscription and its last value is replayed to every later subscriber, so the dashboard's
 * product look-up and the recommendations' product look-up are one upstream call.
 */
export function createMemo(): Memo {
  const calls = new Map<string, Observable<unknown>>();
  return {
    once<T>(key: string, call: () => ObservableInput<T>): Observable<T> {
      let shared = calls.get(key) as Observable<T> | undefined;
      if (!shared) {
        shared = defer(() => from(call())).pipe(shareReplay({ bufferSize: 1, refCount: false }));
        calls.set(key, shared);
      }
      return shared;
    },
  };
}
