import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminServer, createGateway } from '@concierge/shared/feature-gateway-core';
import {
  passwordToken,
  startDemoServices,
  type DemoServiceName,
  type DemoServices,
} from '@concierge/shared/util-testing';
import { AppModule } from '../src/app/app.module';
import { webEnvironment } from '../src/app/web.environment';

/** The real web gateway (its AppModule, in process) in front of real demo services (a child process). */
export interface WebGatewayUnderTest {
  services: DemoServices;
  app: NestFastifyApplication;
  url: string;
  /** The admin listener (`/metrics`, `/health/upstreams`, `/admin/*`). */
  adminUrl: string;
  token(user?: DemoUser): Promise<string>;
  /** A token narrowed to some of the user's scopes (space-separated), for 403 tests. */
  tokenWithScopes(user: DemoUser, scope: string): Promise<string>;
  get(path: string, token: string, headers?: Record<string, string>): Promise<Response>;
  /** POSTs `body` as sent: a string goes out verbatim (malformed JSON tests), anything else as JSON. */
  post(path: string, token: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** How many calls one service received since its counter was last reset. */
  calls(service: DemoServiceName): Promise<number>;
  close(): Promise<void>;
}

const PASSWORDS = { alice: 'wonderland', bob: 'builder', admin: 'admin-demo' } as const;
export type DemoUser = keyof typeof PASSWORDS;

/** Extra gateway environment: fixed values, or values derived from the running services (e.g. a proxy's URL). */
export type GatewayEnv =
  Record<string, string> | ((services: DemoServices) => Promise<Record<string, string>>);

/** Where the gateway listens (default an ephemeral port) and what the demo services get in their environment. */
export interface StartWebGatewayOptions {
  port?: number;
  demoEnv?: Record<string, string>;
}

export async function startWebGateway(
  extra: GatewayEnv = {},
  options: StartWebGatewayOptions = {},
): Promise<WebGatewayUnderTest> {
  const services = await startDemoServices(options.demoEnv);
  let app: NestFastifyApplication;
  try {
    const env = typeof extra === 'function' ? await extra(services) : extra;
    app = await listenWebGateway(services, env, options.port);
  } catch (error) {
    // A gateway that fails to start must not leave its demo services running (the suite would never end).
    await services.stop();
    throw error;
  }
  const url = await app.getUrl();
  const adminUrl = app.get(AdminServer).url;
  const tokens = new Map<string, Promise<string>>();
  return {
    services,
    app,
    url,
    adminUrl,
    token: (user = 'alice') => {
      if (!tokens.has(user)) tokens.set(user, passwordToken(services.urls.identity, user, PASSWORDS[user]));
      return tokens.get(user) as Promise<string>;
    },
    tokenWithScopes: (user, scope) => passwordToken(services.urls.identity, user, PASSWORDS[user], scope),
    get: (path, token, headers = {}) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }),
    post: (path, token, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    calls: async (service) => (await services.stats(service)).total,
    close: async () => {
      await app.close();
      await services.stop();
    },
  };
}

/** One more web gateway (its AppModule, in process) in front of already running demo services, e.g. a second replica. */
export async function listenWebGateway(
  services: DemoServices,
  env: Record<string, string>,
  port = 0,
): Promise<NestFastifyApplication> {
  const { app } = await createGateway(AppModule, {
    name: 'web-bff',
    schema: webEnvironment,
    env: { PORT: '0', LOG_LEVEL: 'silent', ...serviceEnvironment(services), ...env },
  });
  await app.listen({ port, host: '127.0.0.1' });
  return app;
}

/** The demo services' URLs as a gateway process reads them from its environment. */
export function serviceEnvironment(services: DemoServices): Record<string, string> {
  return services.environment;
}

/** A response body as a test reads it: whatever the gateway sent, fields checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const bodyOf = (response: Response): Promise<any> => response.json();
