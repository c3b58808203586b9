import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { KeySourceUnavailableError, type FetchedKeySet } from './jwks-fetch';
import { JwksKeySet, UnknownSigningKeyError, type JwksKeySetOptions } from './jwks-key-set';

async function publicJwk(kid: string): Promise<JWK> {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
}

/** Stands in for the issuer: serves `keys`, counts fetches, can fail; each fetch resolves when released. */
class FakeIssuer {
  keys: JWK[] = [];
  fetches = 0;
  failing = false;
  maxAgeMs = 60_000;
  readonly fetch = async (): Promise<FetchedKeySet> => {
    this.fetches += 1;
    if (this.failing) throw new KeySourceUnavailableError('issuer down');
    return { jwks: { keys: [...this.keys] } as JSONWebKeySet, maxAgeMs: this.maxAgeMs };
  };
}

describe(JwksKeySet.name, () => {
  let issuer: FakeIssuer;
  let sut: JwksKeySet;
  const header = (kid: string) => ({ alg: 'ES256', kid });
  const make = (overrides: Partial<JwksKeySetOptions> = {}) =>
    new JwksKeySet({
      jwksUri: async () => 'http://idp/jwks',
      timeoutMs: 1000,
      lifetime: { defaultMs: 60_000, minMs: 10, maxMs: 60_000 },
      minRefetchIntervalMs: 50,
      maxStaleMs: 60_000,
      maxWaiting: 100,
      fetch: issuer.fetch,
      ...overrides,
    });

  beforeEach(async () => {
    issuer = new FakeIssuer();
    issuer.keys = [await publicJwk('k1')];
  });
  afterEach(() => sut?.stop());

  it('finds a known key without fetching again', async () => {
    sut = make();
    await sut.load();
    await sut.keyFor(header('k1'), undefined as never);
    await sut.keyFor(header('k1'), undefined as never);
    expect(issuer.fetches).toBe(1);
  });

  it('lets every unknown kid of a burst wait for one shared refetch, which finds a key published meanwhile', async () => {
    sut = make();
    await sut.load();
    issuer.keys = [...issuer.keys, await publicJwk('k2')];
    const lookups = await Promise.allSettled([
      sut.keyFor(header('k2'), undefined as never),
      ...Array.from({ length: 20 }, (_, i) => sut.keyFor(header(`random-${i}`), undefined as never)),
    ]);
    expect(lookups[0].status).toBe('fulfilled');
    expect(
      lookups.slice(1).every((l) => l.status === 'rejected' && l.reason instanceof UnknownSigningKeyError),
    ).toBe(true);
    expect(issuer.fetches).toBe(2);
  });

  it('spaces refetches by the minimum interval however many unknown kids arrive', async () => {
    sut = make({ minRefetchIntervalMs: 100 });
    await sut.load();
    const started = Date.now();
    for (let i = 0; i < 3; i++)
      await sut.keyFor(header(`random-${i}`), undefined as never).catch(() => undefined);
    // Three waits in a row: each refetch comes at least one interval after the one before.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3 * 100 - 20);
    expect(issuer.fetches).toBe(4);
  });

  it('refreshes in the background before the set expires and tells which keys left it', async () => {
    const removed: Array<ReadonlyArray<string | undefined>> = [];
    issuer.maxAgeMs = 100;
    sut = make({ hooks: { onKeysRemoved: (kids) => removed.push(kids) } });
    await sut.load();
    issuer.keys = [await publicJwk('k2')];
    await waitFor(() => issuer.fetches >= 2);
    expect(removed).toEqual([['k1']]);
    await expect(sut.keyFor(header('k1'), undefined as never)).rejects.toBeInstanceOf(UnknownSigningKeyError);
  });

  it('keeps using the last set while the issuer is down, and says the keys are unavailable for a new kid', async () => {
    sut = make();
    await sut.load();
    issuer.failing = true;
    await expect(sut.keyFor(header('k1'), undefined as never)).resolves.toBeDefined();
    await expect(sut.keyFor(header('k9'), undefined as never)).rejects.toBeInstanceOf(
      KeySourceUnavailableError,
    );
  });

  it('stops using a set that is past its lifetime and the stale allowance', async () => {
    issuer.maxAgeMs = 20;
    sut = make({ maxStaleMs: 0 });
    await sut.load();
    sut.stop();
    issuer.failing = true;
    await new Promise((resolve) => setTimeout(resolve, 40));
    await expect(sut.keyFor(header('k1'), undefined as never)).rejects.toBeInstanceOf(
      KeySourceUnavailableError,
    );
    // Readiness asks whether keys were ever had: an outage of the issuer does not unready every replica.
    expect(sut.loaded).toBe(true);
  });

  it('answers "unavailable" instead of queueing more than maxWaiting requests', async () => {
    sut = make({ maxWaiting: 2, minRefetchIntervalMs: 200 });
    await sut.load();
    const lookups = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => sut.keyFor(header(`random-${i}`), undefined as never)),
    );
    expect(lookups.map((l) => (l.status === 'rejected' ? (l.reason as Error).name : 'ok'))).toEqual([
      'UnknownSigningKeyError',
      'UnknownSigningKeyError',
      'KeySourceUnavailableError',
      'KeySourceUnavailableError',
    ]);
  });

  it('reports whether a set was ever fetched', async () => {
    issuer.failing = true;
    sut = make();
    await expect(sut.load()).rejects.toThrow('issuer down');
    expect(sut.loaded).toBe(false);
    issuer.failing = false;
    await new Promise((resolve) => setTimeout(resolve, 60));
    await sut.load();
    expect(sut.loaded).toBe(true);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}
