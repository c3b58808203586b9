import { Inject, Injectable, Optional, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import {
  RATE_LIMIT_OPTIONS,
  RateLimiter,
  type ResolvedRateLimitOptions,
} from '@concierge/shared/feature-rate-limit';
import { bffOpenApiPaths } from './bff.openapi';
import { bffRateLimit } from './bff-rate-limit';
import { bffRoutes } from './bff.routes';
import { RESOLVED_SESSION_OPTIONS, SESSION_SERVICE } from './session.module-definition';
import { takeSessionCookie } from './session-of-request';
import type { SessionService } from './session.service';
import type { ResolvedSessionOptions } from './session.options';

/**
 * Puts sessions on the gateway's Fastify instance when they are configured: a hook that takes the
 * session cookie out of every request (API calls get the session through the authenticator instead),
 * and the `/bff/*` routes in their own encapsulated context, rate limited by the gateway's limiter when
 * it has one, and described in its API docs (`openApiPaths`).
 */
@Injectable()
export class SessionRoutesInstaller implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(RESOLVED_SESSION_OPTIONS) private readonly options: ResolvedSessionOptions | null,
    @Inject(SESSION_SERVICE) private readonly sessions: SessionService | null,
    @Optional() private readonly limiter?: RateLimiter,
    @Optional() @Inject(RATE_LIMIT_OPTIONS) private readonly limits?: ResolvedRateLimitOptions,
  ) {}

  onModuleInit(): void {
    if (!this.options || !this.sessions) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      // The token handler's own routes read their cookies themselves.
      if (!request.url.startsWith('/bff/')) takeSessionCookie(request.raw.headers);
      done();
    });
    const limit = this.limiter && this.limits ? bffRateLimit(this.limiter, this.limits) : undefined;
    const routes = { sessions: this.sessions, options: this.options };
    fastify.register(async (scope) => {
      if (limit) scope.addHook('onRequest', limit);
      await scope.register(bffRoutes, routes);
    });
  }

  /** The `/bff/*` routes for the gateway's OpenAPI document (none when sessions are off). */
  openApiPaths(): Record<string, Record<string, unknown>> {
    return this.options ? bffOpenApiPaths() : {};
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sessions?.close();
  }
}
