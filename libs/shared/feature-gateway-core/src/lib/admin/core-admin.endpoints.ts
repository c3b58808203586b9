import { Inject, Injectable, Optional } from '@nestjs/common';
import { UPSTREAM_STATUS_SOURCE, type UpstreamStatusSource } from '../health/upstream-status';
import { AdminEndpoints } from './admin-endpoints';
import { redactConfig } from './redact-config';

/** The configuration the gateway runs with, validated once at start-up. */
export const EFFECTIVE_CONFIG = Symbol('EFFECTIVE_CONFIG');

/**
 * The gateway core's own operator endpoints: `GET /health/upstreams` (upstreams with their internal URLs
 * and breaker states) and `GET /admin/config` (the effective configuration, secrets redacted).
 */
@Injectable()
export class CoreAdminEndpoints {
  constructor(
    endpoints: AdminEndpoints,
    @Inject(EFFECTIVE_CONFIG) config: Record<string, unknown>,
    @Optional() @Inject(UPSTREAM_STATUS_SOURCE) upstreams?: UpstreamStatusSource,
  ) {
    const redacted = redactConfig(config);
    endpoints.add({
      method: 'GET',
      url: '/health/upstreams',
      handler: () => ({ upstreams: upstreams?.list() ?? [] }),
    });
    endpoints.add({ method: 'GET', url: '/admin/config', handler: () => ({ config: redacted }) });
  }
}
