import {
  HttpException,
  Inject,
  Injectable,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestContextOf } from '@concierge/shared/util-request-context';
import { callerKey } from './caller-key';
import { clientIp } from './client-ip';
import type { RateLimitPolicy } from './gcra';
import {
  RATE_LIMIT_METADATA,
  SKIP_RATE_LIMIT_METADATA,
  type RateLimitMetadata,
} from './rate-limit.decorator';
import { rateLimitHeaders } from './rate-limit-headers';
import type { RateLimitKeyBy, ResolvedRateLimitOptions } from './rate-limit.options';
import { rateLimitRejection } from './rate-limit.problem';
import { RateLimiter } from './rate-limiter';
import { RATE_LIMIT_OPTIONS } from './rate-limit.tokens';

type Handler = (...args: unknown[]) => unknown;

interface RouteLimit {
  readonly policies: readonly RateLimitPolicy[];
  readonly keyBy: RateLimitKeyBy;
  readonly bucket: string;
}

/**
 * Limits every Nest route (registered globally by `RateLimitModule`). Global guards run in the order their
 * modules are imported, so `AuthModule` must be imported before `RateLimitModule` (the gateway stack does):
 * the auth guard has then put the verified identity in the request context when the bucket is chosen. A
 * guard, not an interceptor: Nest wraps every interceptor in async resources on every request, a cost a
 * decision that needs no view of the response should not pay. Sets the rate-limit headers on every limited
 * response and throws a 429 (or, fail-closed with Redis away, a 503) problem that the gateway's exception
 * filter renders with `Retry-After`. Routes and controllers marked `@SkipRateLimit()` are untouched. Each
 * route's settings are resolved once.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly routes = new WeakMap<object, Map<unknown, RouteLimit | null>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    @Inject(RATE_LIMIT_OPTIONS) private readonly options: ResolvedRateLimitOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = context.getType() === 'http' ? this.routeOf(context) : null;
    if (!route) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const caller = callerKey(route.keyBy, requestContextOf(request)?.identity, () =>
      clientIp(
        request.raw.socket?.remoteAddress,
        request.headers,
        this.options.trustedProxies,
        this.options.forwardedHeader,
      ),
    );
    const decision = await this.limiter.check(`${route.bucket}:${caller}`, route.policies);
    if (!decision.allowed) {
      const rejection = rateLimitRejection(decision);
      throw new HttpException(rejection, rejection.status);
    }
    http.getResponse<FastifyReply>().headers(rateLimitHeaders(decision));
    return true;
  }

  private routeOf(context: ExecutionContext): RouteLimit | null {
    const controller = context.getClass();
    const handler = context.getHandler() as Handler;
    let byHandler = this.routes.get(controller);
    if (!byHandler) this.routes.set(controller, (byHandler = new Map()));
    let route = byHandler.get(handler);
    if (route === undefined) {
      route = this.resolve(controller, handler);
      byHandler.set(handler, route);
    }
    return route;
  }

  private resolve(controller: Type<unknown>, handler: Handler): RouteLimit | null {
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT_METADATA, [handler, controller]))
      return null;
    const onHandler = this.reflector.get<RateLimitMetadata | undefined>(RATE_LIMIT_METADATA, handler);
    const onController = this.reflector.get<RateLimitMetadata | undefined>(RATE_LIMIT_METADATA, controller);
    const own = onHandler ?? onController;
    const policies = own?.policies ?? this.options.defaultPolicies;
    if (policies.length === 0) return null;
    const bucket =
      own?.bucket ??
      (own?.policies === undefined
        ? 'default'
        : onHandler
          ? `${controller.name}.${handler.name}`
          : controller.name);
    return { policies, keyBy: own?.keyBy ?? this.options.keyBy, bucket };
  }
}
