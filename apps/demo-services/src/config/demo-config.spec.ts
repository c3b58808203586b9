import { ConfigError, loadDemoConfig } from './demo-config';

describe(loadDemoConfig.name, () => {
  it('defaults to the documented ports, host, log level and token settings', () => {
    const sut = loadDemoConfig({});
    expect(sut.ports).toEqual({
      identity: 4000,
      users: 4001,
      catalog: 4002,
      orders: 4003,
      devices: 4004,
      consumers: 4005,
    });
    expect(sut.host).toBe('127.0.0.1');
    expect(sut.logLevel).toBe('warn');
    expect(sut.identity).toEqual({
      issuer: undefined,
      audience: 'concierge',
      tokenTtlSec: 900,
      keyRotationSec: undefined,
      refreshTokenTtlSec: 28_800,
      webOrigin: 'http://127.0.0.1:3000',
      signInLimits: { perIp: 20, perUsername: 5, windowSec: 900 },
    });
  });

  it('takes the sign-in limits from their variables', () => {
    const sut = loadDemoConfig({
      IDENTITY_SIGNIN_FAILURES_PER_IP: '50',
      IDENTITY_SIGNIN_FAILURES_PER_USER: '3',
      IDENTITY_SIGNIN_WINDOW_SEC: '60',
    });
    expect(sut.identity.signInLimits).toEqual({ perIp: 50, perUsername: 3, windowSec: 60 });
    expect(() => loadDemoConfig({ IDENTITY_SIGNIN_FAILURES_PER_USER: '0' })).toThrow(
      /IDENTITY_SIGNIN_FAILURES_PER_USER/,
    );
  });

  it('takes every port from its own variable, 0 meaning ephemeral', () => {
    const sut = loadDemoConfig({
      IDENTITY_PORT: '0',
      USERS_PORT: '5001',
      CATALOG_PORT: '0',
      ORDERS_PORT: '5003',
      DEVICES_PORT: '0',
      CONSUMERS_PORT: '0',
    });
    expect(sut.ports).toEqual({
      identity: 0,
      users: 5001,
      catalog: 0,
      orders: 5003,
      devices: 0,
      consumers: 0,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadDemoConfig({ CATALOG_PORT: 'abc' })).toThrow(/CATALOG_PORT/);
    expect(() => loadDemoConfig({ USERS_PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadDemoConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadDemoConfig({ IDENTITY_TOKEN_TTL_SEC: '0' })).toThrow(/IDENTITY_TOKEN_TTL_SEC/);
    expect(() => loadDemoConfig({ IDENTITY_ISSUER: 'not a url' })).toThrow(/IDENTITY_ISSUER/);
    expect(() => loadDemoConfig({ IDENTITY_WEB_ORIGIN: 'https://web.example/app' })).toThrow(
      /IDENTITY_WEB_ORIGIN/,
    );
  });
});
