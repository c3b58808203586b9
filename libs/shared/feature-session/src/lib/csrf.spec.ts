import { csrfRefusal } from './csrf';

describe(csrfRefusal.name, () => {
  const origin = 'https://app.example';
  const allowed = ['https://admin.example'];

  it('lets a same-origin call with the header through', () => {
    expect(csrfRefusal({ 'x-csrf': '1', 'sec-fetch-site': 'same-origin' }, origin, allowed)).toBeUndefined();
    expect(
      csrfRefusal({ 'x-csrf': '1', origin, 'sec-fetch-site': 'same-origin' }, origin, allowed),
    ).toBeUndefined();
    // Older browsers send neither Origin on GET nor Sec-Fetch-*: the header alone still proves a script of a permitted origin.
    expect(csrfRefusal({ 'x-csrf': '1' }, origin, allowed)).toBeUndefined();
  });

  it('lets a listed cross-origin app through', () => {
    expect(
      csrfRefusal(
        { 'x-csrf': '1', origin: 'https://admin.example', 'sec-fetch-site': 'cross-site' },
        origin,
        allowed,
      ),
    ).toBeUndefined();
  });

  it('refuses a call without the header, or with another value', () => {
    expect(csrfRefusal({ 'sec-fetch-site': 'same-origin' }, origin, allowed)).toMatch(/X-CSRF/);
    expect(csrfRefusal({ 'x-csrf': '0' }, origin, allowed)).toMatch(/X-CSRF/);
    expect(csrfRefusal({ 'x-csrf': ['1', '1'] }, origin, allowed)).toMatch(/X-CSRF/);
  });

  it('refuses another origin, an opaque one, and another site even when it forges the header', () => {
    expect(csrfRefusal({ 'x-csrf': '1', origin: 'https://evil.example' }, origin, allowed)).toMatch(/origin/);
    expect(csrfRefusal({ 'x-csrf': '1', origin: 'null' }, origin, allowed)).toMatch(/origin/);
    expect(csrfRefusal({ 'x-csrf': '1', 'sec-fetch-site': 'cross-site' }, origin, allowed)).toMatch(
      /another site/,
    );
    expect(csrfRefusal({ 'x-csrf': '1', 'sec-fetch-site': 'same-site' }, origin, allowed)).toMatch(
      /another site/,
    );
    expect(csrfRefusal({ 'x-csrf': '1', 'sec-fetch-site': 'none' }, origin, allowed)).toMatch(/another site/);
  });
});
