import { Observable, ObservableInput, Subscription, from } from 'rxjs';
import { AggregateTimeoutError, MissingDependencyError, NoValueError } from './aggregate-errors';

/** What a part's call is given besides its inputs. */
export interface PartContext {
  /** Milliseconds left before this part's deadline (its own timeout within the aggregation's): pass it on. */
  remainingMs(): number;
}

/**
 * One part of a response.
 * @typeParam D the whole response's data (one key per part)
 * @typeParam T this part's value
 */
export interface Part<D, T> {
  /**
   * Fetches the part. `inputs` holds the values of the parts named in `dependsOn` (all present: a part
   * whose input is missing is not called). The first value of an Observable is the part's value.
   */
  call: (inputs: Readonly<D>, context: PartContext) => ObservableInput<T>;
  /** A required part that fails fails the whole aggregation with its error. Default: optional. */
  required?: boolean;
  /** This part's own deadline, from when it starts; always within the aggregation's. */
  timeoutMs?: number;
  /** Value (or factory of it) an optional part takes when it fails; without one it becomes `null`. */
  fallback?: T | ((error: unknown) => T);
  /** Parts whose values this one needs; it starts as soon as they have all arrived. */
  dependsOn?: ReadonlyArray<keyof D & string>;
}

/** The parts of a response, one per key of its data. */
export type Parts<D> = { [K in keyof D]: Part<D, D[K]> };

export interface AggregateOptions {
  /** Overall deadline (ms): optional parts still pending become missing, a pending required part fails it. */
  deadlineMs: number;
  /** Told about every part that failed, timed out or was skipped (for logs and metrics). */
  onPartFailure?: (part: string, error: unknown) => void;
}

export interface AggregateMeta<D> {
  /** True when some part is missing. */
  partial: boolean;
  /** Parts that failed, timed out or were skipped, in declaration order (their value is null or the fallback). */
  missing: Array<keyof D & string>;
}

export interface AggregateResult<D> {
  data: { [K in keyof D]: D[K] | null };
  meta: AggregateMeta<D>;
}

type State = 'waiting' | 'running' | 'done' | 'missing';

/**
 * Runs the parts of a response in parallel under one deadline and emits once, when every part has an
 * answer or is given up: `{ data, meta: { partial, missing } }`. Parts without dependencies start at once,
 * each dependent part as soon as its inputs have arrived. An optional part that fails or times out is
 * `null` (or its fallback) and listed as missing; a required one fails the whole with its own error
 * (an upstream's mapped status survives), or with an {@link AggregateTimeoutError} (504) when it runs out
 * of time. Unsubscribing, failing or finishing cancels whatever is still running.
 */
