// A real OpenID Provider (panva's certified oidc-provider) on an ephemeral port, as a child process: the
// package is ESM-only, the test suites are CommonJS. Prints {"url","issuer"} on stdout once listening.
//
// ISSUER: the issuer name to claim (default: its own URL) — a second provider claiming the first's name
// stands for "somebody else's keys". POST /__test/remove-key?kid=… drops a key from the published JWKS
// (the provider still signs with it), as an issuer does in a hard rotation. The JWKS is served with
// `Cache-Control: max-age=1`, so a resource server that honours it notices a removal within a second or two.
//
// Users log in through the provider's interaction: POST /interaction/<uid>/login with `login=<account id>`
// finishes it, consenting to everything asked for (the scopes, for every `resource`).
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const API = 'https://api.concierge.test';
const ALGORITHMS = ['RS256', 'RS384', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const API_SCOPES = 'catalog:read orders:read';
const OIDC_SCOPES = new Set(['openid', 'offline_access']);
const JWKS_CACHE_CONTROL = 'public, max-age=1';
const REDIRECT_URI = 'https://spa.concierge.test/callback';

async function keyPair(alg, kid, options = {}) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...options });
  return {
    private: { ...(await exportJWK(privateKey)), kid, use: 'sig' },
    public: { ...(await exportJWK(publicKey)), kid, use: 'sig' },
  };
}

// One key per curve; the RSA key serves RS256, RS384 and PS256.
const keys = [
  await keyPair('RS256', 'rsa', { modulusLength: 2048 }),
  await keyPair('ES256', 'p256'),
  await keyPair('ES384', 'p384'),
  await keyPair('EdDSA', 'ed25519', { crv: 'Ed25519' }),
];
const removed = new Set();

/** `${API}/<alg>` asks for a token signed with that alg; `/short` for one that expires in 1 s; another origin for another audience. */
function resourceServer(resource) {
  const url = new URL(resource);
  const alg = ALGORITHMS.find((a) => url.pathname.toLowerCase().startsWith(`/${a.toLowerCase()}`)) ?? 'RS256';
  return {
    scope: API_SCOPES,
    audience: url.origin === API ? API : url.origin,
    accessTokenTTL: url.pathname.endsWith('/short') ? 1 : 300,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg } },
  };
}

/** A browser app (public, PKCE) that signs users in with the authorization-code flow. */
const browserApp = (clientId) => ({
  client_id: clientId,
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  redirect_uris: [REDIRECT_URI],
  id_token_signed_response_alg: 'ES256',
});

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}`;
const issuer = process.env.ISSUER || url;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'reporting',
      client_secret: 'reporting-secret',
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
    },
    browserApp('spa'),
    // A client whose id is the API's audience: its ID tokens carry the right `iss` and `aud`, only their
    // `typ` (JWT, not at+jwt) tells them from access tokens.
    browserApp(API),
  ],
  jwks: { keys: keys.map((k) => k.private) },
  scopes: ['openid', ...API_SCOPES.split(' ')],
  cookies: { keys: ['oidc-issuer-test-cookie-key'] },
  // Any account id logs in; `sub` is that id (the gateway's demo users are u-1001, u-1002, ...).
  findAccount: (_ctx, accountId) => ({ accountId, claims: () => ({ sub: accountId }) }),
  enabledJWA: { idTokenSigningAlgValues: ALGORITHMS },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => `${API}/rs256`,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => resourceServer(resource),
    },
  },
});
provider.proxy = false;
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/jwks') ctx.set('cache-control', JWKS_CACHE_CONTROL);
});
const callback = provider.callback();

async function formOf(request) {
  let body = '';
  for await (const chunk of request) body += chunk;
  return new URLSearchParams(body);
}

/** The login step: the account id as POSTed, and a grant of everything the authorization request asked for. */
async function finishLogin(request, response) {
  const accountId = (await formOf(request)).get('login');
  const { params } = await provider.interactionDetails(request, response);
  const requested = String(params.scope ?? '')
    .split(' ')
    .filter(Boolean);
  const grant = new provider.Grant({ accountId, clientId: params.client_id });
  // The API scopes are in the provider's `scopes` too (client credentials ask for them), so they are
  // granted both as the provider's own scopes and for each resource.
  grant.addOIDCScope(requested.join(' '));
  const apiScopes = requested.filter((s) => !OIDC_SCOPES.has(s)).join(' ');
  for (const resource of [params.resource ?? []].flat()) grant.addResourceScope(resource, apiScopes);
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

server.on('request', (request, response) => {
  const path = new URL(request.url, url);
  if (request.method === 'POST' && path.pathname === '/__test/remove-key') {
    removed.add(path.searchParams.get('kid'));
    response.writeHead(204).end();
    return;
  }
  if (request.method === 'POST' && /^\/interaction\/[^/]+\/login$/.test(path.pathname)) {
    finishLogin(request, response).catch((error) => {
      response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    });
    return;
  }
  if (request.method === 'GET' && path.pathname === '/jwks' && removed.size > 0) {
    response.writeHead(200, {
      'content-type': 'application/jwk-set+json',
      'cache-control': JWKS_CACHE_CONTROL,
    });
    response.end(JSON.stringify({ keys: keys.map((k) => k.public).filter((k) => !removed.has(k.kid)) }));
    return;
  }
  callback(request, response);
});

process.stdout.write(`${JSON.stringify({ url, issuer })}\n`);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
