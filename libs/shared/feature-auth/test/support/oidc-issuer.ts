import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** panva's oidc-provider (a certified OpenID Provider) in a child process on an ephemeral port. */
export interface OidcIssuer {
  url: string;
  issuer: string;
  /** A client-credentials access token for `resource` (`https://api.concierge.test/<alg>`, `.../short`, another origin). */
  clientToken(resource: string, scope?: string): Promise<string>;
  /** Drops a key (by kid) from the published JWKS. */
  removeKey(kid: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a provider; with `claimIssuer`, it names itself so (a stranger claiming another's issuer). */
export async function startOidcIssuer(claimIssuer?: string): Promise<OidcIssuer> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-issuer.child.mjs')], {
    env: { ...process.env, ISSUER: claimIssuer ?? '' },
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
  return {
    ...started,
    async clientToken(resource, scope = 'catalog:read orders:read') {
      const response = await fetch(`${started.url}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from('reporting:reporting-secret').toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource }).toString(),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no token from oidc-provider: ${JSON.stringify(body)}`);
      return body.access_token;
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
