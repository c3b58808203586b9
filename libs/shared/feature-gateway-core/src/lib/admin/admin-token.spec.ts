import { bearerMatches } from './admin-token';

describe(bearerMatches.name, () => {
  const token = 'correct-horse-battery-staple';

  it('accepts exactly the token as a bearer (scheme case-insensitive)', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
  });

  it.each([
    undefined,
    '',
    token,
    `Bearer ${token}x`,
    `Bearer ${token.slice(0, -1)}`,
    `Basic ${token}`,
    `Bearer ${token} extra`,
  ])('refuses %p', (header) => expect(bearerMatches(header, token)).toBe(false));
});
