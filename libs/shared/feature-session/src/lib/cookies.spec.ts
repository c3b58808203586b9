import { readCookie, serializeCookie, withoutCookies, SESSION_COOKIE } from './cookies';

describe(serializeCookie.name, () => {
  it('sets the attributes of a __Host- cookie, HttpOnly, with the asked SameSite', () => {
    expect(serializeCookie(SESSION_COOKIE, 'abc', { sameSite: 'Strict', maxAgeSec: 60 })).toBe(
      '__Host-concierge-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=60',
    );
  });
});

describe(readCookie.name, () => {
  it('finds a cookie among others, and only a well-formed value', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=id_1-x; b=2`, SESSION_COOKIE)).toBe('id_1-x');
    expect(readCookie(`${SESSION_COOKIE}=bad value`, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie('other=1', SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});

describe(withoutCookies.name, () => {
  it('removes the named cookies and keeps the rest', () => {
    expect(withoutCookies(`a=1; ${SESSION_COOKIE}=x; b=2`, [SESSION_COOKIE])).toBe('a=1; b=2');
    expect(withoutCookies(`${SESSION_COOKIE}=x`, [SESSION_COOKIE])).toBeUndefined();
  });
});
