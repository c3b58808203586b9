import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Registry } from 'prom-client';
import { createGateway } from '@concierge/shared/feature-gateway-core';
import { RateLimitModule } from '@concierge/shared/feature-rate-limit';
import { SCOPES } from '@concierge/shared/util-contracts';
import { DeclarativeRoutesModule } from '../src';

@Controller('api/controller')
class LimitedController {
  @Get()
  answer(): { from: string } {
    return { from: 'controller' };
  }
}

describe('rate-limit budgets of declared routes', () => {
  let origin: Server;
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    origin = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"from":"route"}'),
    );
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    const echo = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    const routes = {
      routes: [
        {
          id: 'plain',
          methods: ['GET'],
          path: '/api/plain',
          upstream: { service: 'echo', rewrite: '/' },
          auth: 'public',
        },
        {
          id: 'plain-too',
          methods: ['GET'],
          path: '/api/plain-too',
          upstream: { service: 'echo', rewrite: '/' },
          auth: 'public',
        },
        {
          id: 'own',
          methods: ['GET'],
          path: '/api/own',
          upstream: { service: 'echo', rewrite: '/' },
          auth: 'public',
          rateLimit: '5/10s',
        },
      ],
    };
    @Module({
      imports: [
        RateLimitModule.forRoot({ default: '4/60s', keyBy: 'ip', registry: new Registry() }),
        DeclarativeRoutesModule.forRoot({ routes, services: { echo }, knownScopes: SCOPES }),
      ],
      controllers: [LimitedController],
    })
    class TestModule {}
    ({ app } = await createGateway(TestModule, {
      name: 'budgets',
      env: { PORT: '0', LOG_LEVEL: 'silent', ACCESS_LOG: 'false' },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
  });
  afterAll(async () => {
    await app?.close();
    await new Promise((resolve) => origin?.close(resolve));
  });

  it("routes naming no policy share the gateway's default bucket with the controllers: declaring routes never multiplies a caller's budget", async () => {
    const statuses: number[] = [];
    for (const path of [
      '/api/controller',
      '/api/plain',
      '/api/plain-too',
      '/api/controller',
      '/api/plain',
      '/api/controller',
    ]) {
      const response = await fetch(`${base}${path}`);
      await response.arrayBuffer();
      statuses.push(response.status);
      if (response.status === 200)
        expect(response.headers.get('ratelimit-policy')).toBe('"default";q=4;w=60');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it("a route with its own policy has its own bucket, named after the route's id", async () => {
    const response = await fetch(`${base}/api/own`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-policy')).toBe('"own";q=5;w=10');
    expect(response.headers.get('ratelimit')).toMatch(/^"own";r=4;t=\d+$/);
  });
});
