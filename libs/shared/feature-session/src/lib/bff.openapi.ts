import { CSRF_HEADER } from './csrf';
import { SESSION_COOKIE } from './cookies';

const TAG = 'browser sessions (BFF)';
const csrfHeader = {
  name: CSRF_HEADER,
  in: 'header',
  required: true,
  schema: { type: 'string', enum: ['1'] },
  description: "Required with the session cookie (forces a CORS preflight); the Origin must be the app's.",
};
const cookieNote = `Authenticated by the \`${SESSION_COOKIE}\` cookie (HttpOnly; the browser sends it), not a token.`;
const limited = { '429': { description: 'Rate limited per client IP (Retry-After).' } };
const redirect = (description: string) => ({ '302': { description } });
const json = (description: string, properties: Record<string, unknown>, required: string[]) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', required, properties } } },
});
const isoTime = { type: 'string', format: 'date-time' };

/**
 * The token handler's routes as OpenAPI path items for the gateway's API docs (they are registered straight
 * on Fastify, so Nest's scanner does not see them). None takes a bearer token.
 */
export function bffOpenApiPaths(): Record<string, Record<string, unknown>> {
  return {
    '/bff/login': {
      get: {
        operationId: 'bff_login',
        summary: 'Start sign-in: redirect to the OpenID provider (state, nonce, PKCE S256)',
        tags: [TAG],
        parameters: [
          {
            name: 'returnTo',
            in: 'query',
            required: false,
            schema: { type: 'string', default: '/' },
            description: 'Where to land after sign-in: a same-origin relative path only.',
          },
        ],
        responses: { ...redirect("To the provider's authorization endpoint."), ...limited },
      },
    },
    '/bff/callback': {
      get: {
        operationId: 'bff_callback',
        summary: "The provider's redirect back: code exchanged, ID token verified, a new session cookie",
        tags: [TAG],
        parameters: ['code', 'state', 'iss'].map((name) => ({
          name,
          in: 'query',
          required: name !== 'iss',
          schema: { type: 'string' },
        })),
        responses: {
          ...redirect('To `returnTo`, with the session cookie.'),
          '400': { description: 'State, nonce or code refused.' },
          ...limited,
        },
      },
    },
    '/bff/user': {
      get: {
        operationId: 'bff_user',
        summary: 'The signed-in user: claims, session expiry, logout URL',
        description: cookieNote,
        tags: [TAG],
        parameters: [csrfHeader],
        responses: {
          '200': json(
            "The session's user (never a token).",
            {
              sub: { type: 'string', example: 'u-1001' },
              claims: {
                type: 'object',
                description: "The ID token's user claims (name, preferred_username, ...).",
                additionalProperties: true,
              },
              session: {
                type: 'object',
                properties: { expiresAt: isoTime, idleExpiresAt: isoTime },
              },
              logoutUrl: { type: 'string', example: '/bff/logout' },
            },
            ['sub', 'claims', 'session', 'logoutUrl'],
          ),
          '401': { description: 'Not signed in (`login` names where to start).' },
          '403': { description: 'CSRF header or Origin refused.' },
          ...limited,
        },
      },
    },
    '/bff/logout': {
      post: {
        operationId: 'bff_logout',
        summary: "Sign out: revoke the refresh token, end the session, answer the provider's end-session URL",
        description: cookieNote,
        tags: [TAG],
        parameters: [csrfHeader],
        responses: {
          '200': json(
            "Signed out here; navigate to `endSessionUrl` to end the provider's session too.",
            { endSessionUrl: { type: 'string', format: 'uri', nullable: true } },
            ['endSessionUrl'],
          ),
          '403': { description: 'CSRF header or Origin refused.' },
          ...limited,
        },
      },
    },
    '/bff/backchannel-logout': {
      post: {
        operationId: 'bff_backchannel_logout',
        summary: 'OIDC Back-Channel Logout: the provider ends sessions by `sid` or `sub`',
        description: "Called by the provider's server with a signed `logout_token` form field.",
        tags: [TAG],
        requestBody: {
          required: true,
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                required: ['logout_token'],
                properties: { logout_token: { type: 'string' } },
              },
            },
          },
        },
        responses: {
          '200': json('How many sessions ended.', { ended: { type: 'integer', minimum: 0 } }, ['ended']),
          '400': { description: 'Missing or invalid logout token.' },
          ...limited,
        },
      },
    },
  };
}
