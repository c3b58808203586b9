import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AdminServer, createGateway } from '@concierge/shared/feature-gateway-core';
import {
  clientToken,
  passwordToken,
  startDemoServices,
  type DemoServices,
} from '@concierge/shared/util-testing';
import { AppModule } from '../src/app/app.module';
import { configureIotGateway } from '../src/app/configure-iot-gateway';
import { iotEnvironment } from '../src/app/iot.environment';

/** The fixed demo device keys (README). */
export const DEVICE_KEYS = {
  'dev-0001': 'dk_demo0001.iot-demo-secret-0001',
  'dev-0002': 'dk_demo0002.iot-demo-secret-0002',
} as const;

/** How a request proves who it is: a device key (either header), or a bearer token. */
export type Credential = { deviceKey: string; via?: 'x-device-key' | 'apikey' } | { bearer: string };

/** The real IoT gateway (its AppModule, in process) in front of real demo services (a child process). */
export interface IotGatewayUnderTest {
  services: DemoServices;
  app: NestFastifyApplication;
  url: string;
  /** The admin listener (`/metrics`, `/health/upstreams`, `/admin/*`). */
  adminUrl: string;
  /** A request to the gateway with the credential in the right header. */
  call(
    path: string,
    credential: Credential,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A request straight to the devices service (as an internal caller: no identity headers). */
  devices(path: string, init?: { method?: string; body?: unknown }): Promise<Response>;
  userToken(user: 'alice' | 'bob'): Promise<string>;
  deviceToken(deviceId: 'dev-0001' | 'dev-0002'): Promise<string>;
  close(): Promise<void>;
}

const PASSWORDS = { alice: 'wonderland', bob: 'builder' } as const;
const CLIENT_SECRETS = { 'dev-0001': 'iot-demo-secret-0001', 'dev-0002': 'iot-demo-secret-0002' } as const;

function authHeaders(credential: Credential): Record<string, string> {
  if ('bearer' in credential) return { authorization: `Bearer ${credential.bearer}` };
  return credential.via === 'apikey'
    ? { authorization: `ApiKey ${credential.deviceKey}` }
    : { 'x-device-key': credential.deviceKey };
}

function requestInit(
  init: { method?: string; body?: unknown; headers?: Record<string, string> },
  headers: Record<string, string>,
): RequestInit {
  const hasBody = init.body !== undefined;
  return {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: {
      ...(hasBody && typeof init.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...headers,
      ...init.headers,
    },
    body: hasBody ? (typeof init.body === 'string' ? init.body : JSON.stringify(init.body)) : undefined,
  };
}

export async function startIotGateway(env: Record<string, string> = {}): Promise<IotGatewayUnderTest> {
  const services = await startDemoServices();
  const { app } = await createGateway(AppModule, {
    name: 'iot-bff',
    schema: iotEnvironment,
    configure: configureIotGateway,
    env: {
      PORT: '0',
      LOG_LEVEL: 'silent',
      ...services.environment,
      ...env,
    },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  const adminUrl = app.get(AdminServer).url;
  return {
    services,
    app,
    url,
    adminUrl,
    call: (path, credential, init = {}) => fetch(`${url}${path}`, requestInit(init, authHeaders(credential))),
    devices: (path, init = {}) => fetch(`${services.urls.devices}${path}`, requestInit(init, {})),
    userToken: (user) => passwordToken(services.urls.identity, user, PASSWORDS[user]),
    deviceToken: (deviceId) => clientToken(services.urls.identity, deviceId, CLIENT_SECRETS[deviceId]),
    close: async () => {
      await app.close();
      await services.stop();
    },
  };
}

/** A response body as a test reads it: whatever the gateway sent, fields checked by the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const bodyOf = (response: Response): Promise<any> => response.json();

/** Readings `from`..`to` (inclusive) as a device would send them. */
export function readings(
  from: number,
  to: number,
): Array<{ seq: number; ts: string; metrics: Record<string, number> }> {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    seq: from + i,
    ts: new Date(Date.UTC(2025, 0, 1, 0, 0, from + i)).toISOString(),
    metrics: { t: 20 + ((from + i) % 10), h: 45 },
  }));
}
