import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, switchMap, type Observable } from 'rxjs';
import { BodyBudget, hasPendingBody, readPendingBody } from './deferred-body';

/**
 * Reads a controller route's deferred body once the guards (authentication, rate limits) have let the
 * request through, and before any parameter (`@Body()`) is resolved. Registered globally by the gateway core.
 */
@Injectable()
export class ReadBodyInterceptor implements NestInterceptor {
  constructor(private readonly budget: BodyBudget) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!hasPendingBody(request)) return next.handle();
    return from(readPendingBody(request, this.budget)).pipe(switchMap(() => next.handle()));
  }
}
