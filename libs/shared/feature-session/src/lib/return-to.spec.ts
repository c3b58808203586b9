import { safeReturnTo } from './return-to';

describe(safeReturnTo.name, () => {
  const origin = 'https://app.example';

  it('keeps a relative path with its query and fragment', () => {
    expect(safeReturnTo('/orders?page=2#top', origin)).toBe('/orders?page=2#top');
  });

  it.each([
    ['https://evil.example/'],
    ['//evil.example/'],
    ['/\\evil.example/'],
    ['\\\\evil.example'],
    ['/%2F%2Fevil.example'],
    ['/%5Cevil.example'],
    ['javascript:alert(1)'],
    ['/\tevil'],
    ['/%zz'],
    ['orders'],
    [''],
    [`/${'a'.repeat(3000)}`],
  ])('refuses %j, sending the user to /', (attempt) => {
    expect(safeReturnTo(attempt, origin)).toBe('/');
  });

  it('refuses what is not a string', () => {
    expect(safeReturnTo(['/a', '/b'], origin)).toBe('/');
    expect(safeReturnTo(undefined, origin)).toBe('/');
  });
});
