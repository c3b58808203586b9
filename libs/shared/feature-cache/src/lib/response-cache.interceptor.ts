import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { CACHE_RESPONSE_METADATA, type CacheResponseOptions } from './cache-response.metadata';
import type { CacheHttpResponse, CacheRequest, RouteCacheOptions } from './cache.types';
import { ResponseCache } from './response-cache';

const DEFAULT_TTL_SEC = 60;
const NOT_REPLAYED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/**
 * Serves `@CacheResponse` GET handlers from the response cache: a hit is sent before the handler runs;
 * on a miss the handler runs (once for concurrent misses) and its JSON result is stored. Every other
 * handler passes through untouched. Registered globally by `ResponseCacheModule`.
 */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  constructor(
    private readonly cache: ResponseCache,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<CacheResponseOptions | undefined>(
      CACHE_RESPONSE_METADATA,
      context.getHandler(),
    );
    if (!options || context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method !== 'GET') return next.handle();
    const reply = http.getResponse<FastifyReply>();
    return defer(() => this.respond(request, reply, next, options));
  }

  private async respond(
    request: FastifyRequest,
    reply: FastifyReply,
    next: CallHandler,
    options: CacheResponseOptions,
  ): Promise<Buffer> {
    const ttlSec = options.ttlSec ?? DEFAULT_TTL_SEC;
    const route: RouteCacheOptions = {
      perPrincipal: options.perPrincipal,
      ttlSec,
      route: `${request.method} ${request.routeOptions.url ?? 'unknown'}`,
    };
    const cacheRequest: CacheRequest = { method: request.method, url: request.url, headers: request.headers };
    const found = await this.cache.lookup(cacheRequest, route);
    if (found.status === 'hit' && found.response) return send(reply, found.response);
    const context = { ...route, forward: found.forward, detail: found.detail };
    const render = async (): Promise<CacheHttpResponse> => {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const cacheControl =
        reply.getHeader('cache-control') ??
        `${options.perPrincipal ? 'private' : 'public'}, max-age=${ttlSec}`;
      return {
        status: reply.statusCode,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': String(cacheControl) },
        body: Buffer.from(JSON.stringify(result) ?? ''),
      };
    };
    const { value, collapsed } = await this.cache.coalesce(cacheRequest, render, context);
    return send(reply, collapsed ? value : await this.cache.store(cacheRequest, value, context));
  }
}

function send(reply: FastifyReply, response: CacheHttpResponse): Buffer {
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined && !NOT_REPLAYED.has(name)) reply.header(name, value);
  }
  reply.status(response.status);
  // Nest sends what the handler chain returns; a Buffer goes out as it is, with the content-type set above.
  return response.body;
}
