const MAX_LENGTH = 2048;

/**
 * Where to send the user after sign-in: only a relative path on the gateway's own origin. Anything that a
 * browser could read as another origin (`//evil`, `/\evil`, `https://…`, encoded or with control
 * characters) falls back to `/`, so `/bff/login` can never become an open redirect.
 */
export function safeReturnTo(value: unknown, publicOrigin: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(value)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return '/';
  }
  if (decoded.startsWith('//') || decoded.includes('\\')) return '/';
  try {
    const url = new URL(value, publicOrigin);
    if (url.origin !== publicOrigin) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
