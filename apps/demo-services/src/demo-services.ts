import type { Order } from '@concierge/shared/util-contracts';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { CatalogStore } from './catalog/catalog.store';
import { catalogRoutes } from './catalog/catalog.routes';
import { createServiceApp } from './common/service-app';
import { ConsumerAppStore } from './consumers/consumer-apps.store';
import { ConsumerKeyStore } from './consumers/consumer-keys.store';
import { consumersRoutes } from './consumers/consumers.routes';
import { DEMO_CONSUMER_APPS, DEMO_CONSUMER_KEYS } from './consumers/consumers.seed';
import {
  DEFAULT_PORTS,
  SERVICE_NAMES,
  type DemoServicesOptions,
  type ServiceName,
} from './config/demo-config';
import { CommandsStore } from './devices/commands.store';
import { DeviceKeyStore } from './devices/device-keys.store';
import { devicesRoutes } from './devices/devices.routes';
import { TelemetryStore } from './devices/telemetry.store';
import { CredentialStore } from './identity/credential.store';
import { DEMO_CLIENTS, DEMO_USERS, DEVICE_SCOPES } from './identity/demo-credentials';
import { identityRoutes } from './identity/identity.routes';
import { KeyRing } from './identity/key-ring';
import { TokenIssuer } from './identity/token.issuer';
import { identityProvider } from './identity/identity-provider';
import { DEFAULT_SIGN_IN_LIMITS } from './identity/sign-in-throttle';
import { IdempotencyStore } from './orders/idempotency.store';
import { OrdersStore } from './orders/orders.store';
import { ordersRoutes } from './orders/orders.routes';
import { buildDemoData } from './seed/demo-data';
import { DEFAULT_SEED } from './seed/seed.constants';
import { usersRoutes } from './users/users.routes';

/** DEMO device API keys (README): `dk_demo0001.iot-demo-secret-0001` and `dk_demo0002.iot-demo-secret-0002`. */
const DEMO_DEVICE_KEYS = [
  { deviceId: 'dev-0001', keyId: 'demo0001', secret: 'iot-demo-secret-0001' },
  { deviceId: 'dev-0002', keyId: 'demo0002', secret: 'iot-demo-secret-0002' },
];

export interface RunningDemoServices {
  urls: Record<ServiceName, string>;
  apps: Record<ServiceName, FastifyInstance>;
  /** Closes every server (idle keep-alive sockets included) and stops key rotation. */
  close(): Promise<void>;
}

export type StartOptions = Partial<Omit<DemoServicesOptions, 'ports' | 'identity'>> & {
  ports?: Partial<Record<ServiceName, number>>;
  identity?: Partial<DemoServicesOptions['identity']>;
};

function urlOf(app: FastifyInstance): string {
  const { address, family, port } = app.server.address() as AddressInfo;
  // A wildcard bind is reachable on loopback; print an address a client can actually use.
  const host =
    address === '0.0.0.0'
      ? '127.0.0.1'
      : address === '::'
        ? '[::1]'
        : family === 'IPv6'
          ? `[${address}]`
          : address;
  return `http://${host}:${port}`;
}

/** Builds the six services from one seeded data set and starts them listening. */
export async function startDemoServices(options: StartOptions = {}): Promise<RunningDemoServices> {
  const host = options.host ?? '127.0.0.1';
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const logLevel = options.logLevel ?? 'warn';
  const identity = {
    audience: 'concierge',
    tokenTtlSec: 900,
    refreshTokenTtlSec: 28_800,
    webOrigin: 'http://127.0.0.1:3000',
    signInLimits: DEFAULT_SIGN_IN_LIMITS,
    ...options.identity,
  };
  const data = buildDemoData(options.seed ?? DEFAULT_SEED);

  const apps = {} as Record<ServiceName, FastifyInstance>;
  for (const service of SERVICE_NAMES) apps[service] = await createServiceApp({ service, logLevel });

  const keys = await KeyRing.create();
  let issuerUrl = identity.issuer ?? '';
  const issuer = () => issuerUrl;
  const credentials = await CredentialStore.create(DEMO_USERS, DEMO_CLIENTS);
  const tokens = new TokenIssuer(keys, {
    issuer,
    audience: identity.audience,
    tokenTtlSec: identity.tokenTtlSec,
  });
  await identityRoutes(apps.identity, {
    keys,
    issuer,
    credentials,
    tokens,
    oidc: identityProvider({ ...identity, issuer, keys, credentials, accessTokens: tokens }),
  });

  await usersRoutes(apps.users, data.users);

  const catalog = new CatalogStore(data.catalog);
  await catalogRoutes(apps.catalog, { catalog, recommendations: data.recommendations });

  await ordersRoutes(apps.orders, {
    orders: new OrdersStore(data.orders, (id) => catalog.get(id)?.product.price),
    idempotency: new IdempotencyStore<Order>({ ttlMs: 24 * 3_600_000, maxEntries: 100_000 }),
  });

  const deviceKeys = new DeviceKeyStore(DEVICE_SCOPES);
  for (const k of DEMO_DEVICE_KEYS) deviceKeys.add(k.deviceId, k.keyId, k.secret);
  await devicesRoutes(apps.devices, {
    devices: data.devices,
    telemetry: new TelemetryStore(),
    commands: new CommandsStore(),
    keys: deviceKeys,
  });

  const consumerKeys = new ConsumerKeyStore();
  for (const k of DEMO_CONSUMER_KEYS) consumerKeys.add(k.appId, k.keyId, k.secret);
  await consumersRoutes(apps.consumers, {
    apps: new ConsumerAppStore(DEMO_CONSUMER_APPS),
    keys: consumerKeys,
  });

  const close = async () => {
    if (rotation) clearInterval(rotation);
    await Promise.allSettled(SERVICE_NAMES.map((s) => apps[s].close()));
  };
  let rotation: NodeJS.Timeout | undefined;
  try {
    for (const service of SERVICE_NAMES) await apps[service].listen({ host, port: ports[service] });
  } catch (err) {
    await close();
    throw err;
  }
  const urls = Object.fromEntries(SERVICE_NAMES.map((s) => [s, urlOf(apps[s])])) as Record<
    ServiceName,
    string
  >;
  issuerUrl ||= urls.identity;
  if (identity.keyRotationSec) {
    rotation = setInterval(
      () => void keys.rotate().catch((err) => apps.identity.log.error({ err }, 'key rotation failed')),
      identity.keyRotationSec * 1000,
    );
    rotation.unref();
  }
  return { urls, apps, close };
}
