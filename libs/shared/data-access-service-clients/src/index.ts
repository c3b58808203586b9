export { ServiceClientsModule } from './lib/service-clients.module';
export type { ServiceClientsModuleOptions } from './lib/service-clients.options';
export { UpstreamClient } from './lib/upstream.client';
export type { CallOptions } from './lib/upstream-request';
export { declareServices, declaredClients, type ServiceDeclarations } from './lib/service-declarations';
export { serviceUrlEnvironment, serviceUrlsFrom } from './lib/service-url-environment';
export { pathSegment, DotSegmentException } from './lib/path-segment';
export { UpstreamRegistry } from './lib/upstream-registry';
export { SharedPoolsDispatcher } from './lib/transport/shared-pools.dispatcher';
export { UpstreamEvents } from './lib/upstream-events';
export type {
  CallFinishedEvent,
  UpstreamCallSpan,
  UpstreamCallTracer,
  UpstreamEvent,
} from './lib/upstream-events';
export type { BreakerState } from './lib/resilience/upstream-policy';
export { UpstreamException } from './lib/errors/upstream.exception';
export { CallCancelledError, failureCodeOf } from './lib/errors/upstream-failure';
export { mapUpstreamError, passThroughProblem, refusalOf } from './lib/errors/upstream-error.mapper';
export { UpstreamStatusError } from './lib/transport/upstream-exchange';
export type { Upstream } from './lib/upstream-registry';
