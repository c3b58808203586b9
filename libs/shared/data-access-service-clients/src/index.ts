export { ServiceClientsModule } from './lib/service-clients.module';
export { SERVICE_CLIENTS_OPTIONS } from './lib/service-clients.module-definition';
export type {
  BreakerOptions,
  BulkheadOptions,
  RetryOptions,
  ServiceClientDefaults,
  ServiceClientsModuleOptions,
  UpstreamServiceOptions,
} from './lib/service-clients.options';
export { DEFAULT_SERVICE_CLIENT_SETTINGS } from './lib/service-clients.options';
export { UpstreamClient } from './lib/upstream.client';
export type { CallOptions, QueryValue, UpstreamRequest, UpstreamResponse } from './lib/upstream-request';
export {
  declareServices,
  declaredClients,
  type ServiceClientClass,
  type ServiceDeclaration,
  type ServiceDeclarations,
} from './lib/service-declarations';
export {
  serviceUrlEnvironment,
  serviceUrlsFrom,
  type ServiceUrlProperties,
} from './lib/service-url-environment';
export { pathSegment, DotSegmentException } from './lib/path-segment';
export { UpstreamRegistry } from './lib/upstream-registry';
export type { UpstreamStatus } from './lib/upstream-registry';
export { UpstreamEvents } from './lib/upstream-events';
export type {
  BreakerStateEvent,
  CallFinishedEvent,
  CallStartedEvent,
  RetryEvent,
  UpstreamCallSpan,
  UpstreamCallTracer,
  UpstreamEvent,
} from './lib/upstream-events';
export type { BreakerState } from './lib/resilience/upstream-policy';
export { UpstreamException } from './lib/errors/upstream.exception';
export type { UpstreamFailure } from './lib/errors/upstream.exception';
export type { UpstreamFailureCode } from './lib/errors/upstream-failure';
export { mapUpstreamError, passThroughProblem, refusalOf } from './lib/errors/upstream-error.mapper';
export { UpstreamStatusError } from './lib/transport/upstream-exchange';
export type { Upstream } from './lib/upstream-registry';
export { UndiciTransport } from './lib/transport/undici.transport';
export { createUpstreamAxios, undiciAdapter } from './lib/transport/undici.adapter';
export { createStockHttpService } from './lib/transport/stock-http.factory';
