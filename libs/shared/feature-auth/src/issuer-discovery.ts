import { fetchJsonDocument, KeySourceUnavailableError } from './jwks-fetch';

/** What the gateway takes from an issuer's metadata. */
export interface IssuerMetadata {
  /** The document it came from. */
  url: string;
  issuer: string;
  jwksUri: string;
  /** `id_token_signing_alg_values_supported`, when advertised: what the issuer signs with. */
  signingAlgorithms?: string[];
}

/**
 * The configured issuer and the issuer its own metadata names differ: a configuration mistake that would
 * refuse every token (OIDC compares `iss` exactly), so the process must not start with it.
 */
export class IssuerMismatchError extends Error {
  override name = 'IssuerMismatchError';

  constructor(configured: string, discovered: string, url: string) {
    super(
      `JWT_ISSUER is "${configured}" but the issuer's metadata at ${url} says its issuer is "${discovered}"; ` +
        'tokens carry the latter in iss, which is compared exactly: set JWT_ISSUER to it',
    );
  }
}

/**
 * Where an issuer publishes its metadata: OpenID Connect Discovery 1.0 §4 (`/.well-known/openid-configuration`
 * appended to the issuer), then RFC 8414 §3 (`/.well-known/oauth-authorization-server` inserted before the
 * issuer's path), and RFC 8414's note on OIDC compatibility (that name appended, as some servers serve it).
 */
function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const base = issuer.replace(/\/+$/, '');
  const path = url.pathname.replace(/\/+$/, '');
  const urls = [
    `${base}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
  ];
  if (path) urls.push(`${base}/.well-known/oauth-authorization-server`);
  return urls;
}

/**
 * Reads the issuer's metadata from the first of its well-known documents that answers. Throws
 * `IssuerMismatchError` when it names another issuer, `KeySourceUnavailableError` (with every URL tried
 * and why) when none answers or none is usable.
 */
export async function discoverIssuer(issuer: string, timeoutMs: number): Promise<IssuerMetadata> {
  const problems: string[] = [];
  for (const url of metadataUrls(issuer)) {
    let body: unknown;
    try {
      body = (await fetchJsonDocument(url, timeoutMs)).body;
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    const metadata = body as Record<string, unknown> | null;
    const discovered = metadata?.['issuer'];
    const jwksUri = metadata?.['jwks_uri'];
    if (typeof discovered !== 'string' || typeof jwksUri !== 'string' || !/^https?:\/\//.test(jwksUri)) {
      problems.push(`${url}: not issuer metadata (needs "issuer" and an http(s) "jwks_uri")`);
      continue;
    }
    if (discovered !== issuer) throw new IssuerMismatchError(issuer, discovered, url);
    const algs = metadata?.['id_token_signing_alg_values_supported'];
    const signingAlgorithms = Array.isArray(algs)
      ? algs.filter((a): a is string => typeof a === 'string')
      : undefined;
    return { url, issuer: discovered, jwksUri, signingAlgorithms };
  }
  throw new KeySourceUnavailableError(`no issuer metadata for "${issuer}": ${problems.join('; ')}`);
}
