import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  spawnApp,
  startDemoServices,
  type DemoServices,
  type SpawnedApp,
} from '@concierge/shared/util-testing';

/** The fixed demo keys (README). */
export const DEMO_KEYS = {
  acme: 'ck_acme0001.partner-demo-secret-0001',
  globex: 'ck_globex01.partner-demo-secret-0002',
  initech: 'ck_initech1.partner-demo-secret-0003',
} as const;

/** Plans the suites run against: small enough to reach every limit in a few requests. */
export const TEST_PLANS = {
  // The demo apps' plans, as the built-in configuration has them.
  free: { rate: '5/1s,burst=10', quota: '1000/day' },
  standard: { rate: '50/1s,burst=100', quota: '100000/day' },
  // No limit a suite would reach by accident.
  roomy: { rate: '1000/1s,burst=1000', quota: '100000/day' },
  // Three back to back, then one every 10 s.
  bursty: { rate: '1/10s,burst=3', quota: '100000/day' },
  // Five a day, never held back by the rate.
  tiny: { rate: '1000/1s,burst=1000', quota: '5/day' },
  // For the replicas on Redis: 20 a day, and a burst of 10 that hardly refills.
  shared: { rate: '1/60s,burst=10', quota: '100000/day' },
  daily20: { rate: '1000/1s,burst=1000', quota: '20/day' },
} as const;

export type TestPlan = keyof typeof TEST_PLANS;

/** A partner app registered for one test: its id and a live key. */
export interface TestPartner {
  id: string;
  key: string;
}

/** The partner gateway (built bundle, one or more replicas) in front of real demo services. */
export interface PartnerGatewayUnderTest {
  services: DemoServices;
  replicas: SpawnedApp[];
  url: string;
  /** A request with an API key in `X-Api-Key` (or as `Authorization: ApiKey` with `via: 'authorization'`). */
  call(
    path: string,
    key: string,
    init?: RequestInit & { via?: 'x-api-key' | 'authorization'; replica?: number; json?: unknown },
  ): Promise<Response>;
  /** A request straight to the consumers service's admin API (an internal, trusted caller). */
  admin(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Registers a new app on `plan` with one key. */
  partner(plan: TestPlan, status?: 'active' | 'suspended'): Promise<TestPartner>;
  close(): Promise<void>;
}

export interface StartOptions {
  replicas?: number;
  env?: Record<string, string>;
}

function withJson(init: RequestInit & { json?: unknown } = {}): RequestInit {
  const { json, ...rest } = init;
  if (json === undefined) return rest;
  return {
    ...rest,
    method: rest.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...rest.headers },
    body: JSON.stringify(json),
  };
}

export async function startPartnerGateway({
  replicas = 1,
  env = {},
}: StartOptions = {}): Promise<PartnerGatewayUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'partner-api-'));
  const configFile = join(dir, 'partner.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      plans: TEST_PLANS,
      deprecations: {
        'GET /v1/products/:id/availability': {
          deprecation: '2026-11-01T00:00:00Z',
          sunset: '2027-06-30T00:00:00Z',
          link: 'https://developer.example/changes',
        },
      },
    }),
  );
  const services = await startDemoServices();
  const gatewayEnv = {
    ...services.environment,
    PARTNER_CONFIG_FILE: configFile,
    PARTNER_REDIS_PREFIX: `test:partner:${randomUUID()}:`,
    LOG_LEVEL: 'warn',
    ACCESS_LOG: 'false',
    ...env,
  };
  // One after the other, each kept as soon as it runs: a replica that fails to start leaves none behind.
  const started: SpawnedApp[] = [];
  try {
    for (let i = 0; i < replicas; i++) started.push(await spawnApp('partner-api', gatewayEnv));
  } catch (err) {
    await Promise.all(started.map((r) => r.stop()));
    await services.stop();
    throw err;
  }
  const admin = (path: string, init?: RequestInit & { json?: unknown }) =>
    fetch(`${services.urls.consumers}${path}`, withJson(init));
  return {
    services,
    replicas: started,
    url: started[0].url,
    call: (path, key, init = {}) => {
      const { via, replica = 0, ...rest } = init;
      const credential: Record<string, string> =
        via === 'authorization' ? { authorization: `ApiKey ${key}` } : { 'x-api-key': key };
      const request = withJson(rest);
      return fetch(`${started[replica].url}${path}`, {
        ...request,
        headers: { ...credential, ...(request.headers as Record<string, string>) },
      });
    },
    admin,
    partner: async (plan, status = 'active') => {
      const id = `t-${randomUUID().slice(0, 8)}`;
      const created = await admin('/apps', { json: { id, name: `Test ${id}`, plan, status } });
      if (created.status !== 201)
        throw new Error(`creating app ${id}: ${created.status} ${await created.text()}`);
      const issued = await admin(`/apps/${id}/keys`, { method: 'POST' });
      return { id, key: ((await issued.json()) as { key: string }).key };
    },
    close: async () => {
      await Promise.all(started.map((r) => r.stop()));
      await services.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A response body as a test reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const bodyOf = (response: Response): Promise<any> => response.json();

/** Seconds from now to the next 00:00 UTC. */
export function secondsToUtcMidnight(now = Date.now()): number {
  const d = new Date(now);
  return Math.ceil((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now) / 1000);
}
