import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { workspaceRoot } from './workspace-root';

/** The audience (resource server) the provider's access tokens name; resources below it pick the `alg`. */
export const OIDC_TEST_AUDIENCE = 'https://api.concierge.test';

const REDIRECT_URI = 'https://spa.concierge.test/callback';
const CHILD_SCRIPT = join(workspaceRoot(), 'libs', 'shared', 'util-testing', 'src', 'oidc-issuer.child.mjs');

/** The tokens of one authorization-code sign-in. */
export interface UserTokens {
  accessToken: string;
  idToken: string;
}

export interface UserTokenRequest {
  /** `${OIDC_TEST_AUDIENCE}/<alg>` (`/short`: expires in 1 s), or another origin for another audience. */
  resource: string;
  /** The account id the user logs in as (`sub` of the tokens), e.g. `u-1001`. */
  account: string;
  /** `spa` (default), or `https://api.concierge.test`: a client named like the API (its ID tokens name it as `aud`). */
  clientId?: string;
  scope?: string;
}

/** panva's oidc-provider 8 (a certified OpenID Provider) in a child process on an ephemeral port. */
export interface OidcIssuer {
  url: string;
  issuer: string;
  /** A client-credentials access token (client `reporting`) for `resource`. */
  clientToken(resource: string, scope?: string): Promise<string>;
  /**
   * A user's tokens from the authorization-code flow with PKCE, over HTTP as a browser would go: authorize →
   * the provider's interaction (the login POSTed) → back to authorize → code → token, with `resource` on both
   * requests so the access token is a JWT for that resource server.
   */
  userTokens(request: UserTokenRequest): Promise<UserTokens>;
  /** Drops a key (by kid: `rsa`, `p256`, `p384`, `ed25519`) from the published JWKS; the provider keeps signing with it. */
  removeKey(kid: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a provider; with `claimIssuer`, it names itself so (a stranger claiming another's issuer). */
export async function startOidcIssuer(claimIssuer?: string): Promise<OidcIssuer> {
  const child: ChildProcess = spawn(process.execPath, [CHILD_SCRIPT], {
    env: { ...process.env, ISSUER: claimIssuer ?? '' },
    // Its stderr carries only the provider's development-mode warnings.
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const started = await new Promise<{ url: string; issuer: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('oidc-provider did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as { url: string; issuer: string });
    });
  });
  const token = async (body: Record<string, string>, headers: Record<string, string> = {}) => {
    const response = await fetch(`${started.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    });
    const answer = (await response.json()) as { access_token?: string; id_token?: string };
    if (!answer.access_token) throw new Error(`no token from oidc-provider: ${JSON.stringify(answer)}`);
    return answer;
  };
  return {
    ...started,
    async clientToken(resource, scope = 'catalog:read orders:read') {
      const basic = Buffer.from('reporting:reporting-secret').toString('base64');
      const answer = await token(
        { grant_type: 'client_credentials', scope, resource },
        { authorization: `Basic ${basic}` },
      );
      return answer.access_token as string;
    },
    async userTokens({ resource, account, clientId = 'spa', scope = 'openid catalog:read orders:read' }) {
      const verifier = randomBytes(32).toString('base64url');
      const code = await authorizationCode(
        started.url,
        {
          client_id: clientId,
          response_type: 'code',
          redirect_uri: REDIRECT_URI,
          scope,
          resource,
          state: randomBytes(8).toString('base64url'),
          code_challenge: createHash('sha256').update(verifier).digest('base64url'),
          code_challenge_method: 'S256',
        },
        account,
      );
      const answer = await token({
        grant_type: 'authorization_code',
        client_id: clientId,
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: verifier,
        resource,
      });
      if (!answer.id_token) throw new Error('no ID token from oidc-provider');
      return { accessToken: answer.access_token as string, idToken: answer.id_token };
    },
    async removeKey(kid) {
      await fetch(`${started.url}/__test/remove-key?kid=${encodeURIComponent(kid)}`, { method: 'POST' });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Walks the provider's redirects as a browser would, cookies kept, and returns the code sent back to the app. */
async function authorizationCode(
  base: string,
  params: Record<string, string>,
  account: string,
): Promise<string> {
  const cookies = new Map<string, string>();
  const step = async (url: string, init: RequestInit = {}): Promise<URL> => {
    const response = await fetch(new URL(url, base), {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location)
      throw new Error(`oidc-provider answered ${url} with ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    return new URL(location, base);
  };

  const interaction = await step(`/auth?${new URLSearchParams(params)}`);
  const resume = await step(`${interaction.pathname}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: account }).toString(),
  });
  const callback = await step(resume.pathname);
  const code = callback.searchParams.get('code');
  if (!code || callback.origin + callback.pathname !== REDIRECT_URI)
    throw new Error(`no code from oidc-provider: ${callback.href}`);
  return code;
}
