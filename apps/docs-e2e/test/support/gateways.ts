import { join } from 'node:path';
import { SCOPES } from '@concierge/shared/util-contracts';
import { loadRoutesFile, openApiPathsOf, type OpenApiPaths } from '@concierge/shared/feature-routes';
import { spawnApp, workspaceRoot, type DemoServices, type SpawnedApp } from '@concierge/shared/util-testing';

export const GATEWAYS = ['web-bff', 'mobile-bff', 'iot-bff', 'partner-api'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

/** The environment that points a gateway at the demo services. */
function serviceEnv(services: DemoServices): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    ...services.environment,
  };
}

/** A built gateway (`dist/apps/<name>/main.js`) in front of the demo services. */
export function startGateway(name: GatewayName, services: DemoServices): Promise<SpawnedApp> {
  return spawnApp(name, serviceEnv(services), { timeoutMs: 30_000 });
}

/** The OpenAPI paths the gateway's built-in routes file declares, as the routes library describes them. */
export function declaredPathsOf(name: GatewayName, services: DemoServices): OpenApiPaths {
  const routesFile = join(workspaceRoot(), 'dist', 'apps', name, 'routes.yaml');
  const { identity: _identity, ...serviceUrls } = services.urls;
  return openApiPathsOf(loadRoutesFile(routesFile, { services: serviceUrls, knownScopes: SCOPES }));
}
