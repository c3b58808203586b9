import { AUTHORIZATION_PARAMS } from './authorization-request';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const STYLE =
  'body{font:16px system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.8rem 0}input{width:100%;padding:.4rem;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}.demo{color:#555;font-size:.85rem}';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The sign-in form of an authorization request. Every request parameter travels on as a hidden field,
 * escaped, so the POST is checked exactly like the GET was.
 */
export function loginPage(
  params: Record<string, unknown>,
  options: { clientId: string; error?: string; username?: string },
): string {
  const hidden = AUTHORIZATION_PARAMS.filter((name) => typeof params[name] === 'string')
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] as string)}">`)
    .join('');
  const error = options.error ? `<p class="error" role="alert">${escapeHtml(options.error)}</p>` : '';
  return page(
    'Sign in — Concierge demo identity',
    `<h1>Sign in</h1><p>to continue to <strong>${escapeHtml(options.clientId)}</strong></p>${error}` +
      `<form method="post" action="/oauth/authorize">${hidden}` +
      `<label>Username <input name="username" autocomplete="username" required value="${escapeHtml(options.username ?? '')}"></label>` +
      `<label>Password <input name="password" type="password" autocomplete="current-password" required></label>` +
      `<button type="submit">Sign in</button></form>` +
      `<p class="demo">Demo users: alice / wonderland, bob / builder, admin / admin-demo.</p>`,
  );
}

/** What the user sees when the request cannot be answered by redirecting back to the application. */
export function errorPage(description: string): string {
  return page(
    'Sign-in request refused',
    `<h1>This sign-in request cannot be completed</h1><p>${escapeHtml(description)}</p>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out', '<h1>You are signed out</h1>');
}

/**
 * The page's own policy: no scripts at all, no framing (clickjacking), and the form may only post here and
 * be redirected on to the application's registered address.
 */
export function loginPageSecurityHeaders(formTargets: string[]): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}
