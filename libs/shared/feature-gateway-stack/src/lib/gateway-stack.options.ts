import type { Type } from '@nestjs/common';
import type { ServiceDeclarations } from '@concierge/shared/data-access-service-clients';
import type { ApiKeyOptions, DeviceKeyOptions } from '@concierge/shared/feature-auth';
import type { RateLimitKeyBy } from '@concierge/shared/feature-rate-limit';

/** How device keys are checked: a typed client of the gateway's and a call of it. */
export interface DeviceKeyVerification<C = unknown> {
  /** A declared service's client (injected). */
  client: Type<C>;
  /**
   * Checks one key through it. `check.known` is false for a key nobody has seen succeed: anyone can cause
   * those checks, so run them apart from genuine traffic (e.g. the service client's `isolation` option).
   */
  verify(client: C, key: string, check: { known: boolean }): ReturnType<DeviceKeyOptions['verifier']>;
}

/** How third-party API keys are checked: a typed client of the gateway's and a call of it. */
export interface ApiKeyVerification<C = unknown> {
  /** A declared service's client (injected). */
  client: Type<C>;
  /** Checks one key through it: whose client it is, with the scopes, roles and claims it gets. */
  verify(client: C, key: string): ReturnType<ApiKeyOptions['verifier']>;
  /**
   * How many checks of unknown keys one client may have fail at once, and how many come back a minute,
   * read from the gateway's validated configuration (default 10 and 10, as for device keys).
   */
  failedAttempts?(env: Record<string, unknown>): { burst: number; perMinute: number };
}

/** What makes one gateway's stack differ from another's; everything else comes from configuration. */
export interface GatewayStackOptions {
  /** The realm of `WWW-Authenticate` challenges, e.g. `concierge-web`. */
  realm: string;
  /** The services this gateway calls (and may declare routes to): its `declareServices(...)`. */
  services: ServiceDeclarations;
  /** Whose bucket a request counts against when a route says nothing else. */
  rateLimitKeyBy: RateLimitKeyBy;
  /** The gateway's own default policy; `RATE_LIMIT_DEFAULT` wins over it. */
  defaultRateLimit: string;
  /** The routes file the app ships; `ROUTES_FILE` wins over it. */
  routesFile: string;
  /** Clock leeway for tokens when `JWT_CLOCK_TOLERANCE_SEC` is unset (devices' clocks drift: IoT wants more). */
  clockToleranceSec?: number;
  /** Accept device API keys, checked this way. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  deviceKeys?: DeviceKeyVerification<any>;
  /** Accept third-party API keys (`X-Api-Key`, `Authorization: ApiKey`), checked this way; not with `deviceKeys`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  apiKeys?: ApiKeyVerification<any>;
}
