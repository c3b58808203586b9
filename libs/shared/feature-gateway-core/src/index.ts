export { createGateway, bootstrapGateway } from './lib/bootstrap/create-gateway';
export { CallContext } from './lib/bootstrap/call-context.decorator';
export { GATEWAY_NAME } from './lib/gateway-core.module';
export {
  gatewayEnvironmentSchema,
  extendEnvironment,
  type EnvironmentOf,
} from './lib/config/gateway-environment';
export { GatewayConfig } from './lib/config/gateway-config';
export { portVariable, urlVariable } from './lib/config/env-types';
export { InvalidEnvironmentError } from './lib/config/validate-environment';
export { ReadinessService } from './lib/health/readiness.service';
export { AdminEndpoints } from './lib/admin/admin-endpoints';
export { AdminServer } from './lib/admin/admin.server';
export { UPSTREAM_STATUS_SOURCE } from './lib/health/upstream-status';
export { routeMethodsOf, type RouteMethods } from './lib/errors/route-methods';
