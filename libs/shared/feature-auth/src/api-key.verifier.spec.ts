import type { ApiKeyVerification, ResolvedAuthOptions } from './auth-options';
import { ApiKeyVerifier } from './api-key.verifier';
import { TooManyFailedAttemptsError } from './unknown-key.gate';

describe(ApiKeyVerifier.name, () => {
  const partner: ApiKeyVerification = { valid: true, clientId: 'acme', scopes: ['catalog:read'] };
  const verifierWith = (verify: (key: string) => Promise<ApiKeyVerification>) =>
    new ApiKeyVerifier({
      apiKeys: {
        verifier: verify,
        cacheTtlMs: 15_000,
        negativeCacheTtlMs: 5_000,
        cacheSize: 100,
        knownKeyTtlMs: 60_000,
        failedAttemptsBurst: 3,
        failedAttemptsPerMinute: 1,
        unknownKeyConcurrency: 4,
        unknownKeyQueue: 0,
      },
    } as unknown as ResolvedAuthOptions);

  it("charges a client's failed checks of unknown keys to it, and refuses past the budget without asking", async () => {
    const verify = jest.fn(async (key: string) => (key === 'good' ? partner : { valid: false }));
    const sut = verifierWith(verify);

    for (let i = 0; i < 3; i++) expect(await sut.principalOf(`guess-${i}`, '203.0.113.7')).toBeNull();
    await expect(sut.principalOf('guess-3', '203.0.113.7')).rejects.toBeInstanceOf(
      TooManyFailedAttemptsError,
    );
    expect(verify).toHaveBeenCalledTimes(3);
    // Another client has its own budget.
    expect(await sut.principalOf('guess-4', '198.51.100.9')).toBeNull();
  });

  it('gives a valid key its attempt back, so genuine partners never use up the budget', async () => {
    const verify = jest.fn(async (key: string) => (key.startsWith('good') ? partner : { valid: false }));
    const sut = verifierWith(verify);

    for (let i = 0; i < 5; i++)
      expect(await sut.principalOf(`good-${i}`, '203.0.113.7')).toMatchObject({
        kind: 'client',
        clientId: 'acme',
      });
    for (let i = 0; i < 3; i++) expect(await sut.principalOf(`guess-${i}`, '203.0.113.7')).toBeNull();
    // A key already proven valid is answered from the cache, budget or not.
    expect(await sut.principalOf('good-0', '203.0.113.7')).toMatchObject({ clientId: 'acme' });
  });

  it("builds a key's principal once while its answer is cached, and each answer its own", async () => {
    const verify = jest.fn(async (key: string): Promise<ApiKeyVerification> => ({
      valid: true,
      clientId: key === 'key-a' ? 'acme' : 'globex',
      scopes: ['catalog:read'],
    }));
    const sut = verifierWith(verify);

    const first = await sut.principalOf('key-a');
    const again = await sut.principalOf('key-a');
    const other = await sut.principalOf('key-b');

    expect(again).toBe(first);
    expect(first).toMatchObject({ kind: 'client', clientId: 'acme' });
    expect(other).toMatchObject({ kind: 'client', clientId: 'globex' });
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