export function aggregate<D>(parts: Parts<D>, options: AggregateOptions): Observable<AggregateResult<D>> {
  const names = Object.keys(parts) as Array<keyof D & string>;
  const specs = parts as Record<string, Part<D, unknown>>;
  const problem = validate(names, specs);
  return new Observable<AggregateResult<D>>((subscriber) => {
    if (problem) {
      subscriber.error(problem);
      return;
    }
    const state: Record<string, State> = {};
    const values: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    const running = new Map<string, Subscription>();
    const timers: ReturnType<typeof setTimeout>[] = [];
    const deadline = Date.now() + options.deadlineMs;
    let open = names.length;
    let over = false;

    const teardown = () => {
      over = true;
      for (const timer of timers) clearTimeout(timer);
      for (const subscription of running.values()) subscription.unsubscribe();
      running.clear();
    };

    const fail = (error: unknown) => {
      if (over) return;
      teardown();
      subscriber.error(error);
    };

    const finishIfDone = () => {
      if (open > 0 || over) return;
      teardown();
      const missing = names.filter((name) => state[name] === 'missing');
      subscriber.next({
        data: values as AggregateResult<D>['data'],
        meta: { partial: missing.length > 0, missing },
      });
      subscriber.complete();
    };

    const succeed = (name: string, value: unknown) => {
      if (over || state[name] !== 'running') return;
      running.get(name)?.unsubscribe();
      running.delete(name);
      state[name] = 'done';
      values[name] = value;
      open--;
      startReady();
      finishIfDone();
    };

    const giveUp = (name: string, error: unknown) => {
      if (over || (state[name] !== 'running' && state[name] !== 'waiting')) return;
      running.get(name)?.unsubscribe();
      running.delete(name);
      options.onPartFailure?.(name, error);
      const spec = specs[name];
      if (spec.required) return fail(error);
      state[name] = 'missing';
      errors[name] = error;
      values[name] = fallbackOf(spec, error);
      open--;
      startReady();
      finishIfDone();
    };

    const start = (name: string) => {
      const spec = specs[name];
      state[name] = 'running';
      const partDeadline =
        spec.timeoutMs !== undefined ? Math.min(deadline, Date.now() + spec.timeoutMs) : deadline;
      if (partDeadline < deadline) {
        timers.push(
          setTimeout(
            () => giveUp(name, new AggregateTimeoutError([name], 'part')),
            partDeadline - Date.now(),
          ),
        );
      }
      let input: ObservableInput<unknown>;
      try {
        input = spec.call(values as D, { remainingMs: () => Math.max(0, partDeadline - Date.now()) });
      } catch (error) {
        giveUp(name, error);
        return;
      }
      let answered = false;
      const subscription = from(input).subscribe({
        next: (value) => {
          answered = true;
          succeed(name, value);
        },
        error: (error: unknown) => giveUp(name, error),
        complete: () => {
          if (!answered) giveUp(name, new NoValueError(name));
        },
      });
      if (state[name] === 'running' && !over) running.set(name, subscription);
      else subscription.unsubscribe();
    };

    /** Starts every waiting part whose inputs are all there; skips those with a missing input. */
    const startReady = () => {
      for (const name of names) {
        if (over) return;
        if (state[name] !== 'waiting') continue;
        const deps = specs[name].dependsOn ?? [];
        const lost = deps.find((dep) => state[dep] === 'missing');
        if (lost) {
          const error = specs[name].required
            ? (errors[lost] ?? new MissingDependencyError(name, lost))
            : new MissingDependencyError(name, lost);
          giveUp(name, error);
          continue;
        }
        if (deps.every((dep) => state[dep] === 'done')) start(name);
      }
    };

    timers.push(
      setTimeout(() => {
        const pendingRequired = names.filter(
          (name) => specs[name].required && (state[name] === 'running' || state[name] === 'waiting'),
        );
        if (pendingRequired.length > 0) return fail(new AggregateTimeoutError(pendingRequired, 'deadline'));
        for (const name of names) {
          if (state[name] === 'running' || state[name] === 'waiting')
            giveUp(name, new AggregateTimeoutError([name], 'deadline'));
        }
      }, options.deadlineMs),
    );

    for (const name of names) state[name] = 'waiting';
    startReady();
    finishIfDone();
    return teardown;
  });
}

function fallbackOf<D>(spec: Part<D, unknown>, error: unknown): unknown {
  if (spec.fallback === undefined) return null;
  return typeof spec.fallback === 'function'
    ? (spec.fallback as (error: unknown) => unknown)(error)
    : spec.fallback;
}

/** Unknown dependencies and cycles are programming errors: reported before anything is called. */
function validate<D>(names: string[], specs: Record<string, Part<D, unknown>>): Error | undefined {
  for (const name of names) {
    for (const dep of specs[name].dependsOn ?? []) {
      if (!(dep in specs)) return new Error(`Part ${name} depends on unknown part ${dep}`);
    }
  }
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (name: string): string | undefined => {
    if (done.has(name)) return undefined;
    if (visiting.has(name)) return name;
    visiting.add(name);
    for (const dep of specs[name].dependsOn ?? []) {
      const cycle = visit(dep);
      if (cycle) return cycle;
    }
    visiting.delete(name);
    done.add(name);
    return undefined;
  };
  for (const name of names) {
    const cycle = visit(name);
    if (cycle) return new Error(`Parts form a dependency cycle through ${cycle}`);
  }
  return undefined;
}
