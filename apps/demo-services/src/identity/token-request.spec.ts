import { parseTokenRequest, presentedClient, resolveScopes } from './token-request';

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe(parseTokenRequest.name, () => {
  it('reads a password grant', () => {
    expect(
      parseTokenRequest(
        { grant_type: 'password', username: 'alice', password: 'wonderland', scope: 'catalog:read' },
        undefined,
      ),
    ).toEqual({
      grant: 'password',
      username: 'alice',
      password: 'wonderland',
      scope: 'catalog:read',
    });
  });

  it('reads client credentials from the body or from HTTP Basic', () => {
    expect(
      parseTokenRequest(
        { grant_type: 'client_credentials', client_id: 'dev-0001', client_secret: 's' },
        undefined,
      ),
    ).toMatchObject({
      clientId: 'dev-0001',
      clientSecret: 's',
      viaBasic: false,
    });
    expect(parseTokenRequest({ grant_type: 'client_credentials' }, basic('reporting', 'a:b%'))).toMatchObject(
      {
        clientId: 'reporting',
        clientSecret: 'a:b%',
        viaBasic: true,
      },
    );
    const unencoded = `Basic ${Buffer.from('dev-0001:100%-raw').toString('base64')}`;
    expect(parseTokenRequest({ grant_type: 'client_credentials' }, unencoded)).toMatchObject({
      clientSecret: '100%-raw',
    });
  });

  it('answers RFC 6749 errors for what is missing or unknown', () => {
    expect(parseTokenRequest({}, undefined)).toMatchObject({ status: 400, error: 'invalid_request' });
    expect(parseTokenRequest({ grant_type: 'password', username: 'alice' }, undefined)).toMatchObject({
      error: 'invalid_request',
    });
    expect(parseTokenRequest({ grant_type: 'device_code' }, undefined)).toMatchObject({
      error: 'unsupported_grant_type',
    });
    expect(
      parseTokenRequest(
        { grant_type: 'authorization_code', client_id: 'web-bff', code: 'c', redirect_uri: 'https://x/cb' },
        undefined,
      ),
    ).toMatchObject({
      error: 'invalid_request',
      error_description: 'code_verifier is required (PKCE)',
    });
    expect(parseTokenRequest({ grant_type: 'client_credentials' }, undefined)).toMatchObject({
      status: 401,
      error: 'invalid_client',
    });
    expect(parseTokenRequest({ grant_type: 'client_credentials' }, 'Basic !!!')).toMatchObject({
      error: 'invalid_client',
    });
    expect(
      parseTokenRequest({ grant_type: 'client_credentials', client_secret: 'x' }, basic('reporting', 'y')),
    ).toMatchObject({ error: 'invalid_request' });
    expect(parseTokenRequest('grant_type=password', undefined)).toMatchObject({ error: 'invalid_request' });
  });
});

describe(resolveScopes.name, () => {
  const allowed = ['catalog:read', 'orders:read'];

  it('grants every allowed scope when none is asked for, else exactly what was asked', () => {
    expect(resolveScopes(undefined, allowed)).toEqual(allowed);
    expect(resolveScopes('orders:read', allowed)).toEqual(['orders:read']);
  });

  it('refuses a scope beyond the allowed ones', () => {
    expect(resolveScopes('orders:read orders:write', allowed)).toMatchObject({
      error: 'invalid_scope',
      error_description: expect.stringContaining('orders:write'),
    });
  });
});

describe(presentedClient.name, () => {
  it('reads a public client from client_id alone, a confidential one from Basic or the body', () => {
    expect(presentedClient({ client_id: 'concierge-mobile' }, undefined)).toEqual({
      clientId: 'concierge-mobile',
      viaBasic: false,
    });
    expect(presentedClient({}, basic('web-bff', 's'))).toEqual({
      clientId: 'web-bff',
      secret: 's',
      viaBasic: true,
    });
    expect(presentedClient({ client_id: 'web-bff', client_secret: 's' }, undefined)).toEqual({
      clientId: 'web-bff',
      secret: 's',
      viaBasic: false,
    });
  });

  it('refuses a body client_id that contradicts the Basic one', () => {
    expect(presentedClient({ client_id: 'other' }, basic('web-bff', 's'))).toMatchObject({
      error: 'invalid_request',
    });
  });
});
