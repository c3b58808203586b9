import { HttpException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { responseHeadersOf } from '@concierge/shared/util-http';
import type { RequestContext } from '@concierge/shared/util-request-context';
import { JwksServer } from '../test/support/jwks-server';
import { generateSigningKey, signToken, type SigningKey } from '../test/support/signing-keys';
import { AuthModule } from './auth.module';
import { Authenticator } from './authenticator.service';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'https://id.concierge.test/';
const AUDIENCE = 'concierge-web';

describe(Authenticator.name, () => {
  let jwks: JwksServer;
  let key: SigningKey;
  let sut: Authenticator;
  let verifications: jest.SpyInstance;
  const token = (expiresInSec = 300) =>
    signToken(
      key,
      { sub: 'user-1', scope: 'orders:read' },
      { issuer: ISSUER, audience: AUDIENCE, expiresInSec },
    );

  beforeAll(async () => {
    key = await generateSigningKey('RS256');
    jwks = await JwksServer.start([key.publicJwk]);
  });
  afterAll(() => jwks.close());

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot({
          realm: 'unit',
          jwt: { jwksUri: jwks.url, issuer: ISSUER, audience: AUDIENCE, clockToleranceSec: 0 },
        }),
      ],
    }).compile();
    sut = moduleRef.get(Authenticator);
    verifications = jest.spyOn(TokenVerifier.prototype, 'verify');
  });
  afterEach(() => {
    verifications.mockRestore();
    jest.useRealTimers();
  });

  it('verifies the signature of a token once, however often it is presented', async () => {
    const bearer = { authorization: `Bearer ${await token()}` };
    await sut.authenticate(bearer);
    await sut.authenticate(bearer);
    await Promise.all([sut.authenticate(bearer), sut.authenticate(bearer)]);
    expect(verifications).toHaveBeenCalledTimes(1);
  });

  it('shares one verification among concurrent first requests with a token', async () => {
    const bearer = { authorization: `Bearer ${await token()}` };
    await Promise.all(Array.from({ length: 10 }, () => sut.authenticate(bearer)));
    expect(verifications).toHaveBeenCalledTimes(1);
  });

  it('rejects a cached token once it has expired', async () => {
    const bearer = { authorization: `Bearer ${await token(60)}` };
    await expect(sut.authenticate(bearer)).resolves.toMatchObject({ subject: 'user-1' });

    // Only the wall clock moves (as it would between requests); the cache entry itself is still "fresh".
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'performance',
        'hrtime',
      ],
    });
    jest.setSystemTime(Date.now() + 61_000);

    const failure = await sut.authenticate(bearer).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(HttpException);
    expect((failure as HttpException).getStatus()).toBe(401);
    expect(responseHeadersOf((failure as HttpException).getResponse())?.['www-authenticate']).toContain(
      'The access token expired',
    );
  });

  it('does not cache failures', async () => {
    const bearer = { authorization: `Bearer ${await token()}x` };
    await expect(sut.authenticate(bearer)).rejects.toBeInstanceOf(HttpException);
    await expect(sut.authenticate(bearer)).rejects.toBeInstanceOf(HttpException);
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it("sets the request context's identity from the principal, replacing whatever was there", async () => {
    const context: RequestContext = {
      requestId: 'r-1',
      identity: { 'x-user-id': 'spoofed', 'x-device-id': 'spoofed' },
    };
    const bearer = { authorization: `Bearer ${await token()}`, 'x-user-id': 'spoofed-too' };
    await sut.authenticate(bearer, {}, context);
    expect(context.identity).toEqual({ 'x-user-id': 'user-1', 'x-user-scopes': 'orders:read' });
  });

  it('answers device keys with 401 when none are configured, naming only Bearer', async () => {
    const failure = (await sut
      .authenticate({ 'x-device-key': 'dk_1' })
      .catch((err: unknown) => err)) as HttpException;
    expect(failure.getStatus()).toBe(401);
    expect(responseHeadersOf(failure.getResponse())).toEqual({ 'www-authenticate': 'Bearer realm="unit"' });
  });
});
