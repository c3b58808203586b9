import { RefreshTokenStore, type RefreshGrant } from './refresh-token.store';

const grant: RefreshGrant = {
  clientId: 'web-bff',
  principal: { subject: 'u-1001', scopes: ['orders:read'], roles: ['customer'] },
  scopes: ['openid', 'orders:read'],
  sid: 'sid-1',
  authTime: 0,
};

describe(RefreshTokenStore.name, () => {
  let clock: number;
  let sut: RefreshTokenStore;
  beforeEach(() => {
    clock = 1_000_000;
    sut = new RefreshTokenStore(3600, () => clock);
  });

  it('rotates: each use hands out a new token, and the new one works', () => {
    const first = sut.start(grant);
    const second = sut.rotate(first.token, 'web-bff');
    expect(second).toMatchObject({ ok: true, grant });
    if (!second.ok) throw new Error('rotation failed');
    expect(second.next.token).not.toBe(first.token);
    expect(sut.rotate(second.next.token, 'web-bff')).toMatchObject({ ok: true });
  });

  it('revokes the whole family when a retired token is presented again', () => {
    const first = sut.start(grant);
    const second = sut.rotate(first.token, 'web-bff');
    if (!second.ok) throw new Error('rotation failed');
    expect(sut.rotate(first.token, 'web-bff')).toEqual({ ok: false, reason: 'reused' });
    // The legitimate holder's newest token is dead too.
    expect(sut.rotate(second.next.token, 'web-bff')).toEqual({ ok: false, reason: 'revoked' });
  });

  it('never extends the family beyond its absolute lifetime', () => {
    const first = sut.start(grant);
    clock += 3000_000;
    const second = sut.rotate(first.token, 'web-bff');
    expect(second).toMatchObject({ ok: true, next: { expiresIn: 600 } });
    clock += 600_000;
    if (!second.ok) throw new Error('rotation failed');
    expect(sut.rotate(second.next.token, 'web-bff')).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token presented by another client, and revocation ends the family', () => {
    const first = sut.start(grant);
    expect(sut.rotate(first.token, 'concierge-mobile')).toEqual({ ok: false, reason: 'wrong-client' });
    sut.revoke(first.token, 'web-bff');
    expect(sut.rotate(first.token, 'web-bff')).toEqual({ ok: false, reason: 'revoked' });
  });

  it('ends every family of a signed-out session', () => {
    const a = sut.start(grant);
    const b = sut.start({ ...grant, sid: 'sid-2' });
    sut.revokeSession('sid-1');
    expect(sut.rotate(a.token, 'web-bff')).toEqual({ ok: false, reason: 'revoked' });
    expect(sut.rotate(b.token, 'web-bff')).toMatchObject({ ok: true });
  });
});
