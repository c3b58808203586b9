import { redactConfig } from './redact-config';

describe(redactConfig.name, () => {
  it('hides secrets by their names, whatever they hold', () => {
    const sut = redactConfig({
      JWT_HS256_SECRET: 's3cr3t',
      ADMIN_TOKEN: 'tok',
      REDIS_PASSWORD: 'pw',
      PARTNER_SIGNING_KEY: 'k',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc',
    });
    expect(Object.values(sut)).toEqual([
      '[redacted]',
      '[redacted]',
      '[redacted]',
      '[redacted]',
      '[redacted]',
    ]);
  });

  it('hides the password inside URLs, single or listed, and keeps the rest to debug with', () => {
    expect(
      redactConfig({
        REDIS_URL: 'rediss://app:hunter2@redis.internal:6380/0',
        REDIS_CACHE_URL: 'redis://redis-cache:6379',
        LIST: 'redis://:a@h1:1,redis://:b@h2:2',
      }),
    ).toEqual({
      REDIS_URL: 'rediss://app:[redacted]@redis.internal:6380/0',
      REDIS_CACHE_URL: 'redis://redis-cache:6379',
      LIST: 'redis://:[redacted]@h1:1,redis://:[redacted]@h2:2',
    });
  });

  it('keeps ordinary settings, numbers and booleans as they are, and leaves unset ones out', () => {
    expect(
      redactConfig({
        PORT: 3000,
        MAX_HEADERS: 100,
        ACCESS_LOG: true,
        MAX_HEADER_BYTES: 16384,
        JWT_JWKS_URI: undefined,
      }),
    ).toEqual({
      ACCESS_LOG: true,
      MAX_HEADERS: 100,
      MAX_HEADER_BYTES: 16384,
      PORT: 3000,
    });
  });
});
