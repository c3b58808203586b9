export {
  createGateway,
  bootstrapGateway,
  type CreateGatewayOptions,
  type Gateway,
} from './lib/bootstrap/create-gateway';
export { GatewayCoreModule, GATEWAY_NAME } from './lib/gateway-core.module';
export {
  gatewayEnvironmentSchema,
  extendEnvironment,
  type EnvironmentOf,
  type GatewayEnvironment,
} from './lib/config/gateway-environment';
export { GatewayConfig } from './lib/config/gateway-config';
export { oneOf, portVariable, urlVariable, type EnvironmentProperties } from './lib/config/env-types';
export {
  validateEnvironment,
  InvalidEnvironmentError,
  type EnvironmentSchema,
} from './lib/config/validate-environment';
export {
  ReadinessService,
  type ReadinessCheck,
  type ReadinessCheckOptions,
  type ReadinessReport,
} from './lib/health/readiness.service';
export { AdminEndpoints, type AdminEndpoint } from './lib/admin/admin-endpoints';
export { AdminServer } from './lib/admin/admin.server';
export { isLoopbackHost } from './lib/config/admin-environment';
export {
  UPSTREAM_STATUS_SOURCE,
  type UpstreamStatus,
  type UpstreamStatusSource,
} from './lib/health/upstream-status';
export { ProblemDetailsFilter } from './lib/errors/problem-details.filter';
export { otelEnvironment, TRACES_SAMPLERS } from './lib/config/otel-environment';
