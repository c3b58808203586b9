import { CredentialStore } from './credential.store';
import { DEMO_CLIENTS, DEMO_USERS } from './demo-credentials';
import { SignInThrottle } from './sign-in-throttle';

describe(SignInThrottle.name, () => {
  let credentials: CredentialStore;
  let now: number;
  let sut: SignInThrottle;
  beforeAll(async () => {
    credentials = await CredentialStore.create(DEMO_USERS, DEMO_CLIENTS);
  });
  beforeEach(() => {
    now = 1_000_000;
    sut = new SignInThrottle(credentials, { perIp: 4, perUsername: 2, windowSec: 60 }, () => now);
  });

  it('refuses a username past its failures, even with the right password, until the window ends', async () => {
    expect(await sut.signIn('10.0.0.1', 'bob', 'guess-1')).toEqual({ principal: null });
    expect(await sut.signIn('10.0.0.2', 'bob', 'guess-2')).toEqual({ principal: null });
    expect(await sut.signIn('10.0.0.3', 'bob', 'builder')).toEqual({ principal: null, retryAfterSec: 60 });
    now += 45_000;
    expect(await sut.signIn('10.0.0.3', 'bob', 'builder')).toEqual({ principal: null, retryAfterSec: 15 });
    now += 15_000;
    expect((await sut.signIn('10.0.0.3', 'bob', 'builder')).principal?.subject).toBe('u-1002');
  });

  it('refuses a client IP past its failures, whichever usernames it tries; other IPs still sign in', async () => {
    for (const username of ['alice', 'bob', 'admin', 'nobody'])
      expect((await sut.signIn('10.0.0.9', username, 'wrong')).principal).toBeNull();
    expect(await sut.signIn('10.0.0.9', 'carol', 'x')).toEqual({ principal: null, retryAfterSec: 60 });
    expect((await sut.signIn('10.0.0.8', 'alice', 'wonderland')).principal?.subject).toBe('u-1001');
  });

  it('does not count a successful sign-in as a failure', async () => {
    for (let i = 0; i < 5; i++)
      expect((await sut.signIn('10.0.0.1', 'alice', 'wonderland')).principal).not.toBeNull();
  });

  it('lets no more guesses through than the limit when they arrive all at once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => sut.signIn(`10.0.1.${i}`, 'bob', `guess-${i}`)),
    );
    expect(outcomes.filter((o) => 'retryAfterSec' in o)).toHaveLength(8);
  });
});
