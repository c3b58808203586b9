import { DEMO_SERVICE_NAMES, DEMO_SERVICES, type DemoServiceName } from '@concierge/shared/util-contracts';
import { DEFAULT_SEED } from '../seed/seed.constants';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../identity/sign-in-throttle';

/** The demo services, from the one registry (util-contracts' `DEMO_SERVICES`). */
export const SERVICE_NAMES = DEMO_SERVICE_NAMES;
export type ServiceName = DemoServiceName;

export interface IdentityOptions {
  /** Defaults to the identity service's own URL once it listens. */
  issuer?: string;
  audience: string;
  tokenTtlSec: number;
  /** Rotate the signing key on this interval; off when undefined. */
  keyRotationSec?: number;
  /** Absolute lifetime of a sign-in's refresh tokens; rotation never extends it. */
  refreshTokenTtlSec: number;
  /** The public origin of the web gateway, whose `/bff/callback` the `web-bff` client may redirect to. */
  webOrigin: string;
  /** Brute-force limits of the sign-in form and the password grant (failed attempts per IP, per username). */
  signInLimits: SignInLimits;
}

export interface DemoServicesOptions {
  host: string;
  ports: Record<ServiceName, number>;
  logLevel: string;
  seed: number;
  identity: IdentityOptions;
}

export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = Object.fromEntries(
  SERVICE_NAMES.map((name) => [name, DEMO_SERVICES[name].port]),
) as Record<ServiceName, number>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A bad environment variable, named, so the process can stop with a message that says what to fix. */
export class ConfigError extends Error {
  constructor(variable: string, rule: string, value: string) {
    super(`${variable}=${JSON.stringify(value)}: ${rule}`);
    this.name = 'ConfigError';
  }
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value < min || value > max)
    throw new ConfigError(name, `must be an integer from ${min} to ${max}`, raw);
  return value;
}

/** Reads and validates the environment once, at start-up. */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoServicesOptions {
  const ports = Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      name,
      integer(env, `${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name], 0, 65535),
    ]),
  ) as Record<ServiceName, number>;
  const logLevel = env['LOG_LEVEL'] || 'warn';
  if (!LOG_LEVELS.includes(logLevel))
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`, logLevel);
  const issuer = env['IDENTITY_ISSUER'] || undefined;
  if (issuer !== undefined && !/^https?:\/\/[^\s/]+/.test(issuer))
    throw new ConfigError('IDENTITY_ISSUER', 'must be an http(s) URL', issuer);
  const rotation = integer(env, 'IDENTITY_KEY_ROTATION_SEC', 0, 0, 31_536_000);
  const webOrigin = env['IDENTITY_WEB_ORIGIN'] || 'http://127.0.0.1:3000';
  if (!/^https?:\/\/[^\s/]+$/.test(webOrigin))
    throw new ConfigError(
      'IDENTITY_WEB_ORIGIN',
      'must be an origin (scheme://host[:port], no path)',
      webOrigin,
    );
  return {
    host: env['HOST'] || '127.0.0.1',
    ports,
    logLevel,
    seed: integer(env, 'DEMO_SEED', DEFAULT_SEED, 0, 2 ** 32 - 1),
    identity: {
      issuer: issuer?.replace(/\/+$/, ''),
      audience: env['IDENTITY_AUDIENCE'] || 'concierge',
      tokenTtlSec: integer(env, 'IDENTITY_TOKEN_TTL_SEC', 900, 1, 86_400),
      keyRotationSec: rotation > 0 ? rotation : undefined,
      refreshTokenTtlSec: integer(env, 'IDENTITY_REFRESH_TOKEN_TTL_SEC', 28_800, 1, 2_592_000),
      webOrigin,
      signInLimits: {
        perIp: integer(env, 'IDENTITY_SIGNIN_FAILURES_PER_IP', DEFAULT_SIGN_IN_LIMITS.perIp, 1, 1_000_000),
        perUsername: integer(
          env,
          'IDENTITY_SIGNIN_FAILURES_PER_USER',
          DEFAULT_SIGN_IN_LIMITS.perUsername,
          1,
          1_000_000,
        ),
        windowSec: integer(env, 'IDENTITY_SIGNIN_WINDOW_SEC', DEFAULT_SIGN_IN_LIMITS.windowSec, 1, 86_400),
      },
    },
  };
}
