import { serviceUrlVariable } from '@concierge/shared/util-http';

/**
 * The one list of demo services: their names and default ports. The demo-services process listens
 * on these, `npm start` and the test helpers take the URLs (and the variables that carry them) from
 * what that process prints, and the manifests' test checks its lists against it. Adding a demo
 * service is one entry here.
 */
export const DEMO_SERVICES = {
  identity: { port: 4000, urlVariable: 'IDENTITY_URL' },
  users: { port: 4001 },
  catalog: { port: 4002 },
  orders: { port: 4003 },
  devices: { port: 4004 },
  consumers: { port: 4005 },
} as const satisfies Record<string, { port: number; urlVariable?: string }>;

export type DemoServiceName = keyof typeof DEMO_SERVICES;

/** The names of {@link DEMO_SERVICES}, in their order. */
export const DEMO_SERVICE_NAMES = Object.keys(DEMO_SERVICES) as DemoServiceName[];

/** Where a demo service listens on this machine by default (`npm start`, a gateway's fallback URL). */
export function demoServiceUrl(name: DemoServiceName): string {
  return `http://127.0.0.1:${DEMO_SERVICES[name].port}`;
}

/** The variable a gateway reads this demo service's URL from (`IDENTITY_URL`, `USERS_SERVICE_URL`, ...). */
export function demoServiceUrlVariable(name: DemoServiceName): string {
  const entry = DEMO_SERVICES[name];
  return 'urlVariable' in entry ? entry.urlVariable : serviceUrlVariable(name);
}

/** Running demo services' URLs as the environment a gateway reads them from. */
export function demoServiceEnvironment(
  urls: Readonly<Record<DemoServiceName, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of DEMO_SERVICE_NAMES) env[demoServiceUrlVariable(name)] = urls[name];
  return env;
}
