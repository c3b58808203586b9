import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { bffRoutes } from './bff.routes';
import { RESOLVED_SESSION_OPTIONS, SESSION_SERVICE } from './session.module-definition';
import { takeSessionCookie } from './session-of-request';
import type { SessionService } from './session.service';
import type { ResolvedSessionOptions } from './session.options';

/**
 * Puts sessions on the gateway's Fastify instance when they are configured: a hook that takes the
 * session cookie out of every request (API calls get the session through the authenticator instead),
 * and the `/bff/*` routes in their own encapsulated context.
 */
@Injectable()
export class SessionRoutesInstaller implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(RESOLVED_SESSION_OPTIONS) private readonly options: ResolvedSessionOptions | null,
    @Inject(SESSION_SERVICE) private readonly sessions: SessionService | null,
  ) {}

  onModuleInit(): void {
    if (!this.options || !this.sessions) return;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      // The token handler's own routes read their cookies themselves.
      if (!request.url.startsWith('/bff/')) takeSessionCookie(request.raw.headers);
      done();
    });
    fastify.register(bffRoutes, { sessions: this.sessions, options: this.options });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sessions?.close();
  }
}
