import { Global, HttpException, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { JwksServer } from '../test/support/jwks-server';
import { generateSigningKey, signToken, type SigningKey } from '../test/support/signing-keys';
import { AuthModule } from './auth.module';
import { Authenticator } from './authenticator.service';
import { SESSION_CREDENTIAL_SOURCE, type SessionCredentialSource } from './session-credentials';

const ISSUER = 'https://id.concierge.test/';
const AUDIENCE = 'concierge-web';

describe('SessionCredentialSource', () => {
  let jwks: JwksServer;
  let key: SigningKey;
  const source: jest.Mocked<SessionCredentialSource> = { bearerTokenFor: jest.fn() };

  beforeAll(async () => {
    key = await generateSigningKey('RS256');
    jwks = await JwksServer.start([key.publicJwk]);
  });
  afterAll(() => jwks.close());
  beforeEach(() => source.bearerTokenFor.mockReset());

  async function authenticator(withSource: boolean): Promise<Authenticator> {
    @Global()
    @Module({
      providers: [{ provide: SESSION_CREDENTIAL_SOURCE, useValue: source }],
      exports: [SESSION_CREDENTIAL_SOURCE],
    })
    class Sessions {}
    const moduleRef = await Test.createTestingModule({
      imports: [
        ...(withSource ? [Sessions] : []),
        AuthModule.forRoot({ realm: 'unit', jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE } }),
      ],
    }).compile();
    return moduleRef.get(Authenticator);
  }

  it('authenticates a request without credentials by its session token, verified like a bearer token', async () => {
    const sut = await authenticator(true);
    const token = await signToken(
      key,
      { sub: 'user-7', scope: 'orders:read' },
      { issuer: ISSUER, audience: AUDIENCE, expiresInSec: 300 },
    );
    source.bearerTokenFor.mockResolvedValue(token);
    const headers: Record<string, string> = { cookie: 'x=1' };
    expect(await sut.authenticate(headers)).toMatchObject({ subject: 'user-7' });
    // The token travels on as the request's own, so declared routes forward it upstream.
    expect(headers['authorization']).toBe(`Bearer ${token}`);
  });

  it('refuses a forged session token exactly as a forged bearer token', async () => {
    const sut = await authenticator(true);
    source.bearerTokenFor.mockResolvedValue('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    await expect(sut.authenticate({})).rejects.toMatchObject({ status: 401 });
  });

  it('never asks the session when the request brings its own credential, and passes its refusals on', async () => {
    const sut = await authenticator(true);
    await expect(sut.authenticate({ authorization: 'Bearer nonsense' })).rejects.toMatchObject({
      status: 401,
    });
    expect(source.bearerTokenFor).not.toHaveBeenCalled();
    source.bearerTokenFor.mockRejectedValue(new HttpException({ status: 403 }, 403));
    await expect(sut.authenticate({})).rejects.toMatchObject({ status: 403 });
  });

  it('answers 401 as before when no sessions library is installed', async () => {
    const sut = await authenticator(false);
    await expect(sut.authenticate({})).rejects.toMatchObject({ status: 401 });
  });
});
