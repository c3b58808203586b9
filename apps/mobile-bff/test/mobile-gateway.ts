import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminServer, createGateway } from '@concierge/shared/feature-gateway-core';
import { passwordToken, startDemoServices, type DemoServices } from '@concierge/shared/util-testing';
import { AppModule } from '../src/app/app.module';
import { configureMobileHttp } from '../src/app/http/mobile-http.configure';
import { mobileEnvironment } from '../src/app/mobile.environment';

/** The real mobile gateway (its AppModule and HTTP set-up, in process) in front of real demo services. */
export interface MobileGatewayUnderTest {
  services: DemoServices;
  app: NestFastifyApplication;
  url: string;
  /** The admin listener (`/metrics`, `/health/upstreams`, `/admin/*`). */
  adminUrl: string;
  /** What the gateway was started with besides PORT, for starting another gateway on the same services. */
  serviceEnv: Record<string, string>;
  token(user?: 'alice' | 'bob' | 'admin'): Promise<string>;
  get(path: string, token: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, token: string, body: string, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

const PASSWORDS = { alice: 'wonderland', bob: 'builder', admin: 'admin-demo' } as const;

export async function startMobileGateway(env: Record<string, string> = {}): Promise<MobileGatewayUnderTest> {
  const services = await startDemoServices();
  const serviceEnv = {
    LOG_LEVEL: 'silent',
    ...services.environment,
  };
  const { app } = await createGateway(AppModule, {
    name: 'mobile-bff',
    schema: mobileEnvironment,
    env: { PORT: '0', ...serviceEnv, ...env },
    configure: configureMobileHttp,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  const adminUrl = app.get(AdminServer).url;
  const tokens = new Map<string, Promise<string>>();
  return {
    services,
    app,
    url,
    adminUrl,
    serviceEnv,
    token: (user = 'alice') => {
      if (!tokens.has(user)) tokens.set(user, passwordToken(services.urls.identity, user, PASSWORDS[user]));
      return tokens.get(user) as Promise<string>;
    },
    get: (path, token, headers = {}) =>
      fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } }),
    post: (path, token, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body,
      }),
    close: async () => {
      await app.close();
      await services.stop();
    },
  };
}

/** A response body as a test reads it: whatever the gateway sent, fields checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const bodyOf = (response: Response): Promise<any> => response.json();
