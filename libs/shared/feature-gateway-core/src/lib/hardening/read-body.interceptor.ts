import {
  Injectable,
  RequestMethod,
  type CallHandler,
  type ExecutionContext,
  type INestApplication,
  type NestInterceptor,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, switchMap, type Observable } from 'rxjs';
import { BodyBudget, hasPendingBody, readPendingBody } from './deferred-body';

/**
 * Reads a controller route's deferred body once the guards (authentication, rate limits) have let the
 * request through, and before any parameter (`@Body()`) is resolved. Put on the routes that can receive a
 * body by {@link readBodiesAfterGuards}.
 */
@Injectable()
class ReadBodyInterceptor implements NestInterceptor {
  constructor(private readonly budget: BodyBudget) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!hasPendingBody(request)) return next.handle();
    return from(readPendingBody(request, this.budget)).pipe(switchMap(() => next.handle()));
  }
}

/** Methods Fastify never reads a body for. */
const BODILESS: ReadonlySet<unknown> = new Set([RequestMethod.GET, RequestMethod.HEAD]);

/**
 * Puts `ReadBodyInterceptor` on every controller handler whose method can carry a body (all but GET and
 * HEAD), rather than globally. A route with any interceptor runs NestJS's interceptor chain on every
 * request (rxjs `defer`/`mergeAll`, and `AsyncResource.bind`, which on Node 20 builds a deprecation getter
 * on each call): 40 % of the CPU time of a GET through a BFF controller (`bench/ab.mjs`: 191 → 115 µs).
 * Must run after the modules are scanned and before the router is built (`app.init()`); the handlers'
 * metadata is Nest's own `@UseInterceptors`, with the interceptor first.
 */
export function readBodiesAfterGuards(app: INestApplication): void {
  const interceptor = new ReadBodyInterceptor(app.get(BodyBudget));
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      const prototype = (metatype as { prototype?: object } | null)?.prototype;
      if (!prototype) continue;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (method === undefined || BODILESS.has(method)) continue;
        // Another gateway of this process may have put its own there (tests start several).
        const others = ((Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[]) ?? []).filter(
          (existing) => !(existing instanceof ReadBodyInterceptor),
        );
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [interceptor, ...others], handler);
      }
    }
  }
}
