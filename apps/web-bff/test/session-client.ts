/** A cookie jar and the sign-in walk a browser does, over plain HTTP, for the session e2e tests. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Stores the response's cookies (an empty value or Max-Age=0 deletes one). */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([n, v]) => `${n}=${v}`).join('; ');
  }
}

export const SESSION = '__Host-concierge-session';

/** Follows `/bff/login` → the provider's form → credentials → `/bff/callback`; returns the final redirect. */
export async function signIn(
  gateway: string,
  jar: CookieJar,
  options: { returnTo?: string; username?: string; password?: string } = {},
) {
  const query = options.returnTo !== undefined ? `?returnTo=${encodeURIComponent(options.returnTo)}` : '';
  const login = await fetch(`${gateway}/bff/login${query}`, {
    redirect: 'manual',
    headers: { cookie: jar.header() },
  });
  jar.take(login);
  const authorize = new URL(login.headers.get('location') as string);
  const form = new URLSearchParams(authorize.searchParams);
  form.set('username', options.username ?? 'alice');
  form.set('password', options.password ?? 'wonderland');
  const posted = await fetch(`${authorize.origin}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const callback = posted.headers.get('location') as string;
  const back = await fetch(callback, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.take(back);
  return { login, authorize, callback: new URL(callback), back };
}
