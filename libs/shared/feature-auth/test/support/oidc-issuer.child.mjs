// A real OpenID Provider (panva's certified oidc-provider) on an ephemeral port, as a child process: the
// package is ESM-only, the test suites are CommonJS. Prints {"url","issuer"} on stdout once listening.
//
// ISSUER: the issuer name to claim (default: its own URL) — a second provider claiming the first's name
// stands for "somebody else's keys". POST /__test/remove-key?kid=… drops a key from the published JWKS
// (the provider still signs with it), as an issuer does in a hard rotation.
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const API = 'https://api.concierge.test';
const ALGORITHMS = ['RS256', 'RS384', 'PS256', 'ES256', 'ES384', 'EdDSA'];

async function keyPair(alg, kid, options = {}) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...options });
  return {
    private: { ...(await exportJWK(privateKey)), kid, use: 'sig' },
    public: { ...(await exportJWK(publicKey)), kid, use: 'sig' },
  };
}

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
    scope: 'catalog:read orders:read',
    audience: url.origin === API ? API : url.origin,
    accessTokenTTL: url.pathname.endsWith('/short') ? 1 : 300,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg } },
  };
}

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
  ],
  jwks: { keys: keys.map((k) => k.private) },
  scopes: ['openid', 'catalog:read', 'orders:read'],
  enabledJWA: { idTokenSigningAlgValues: ALGORITHMS },
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
const callback = provider.callback();

server.on('request', (request, response) => {
  const path = new URL(request.url, url);
  if (request.method === 'POST' && path.pathname === '/__test/remove-key') {
    removed.add(path.searchParams.get('kid'));
    response.writeHead(204).end();
    return;
  }
  if (request.method === 'GET' && path.pathname === '/jwks' && removed.size > 0) {
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    response.end(JSON.stringify({ keys: keys.map((k) => k.public).filter((k) => !removed.has(k.kid)) }));
    return;
  }
  callback(request, response);
});

process.stdout.write(`${JSON.stringify({ url, issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
