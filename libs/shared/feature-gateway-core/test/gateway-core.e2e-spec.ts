import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { requestContextOf, type RequestContext } from '@concierge/shared/util-request-context';
import { CallContext, createGateway, ReadinessService } from '../src';

@Controller('echo')
class EchoController {
  @Post()
  @HttpCode(200)
  echo(@Body() body: unknown, @CallContext() context: RequestContext) {
    return { body, context };
  }

  @Get('slow')
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { done: true };
  }

  @Get('boom')
  boom() {
    throw new Error('secret internals at /srv/app.js:12');
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const env = { PORT: '0', LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: '2048' };

describe('gateway core (e2e)', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    ({ app } = await createGateway(EchoModule, {
      name: 'test-gateway',
      env,
      // A route registered straight on Fastify, as the declared routes' dispatcher is.
      configure: (gateway) => {
        gateway
          .getHttpAdapter()
          .getInstance()
          .get('/raw', async (request) => requestContextOf(request) ?? null);
      },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${base}/echo`, { method: 'POST', body, headers });

  async function expectProblem(response: Response, status: number) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status, title: expect.any(String), type: expect.stringMatching(/^https:/) });
    expect(body.requestId).toBe(response.headers.get('x-request-id'));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
    return body;
  }

  it('answers an unknown route with 404 problem+json carrying the request id and the path', async () => {
    const body = await expectProblem(await fetch(`${base}/nope?x=1`), 404);
    expect(body.instance).toBe('/nope');
  });

  it('answers a known path asked with a method it does not take with 405 problem+json and Allow', async () => {
    const body = await expectProblem(await fetch(`${base}/echo`, { method: 'DELETE' }), 405);
    expect(body.instance).toBe('/echo');
    const response = await fetch(`${base}/echo/slow`, { method: 'PATCH' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers malformed JSON with 400 problem+json', async () => {
    await expectProblem(await post('{"a":'), 400);
  });

  it('answers an oversized body with 413 problem+json', async () => {
    await expectProblem(await post(JSON.stringify({ a: 'x'.repeat(4096) })), 413);
  });

  it('answers an unsupported content type with 415 problem+json', async () => {
    await expectProblem(await post('<a/>', { 'content-type': 'application/xml' }), 415);
  });

  it('hides an unexpected error behind a 500 problem without internals', async () => {
    const body = await expectProblem(await fetch(`${base}/echo/boom`), 500);
    expect(JSON.stringify(body)).not.toContain('secret internals');
  });

  it('echoes a sane x-request-id and replaces an insane one', async () => {
    const kept = await fetch(`${base}/health/live`, { headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${base}/health/live`, {
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('opens a request context with the request id and no identity a client could claim', async () => {
    const response = await post('{"hello":"world"}', {
      'content-type': 'application/json',
      'x-request-id': 'ctx-1',
      'x-user-id': 'admin',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      body: { hello: 'world' },
      context: {
        requestId: 'ctx-1',
        identity: {},
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      },
    });
  });

  it('keeps the same context on the request for a route registered straight on Fastify', async () => {
    const response = await fetch(`${base}/raw`, {
      headers: { 'x-request-id': 'ctx-2', 'x-user-id': 'admin' },
    });

    expect(await response.json()).toEqual({ requestId: 'ctx-2', identity: {} });
  });

  it('is live and ready, and reports not ready when a registered check fails', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    app.get(ReadinessService).register('redis', () => false);
    const body = await expectProblem(await fetch(`${base}/health/ready`), 503);
    expect(body.detail).toContain('redis');
    app.get(ReadinessService).register('redis', () => true);
  });

  it('stays ready (200, degraded named in the body) when only a check it serves without fails', async () => {
    app.get(ReadinessService).register('cache-redis', () => false, { required: false });
    try {
      const response = await fetch(`${base}/health/ready`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'degraded',
        degraded: ['cache-redis'],
        details: { 'cache-redis': { status: 'down' }, config: { status: 'up' } },
      });
    } finally {
      app.get(ReadinessService).register('cache-redis', () => true, { required: false });
    }
    expect(await (await fetch(`${base}/health/ready`)).json()).toMatchObject({ status: 'ok', degraded: [] });
  });
});

describe('createGateway configuration', () => {
  it('refuses a bad value with a message naming the variable', async () => {
    await expect(
      createGateway(EchoModule, { name: 't', env: { PORT: 'eighty', JWT_JWKS_URI: 'not a url' } }),
    ).rejects.toThrow(/PORT must be integer[\s\S]*JWT_JWKS_URI must match/);
  });
});
