import { Observable, finalize, firstValueFrom, map, of, throwError, timer } from 'rxjs';
import { aggregate } from './aggregate';
import { AggregateTimeoutError, MissingDependencyError } from './aggregate-errors';

const after = <T>(ms: number, value: T): Observable<T> => timer(ms).pipe(map(() => value));
const elapsedSince = (start: number) => Date.now() - start;

describe(aggregate.name, () => {
  it('runs independent parts in parallel', async () => {
    const start = Date.now();

    const sut = await firstValueFrom(
      aggregate<{ a: number; b: number; c: number }>(
        { a: { call: () => after(50, 1) }, b: { call: () => after(50, 2) }, c: { call: () => after(50, 3) } },
        { deadlineMs: 1_000 },
      ),
    );

    expect(sut).toEqual({ data: { a: 1, b: 2, c: 3 }, meta: { partial: false, missing: [] } });
    expect(elapsedSince(start)).toBeLessThan(145); // one after another takes 150 ms or more
  });

  it('starts a dependent part as soon as its input arrives, not after everything', async () => {
    const start = Date.now();
    let dependentStartedAt = -1;
    let dependentInput: unknown;

    await firstValueFrom(
      aggregate<{ user: { id: string }; slow: string; orders: string[] }>(
        {
          user: { call: () => after(20, { id: 'u1' }) },
          slow: { call: () => after(200, 'slow') },
          orders: {
            dependsOn: ['user'],
            call: ({ user }) => {
              dependentStartedAt = elapsedSince(start);
              dependentInput = user;
              return of(['o1']);
            },
          },
        },
        { deadlineMs: 1_000 },
      ),
    );

    expect(dependentInput).toEqual({ id: 'u1' });
    expect(dependentStartedAt).toBeGreaterThanOrEqual(15);
    expect(dependentStartedAt).toBeLessThan(150); // well before the slow part's 200 ms
  });

  it('turns an optional part that times out into null and lists it as missing', async () => {
    const start = Date.now();

    const sut = await firstValueFrom(
      aggregate<{ profile: string; recs: string[] }>(
        {
          profile: { required: true, call: () => after(10, 'p') },
          recs: { timeoutMs: 30, call: () => after(500, ['r']) },
        },
        { deadlineMs: 1_000 },
      ),
    );

    expect(sut).toEqual({ data: { profile: 'p', recs: null }, meta: { partial: true, missing: ['recs'] } });
    expect(elapsedSince(start)).toBeLessThan(300);
  });

  it('uses the fallback of an optional part that fails', async () => {
    const failures: string[] = [];

    const sut = await firstValueFrom(
      aggregate<{ profile: string; recs: string[] }>(
        {
          profile: { call: () => of('p') },
          recs: { fallback: [], call: () => throwError(() => new Error('down')) },
        },
        { deadlineMs: 1_000, onPartFailure: (part) => failures.push(part) },
      ),
    );

    expect(sut.data.recs).toEqual([]);
    expect(sut.meta).toEqual({ partial: true, missing: ['recs'] });
    expect(failures).toEqual(['recs']);
  });

  it('fails with the error of a required part, and cancels the others', async () => {
    const upstreamError = Object.assign(new Error('not found'), { status: 404 });
    let otherCancelled = false;

    const result = firstValueFrom(
      aggregate<{ product: string; reviews: string }>(
        {
          product: {
            required: true,
            call: () =>
              after(10, null).pipe(
                map(() => {
                  throw upstreamError;
                }),
              ),
          },
          reviews: { call: () => after(300, 'r').pipe(finalize(() => (otherCancelled = true))) },
        },
        { deadlineMs: 1_000 },
      ),
    );

    await expect(result).rejects.toBe(upstreamError);
    expect(otherCancelled).toBe(true);
  });

  it('fails with a 504 AggregateTimeoutError when a required part times out', async () => {
    const result = firstValueFrom(
      aggregate<{ product: string }>(
        { product: { required: true, timeoutMs: 20, call: () => after(500, 'p') } },
        { deadlineMs: 1_000 },
      ),
    );

    await expect(result).rejects.toMatchObject({
      name: 'AggregateTimeoutError',
      status: 504,
      parts: ['product'],
      scope: 'part',
    });
  });

  it('cuts every pending part at the overall deadline', async () => {
    const start = Date.now();

    const sut = await firstValueFrom(
      aggregate<{ a: string; b: string; c: string }>(
        {
          a: { call: () => of('a') },
          b: { timeoutMs: 5_000, call: () => after(1_000, 'b') },
          c: { dependsOn: ['b'], call: () => of('c') },
        },
        { deadlineMs: 50 },
      ),
    );

    expect(sut).toEqual({ data: { a: 'a', b: null, c: null }, meta: { partial: true, missing: ['b', 'c'] } });
    expect(elapsedSince(start)).toBeLessThan(500);
  });

  it('fails at the overall deadline when a required part is still pending', async () => {
    const result = firstValueFrom(
      aggregate<{ a: string; b: string }>(
        { a: { call: () => of('a') }, b: { required: true, call: () => after(1_000, 'b') } },
        { deadlineMs: 40 },
      ),
    );

    await expect(result).rejects.toEqual(expect.any(AggregateTimeoutError));
    await expect(result).rejects.toMatchObject({ scope: 'deadline', parts: ['b'] });
  });

  it('skips a part whose input is missing instead of calling it', async () => {
    let called = false;

    const sut = await firstValueFrom(
      aggregate<{ user: string; orders: string[] }>(
        {
          user: { call: () => throwError(() => new Error('down')) },
          orders: { dependsOn: ['user'], call: () => ((called = true), of([])) },
        },
        { deadlineMs: 1_000, onPartFailure: () => undefined },
      ),
    );

    expect(called).toBe(false);
    expect(sut.meta.missing).toEqual(['user', 'orders']);
  });

  it('fails a required part whose optional input is missing with that input`s error', async () => {
    const cause = new Error('users down');

    const result = firstValueFrom(
      aggregate<{ user: string; orders: string[] }>(
        {
          user: { call: () => throwError(() => cause) },
          orders: { required: true, dependsOn: ['user'], call: () => of([]) },
        },
        { deadlineMs: 1_000 },
      ),
    );

    await expect(result).rejects.toBe(cause);
  });

  it('accepts promises and tells each part how much time it has left', async () => {
    let remaining = -1;

    const sut = await firstValueFrom(
      aggregate<{ a: number }>(
        {
          a: {
            timeoutMs: 200,
            call: async (_in, { remainingMs }) => {
              remaining = remainingMs();
              return 7;
            },
          },
        },
        { deadlineMs: 1_000 },
      ),
    );

    expect(sut.data.a).toBe(7);
    expect(remaining).toBeGreaterThan(100);
    expect(remaining).toBeLessThanOrEqual(200);
  });

  it('reports unknown dependencies and cycles before calling anything', async () => {
    let called = false;
    const call = () => ((called = true), of(1));

    await expect(
      firstValueFrom(
        aggregate<{ a: number; b: number }>(
          { a: { dependsOn: ['b'], call }, b: { dependsOn: ['a'], call } },
          { deadlineMs: 100 },
        ),
      ),
    ).rejects.toThrow(/cycle/);
    await expect(
      firstValueFrom(aggregate({ a: { dependsOn: ['zzz' as never], call } }, { deadlineMs: 100 })),
    ).rejects.toThrow(/unknown part zzz/);
    expect(called).toBe(false);
    expect(new MissingDependencyError('a', 'b').message).toContain('b');
  });

  describe('in virtual time', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('gives a 30 s part up at a 10 s deadline while a 2 s part arrives', async () => {
      let result: unknown;
      aggregate<{ fast: string; slow: string }>(
        { fast: { call: () => after(2_000, 'fast') }, slow: { call: () => after(30_000, 'slow') } },
        { deadlineMs: 10_000 },
      ).subscribe((value) => (result = value));

      await jest.advanceTimersByTimeAsync(9_999);
      expect(result).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);

      expect(result).toEqual({
        data: { fast: 'fast', slow: null },
        meta: { partial: true, missing: ['slow'] },
      });
    });
  });
});
