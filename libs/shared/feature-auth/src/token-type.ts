/** `at+jwt` and `application/at+jwt` are one type (RFC 7515 §4.1.9); compared case-insensitively. */
export function normalizedType(typ: unknown): string {
  if (typeof typ !== 'string') return '';
  const lower = typ.trim().toLowerCase();
  return lower.startsWith('application/') ? lower.slice('application/'.length) : lower;
}
