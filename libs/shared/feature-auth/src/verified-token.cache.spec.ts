import { principalFromClaims } from './principal';
import { HMAC, VerifiedTokenCache } from './verified-token.cache';

describe(VerifiedTokenCache.name, () => {
  const principal = (expInSec: number, kid?: string) => ({
    principal: principalFromClaims({ sub: 'u1', exp: Math.floor(Date.now() / 1000) + expInSec }),
    kid,
  });

  it('is bounded', async () => {
    const sut = new VerifiedTokenCache(2);
    for (const token of ['a', 'b', 'c']) await sut.getOrVerify(token, async () => principal(60));
    expect(sut.size).toBe(2);
  });

  it('does not keep a token that is already expired', async () => {
    const sut = new VerifiedTokenCache(10);
    await sut.getOrVerify('a', async () => principal(-1));
    expect(sut.size).toBe(0);
  });

  it('asks again once a token expired, even if the entry was not evicted yet', async () => {
    const sut = new VerifiedTokenCache(10);
    const verify = jest.fn(async () => principal(1));
    await sut.getOrVerify('a', verify);
    jest.useFakeTimers({
      doNotFake: ['performance', 'nextTick', 'queueMicrotask', 'setTimeout', 'setImmediate'],
    });
    try {
      jest.setSystemTime(Date.now() + 1500);
      await sut.getOrVerify('a', verify);
    } finally {
      jest.useRealTimers();
    }
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('forgets the tokens of a removed key and keeps the others', async () => {
    const sut = new VerifiedTokenCache(10);
    const verify = jest.fn(async (kid: string | undefined) => principal(60, kid));
    await sut.getOrVerify('a', () => verify('k1'));
    await sut.getOrVerify('b', () => verify('k2'));
    await sut.getOrVerify('c', () => verify(HMAC));
    sut.dropSignedBy(['k1', undefined]);
    expect(sut.size).toBe(2);
    await sut.getOrVerify('a', () => verify('k1'));
    await sut.getOrVerify('b', () => verify('k2'));
    expect(verify).toHaveBeenCalledTimes(4);
  });
});
