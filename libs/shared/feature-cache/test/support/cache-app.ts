import {
  All,
  Controller,
  Inject,
  Injectable,
  Module,
  Req,
  Res,
  UseGuards,
  type CanActivate,
  type DynamicModule,
  type ExecutionContext,
} from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Registry } from 'prom-client';
import { createGateway } from '@concierge/shared/feature-gateway-core';
import { startOrigin, type Origin } from '@concierge/shared/util-testing';
import { withoutHopByHop } from '@concierge/shared/util-http';
import { requestContextOf } from '@concierge/shared/util-request-context';
import {
  ResponseCache,
  ResponseCacheModule,
  type CacheHttpResponse,
  type ResponseCacheModuleOptions,
} from '../../src';

const ORIGIN_URL = Symbol('ORIGIN_URL');

/** Stands in for the auth layer: the verified principal comes from `x-test-user` into the request context. */
@Injectable()
class TestPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = request.headers['x-test-user'];
    const requestContext = requestContextOf(request);
    if (typeof user === 'string' && requestContext) requestContext.identity['x-user-id'] = user;
    return true;
  }
}

const FORWARDED = [
  'authorization',
  'accept-language',
  'cache-control',
  'pragma',
  'if-none-match',
  'if-modified-since',
  'range',
];

/**
 * A pass-through route: `/proxy/<path>` goes to `<origin>/<path>` through `ResponseCache.handle`;
 * under `/proxy/mine/` entries are per principal (the route option a declared route's `cache.perPrincipal` sets).
 */
@Controller('proxy')
@UseGuards(TestPrincipalGuard)
class ProxyController {
  constructor(
    private readonly cache: ResponseCache,
    @Inject(ORIGIN_URL) private readonly origin: string,
  ) {}

  @All('*')
  async proxy(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const upstreamUrl = this.origin + request.url.slice('/proxy'.length);
    const forwarded: Record<string, string> = {};
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (typeof value === 'string') forwarded[name] = value;
    }
    const response = await this.cache.handle(
      {
        method: request.method,
        url: request.url,
        headers: request.headers,
        identity: requestContextOf(request)?.identity ?? {},
      },
      async (conditional): Promise<CacheHttpResponse> => {
        const upstream = await fetch(upstreamUrl, {
          method: request.method,
          headers: { ...forwarded, ...conditional },
        });
        return {
          status: upstream.status,
          headers: Object.fromEntries(upstream.headers),
          body: Buffer.from(await upstream.arrayBuffer()),
        };
      },
      { route: 'proxy', perPrincipal: request.url.startsWith('/proxy/mine/') },
    );
    const { 'content-length': _length, ...headers } = withoutHopByHop(response.headers);
    reply.status(response.status).headers(headers).send(response.body);
  }
}

function cacheTestModule(origin: string, options: ResponseCacheModuleOptions): DynamicModule {
  @Module({})
  class CacheTestModule {}
  return {
    module: CacheTestModule,
    imports: [
      ResponseCacheModule.forRootAsync({ useFactory: () => ({ registry: new Registry(), ...options }) }),
    ],
    controllers: [ProxyController],
    providers: [{ provide: ORIGIN_URL, useValue: origin }],
  };
}

/** A real gateway (gateway core, Fastify, request context) on an ephemeral port with the cache in front. */
export async function startCacheApp(
  origin: string,
  options: ResponseCacheModuleOptions = {},
): Promise<{ app: NestFastifyApplication; url: string }> {
  const { app } = await createGateway(cacheTestModule(origin, options), {
    name: 'cache-test',
    env: { PORT: '0', LOG_LEVEL: 'silent', ACCESS_LOG: 'false' },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: await app.getUrl() };
}

/** A plain origin and one cache app in front of it; `close` stops both. */
export async function startCachedOrigin(
  options: ResponseCacheModuleOptions = {},
): Promise<{ origin: Origin; url: string; close: () => Promise<void> }> {
  const origin = await startOrigin();
  const { app, url } = await startCacheApp(origin.url, options);
  const close = async () => {
    await app.close();
    await origin.close();
  };
  return { origin, url, close };
}
