import { Body, Controller, Get, HttpCode, Module, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, type Socket } from 'node:net';
import { createGateway } from '../src';
import { sendRaw, type RawOutcome, type RawPayload } from '@concierge/shared/util-testing';

/** A raw request that also waits a moment after the answer, so a close that follows it can be asserted. */
const rawRequest = (port: number, payload: RawPayload, timeoutMs = 3000) =>
  sendRaw(port, payload, timeoutMs, { closeGraceMs: 50 });

@Controller('echo')
class EchoController {
  @Post()
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return { body };
  }

  @Get()
  query(@Query() query: Record<string, unknown>) {
    return { count: Object.keys(query).length };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const limits = {
  PORT: '0',
  LOG_LEVEL: 'silent',
  MAX_HEADER_BYTES: '8192',
  MAX_HEADERS: '40',
  MAX_URL_LENGTH: '1024',
  MAX_QUERY_PARAMS: '20',
  MAX_JSON_DEPTH: '8',
  MAX_JSON_KEYS: '50',
  HEADERS_TIMEOUT_MS: '600',
  REQUEST_TIMEOUT_MS: '1200',
};

async function start(
  env: Record<string, string>,
): Promise<{ app: NestFastifyApplication; port: number; base: string }> {
  const { app } = await createGateway(EchoModule, { name: 'hardened', env });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = await app.getUrl();
  return { app, port: Number(new URL(base).port), base };
}

function expectProblem(response: RawOutcome, status: number): Record<string, unknown> {
  expect({ status: response.status, hung: response.hung }).toEqual({ status, hung: false });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  expect(body).toMatchObject({
    status,
    type: expect.stringMatching(/^https:/),
    requestId: response.headers['x-request-id'],
  });
  return body;
}

const request = (lines: string[], body = '') => `${lines.join('\r\n')}\r\n\r\n${body}`;
const postJson = (body: string | Buffer, contentType = 'application/json') =>
  Buffer.concat([
    Buffer.from(
      request([
        'POST /echo HTTP/1.1',
        'Host: x',
        `Content-Type: ${contentType}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
      ]),
    ),
    Buffer.from(body),
  ]);

describe('gateway hardening (e2e)', () => {
  let app: NestFastifyApplication;
  let port: number;
  let base: string;

  beforeAll(async () => {
    ({ app, port, base } = await start(limits));
  });
  afterAll(() => app.close());

  describe('limits', () => {
    it('refuses headers larger than MAX_HEADER_BYTES with 431 problem+json and closes', async () => {
      const response = await rawRequest(
        port,
        request(['GET /echo HTTP/1.1', 'Host: x', `X-Big: ${'a'.repeat(9000)}`]),
      );
      expectProblem(response, 431);
      expect(response.headers['connection']).toBe('close');
      expect(response.closed).toBe(true);
    });

    it('refuses more than MAX_HEADERS header fields with 431', async () => {
      const headers = Array.from({ length: 45 }, (_, i) => `X-H${i}: ${i}`);
      expectProblem(await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x', ...headers])), 431);
      const fine = Array.from({ length: 30 }, (_, i) => `X-H${i}: ${i}`);
      expect((await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x', ...fine]))).status).toBe(200);
    });

    it('refuses a URL longer than MAX_URL_LENGTH with 414, also when it overflows the header budget', async () => {
      expectProblem(
        await rawRequest(port, request([`GET /echo?q=${'a'.repeat(1100)} HTTP/1.1`, 'Host: x'])),
        414,
      );
      expectProblem(
        await rawRequest(port, request([`GET /echo?q=${'a'.repeat(9000)} HTTP/1.1`, 'Host: x'])),
        414,
      );
    });

    it('refuses more than MAX_QUERY_PARAMS query parameters with 400 and accepts as many', async () => {
      const query = (n: number) => Array.from({ length: n }, (_, i) => `p${i}=${i}`).join('&');
      const body = expectProblem(
        await rawRequest(port, request([`GET /echo?${query(21)} HTTP/1.1`, 'Host: x'])),
        400,
      );
      expect(body.detail).toContain('20');
      const ok = await fetch(`${base}/echo?${query(20)}`);
      expect(await ok.json()).toEqual({ count: 20 });
    });

    it('refuses JSON nested deeper than MAX_JSON_DEPTH with 400, however deep, and accepts it at the limit', async () => {
      const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
      expect((await rawRequest(port, postJson(`{"a":${nested(7)}}`))).status).toBe(200);
      expect(expectProblem(await rawRequest(port, postJson(`{"a":${nested(8)}}`)), 400).type).toMatch(
        /json-too-deep$/,
      );
      const started = Date.now();
      expectProblem(await rawRequest(port, postJson(nested(400_000))), 400);
      expect(Date.now() - started).toBeLessThan(1000);
      // Brackets inside strings are text, not depth.
      expect((await rawRequest(port, postJson(JSON.stringify({ a: '[[[[[[[[[[[[{{{{{{{{' })))).status).toBe(
        200,
      );
    });

    it('refuses an object with more than MAX_JSON_KEYS members with 400 before any DTO sees it, and accepts as many', async () => {
      const object = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}}`;
      expect((await rawRequest(port, postJson(object(50)))).status).toBe(200);
      expect(expectProblem(await rawRequest(port, postJson(object(51))), 400).type).toMatch(
        /json-too-many-keys$/,
      );
      expect(expectProblem(await rawRequest(port, postJson(`{"a":${object(20_000)}}`)), 400).type).toMatch(
        /json-too-many-keys$/,
      );
    });

    it('refuses prototype poisoning, invalid UTF-8 and a charset other than UTF-8', async () => {
      expect(
        expectProblem(await rawRequest(port, postJson('{"__proto__":{"admin":true}}')), 400).type,
      ).toMatch(/forbidden-property$/);
      expectProblem(await rawRequest(port, postJson('{"constructor":{"prototype":{"admin":true}}}')), 400);
      const invalid = Buffer.concat([
        Buffer.from('{"a":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]);
      expect(expectProblem(await rawRequest(port, postJson(invalid)), 400).type).toMatch(/invalid-utf8$/);
      expectProblem(await rawRequest(port, postJson('{"a":1}', 'application/json; charset=utf-16')), 415);
      expect((await rawRequest(port, postJson('{"a":"é"}', 'application/json; charset=UTF-8'))).status).toBe(
        200,
      );
    });

    it('refuses a form with more fields than MAX_QUERY_PARAMS', async () => {
      const form = Array.from({ length: 21 }, (_, i) => `f${i}=${i}`).join('&');
      expectProblem(await rawRequest(port, postJson(form, 'application/x-www-form-urlencoded')), 400);
    });

    it('answers a path that is no valid URL component with 400 problem+json', async () => {
      expectProblem(await rawRequest(port, request(['GET /echo/%ff%fe HTTP/1.1', 'Host: x'])), 400);
    });

    it('refuses an HTTP/1.1 request without Host with 400 problem+json', async () => {
      expectProblem(await rawRequest(port, request(['GET /echo HTTP/1.1'])), 400);
    });
  });

  describe("framing Node's parser lets through", () => {
    const chunkedJson = '7\r\n{"a":1}\r\n0\r\n\r\n';

    it('refuses a request with two Host headers (which one an upstream believes is anyone’s guess) with 400', async () => {
      const body = expectProblem(
        await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x', 'Host: evil.example'])),
        400,
      );
      expect(body.detail).toMatch(/Host/);
      expectProblem(await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x', 'host: x'])), 400);
      expect((await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x']))).status).toBe(200);
    });

    it.each([['identity, chunked'], ['gzip, chunked']])(
      'refuses Transfer-Encoding: %s on a controller route with 400 and closes',
      async (encoding) => {
        const lines = [
          'POST /echo HTTP/1.1',
          'Host: x',
          'Content-Type: application/json',
          `Transfer-Encoding: ${encoding}`,
        ];
        const response = await rawRequest(port, request(lines, chunkedJson));
        expect(expectProblem(response, 400).detail).toMatch(/Transfer-Encoding/);
        expect(response.closed).toBe(true);
      },
    );

    it('accepts a plain chunked body', async () => {
      const lines = [
        'POST /echo HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        'Transfer-Encoding: Chunked',
      ];
      const response = await rawRequest(port, request(lines, chunkedJson));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ body: { a: 1 } });
    });
  });

  describe("what Node's parser refuses", () => {
    it.each([
      [
        'Content-Length with Transfer-Encoding',
        ['POST /echo HTTP/1.1', 'Host: x', 'Content-Length: 4', 'Transfer-Encoding: chunked'],
        '0\r\n\r\n',
      ],
      [
        'two different Content-Lengths',
        ['POST /echo HTTP/1.1', 'Host: x', 'Content-Length: 2', 'Content-Length: 3'],
        '{}',
      ],
      ['an absurd method', ['FOOBAR /echo HTTP/1.1', 'Host: x'], ''],
      ['a bare LF inside a header value', ['GET /echo HTTP/1.1', 'Host: x', 'X-A: a\nInjected: 1'], ''],
      [
        'an invalid chunk size',
        ['POST /echo HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Transfer-Encoding: chunked'],
        'zz\r\n{}\r\n0\r\n\r\n',
      ],
      ['HTTP/2 prior knowledge on HTTP/1.1', ['PRI * HTTP/2.0', '', 'SM'], ''],
    ])('answers %s with 400 problem+json and closes', async (_name, lines, body) => {
      const response = await rawRequest(port, request(lines, body));
      expectProblem(response, 400);
      expect(response.closed).toBe(true);
      expect(response.body.toString('utf8')).not.toMatch(/HPE_|at .*\.js/);
    });
  });

  describe('slow clients', () => {
    it('cuts a client dripping its headers (slowloris) with 408 after HEADERS_TIMEOUT_MS', async () => {
      const pieces =
        'GET /echo HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'.split('');
      const response = await rawRequest(port, { pieces, gapMs: 50 }, 4000);
      expectProblem(response, 408);
      expect(response.ms).toBeLessThan(2500);
    });

    it('cuts a body shorter than its Content-Length with 408 after REQUEST_TIMEOUT_MS', async () => {
      const head = request([
        'POST /echo HTTP/1.1',
        'Host: x',
        'Content-Type: application/json',
        'Content-Length: 100',
      ]);
      const response = await rawRequest(port, `${head}{"a":`, 4000);
      expect(response.hung).toBe(false);
      expect(response.status).toBe(408);
      expect(response.ms).toBeLessThan(3000);
    });
  });

  describe('response headers', () => {
    it('sends security headers for an API and no banner, on successes and errors alike', async () => {
      for (const path of ['/health/live', '/nope']) {
        const response = await fetch(`${base}${path}`);
        expect(Object.fromEntries(response.headers)).toMatchObject({
          'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'no-referrer',
          'cross-origin-resource-policy': 'same-origin',
          'x-frame-options': 'DENY',
        });
        for (const banner of [
          'x-powered-by',
          'server',
          'strict-transport-security',
          'access-control-allow-origin',
        ]) {
          expect(response.headers.get(banner)).toBeNull();
        }
      }
    });
  });
});

describe('gateway hardening, CORS and HSTS (e2e)', () => {
  let app: NestFastifyApplication;
  let base: string;

  beforeAll(async () => {
    ({ app, base } = await start({
      ...limits,
      CORS_ORIGINS: 'https://app.example.com, http://localhost:4200',
      HSTS_MAX_AGE_SEC: '31536000',
    }));
  });
  afterAll(() => app.close());

  it('allows a listed origin, with no credentials unless configured', async () => {
    const response = await fetch(`${base}/health/live`, { headers: { origin: 'https://app.example.com' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('gives an origin not on the list no Access-Control-Allow-Origin', async () => {
    const response = await fetch(`${base}/health/live`, { headers: { origin: 'https://evil.example.com' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight before authentication or routing', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4200',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-max-age')).toBe('600');
  });

  it('sends HSTS when a max-age is configured', async () => {
    const response = await fetch(`${base}/health/live`);
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('gateway hardening, connection and body budgets (e2e)', () => {
  let app: NestFastifyApplication;
  let port: number;
  const held: Socket[] = [];

  beforeAll(async () => {
    ({ app, port } = await start({ ...limits, MAX_CONNECTIONS: '5', MAX_BODY_BYTES_IN_FLIGHT: '4096' }));
  });
  afterEach(async () => {
    held.splice(0).forEach((socket) => socket.destroy());
    // The server counts a connection until it has seen it close; the next test starts from none.
    const server = app.getHttpServer();
    const count = () => new Promise<number>((resolve) => server.getConnections((_error, n) => resolve(n)));
    while ((await count()) > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  });
  afterAll(() => app.close());

  const open = () =>
    new Promise<Socket>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', () => undefined);
      held.push(socket);
    });

  it('closes a connection beyond MAX_CONNECTIONS as it arrives, and serves again once one is free', async () => {
    const five = await Promise.all(Array.from({ length: 5 }, open));
    const refused = await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x']));
    expect({ status: refused.status, closed: refused.closed, hung: refused.hung }).toEqual({
      status: undefined,
      closed: true,
      hung: false,
    });
    five[0].destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rawRequest(port, request(['GET /echo HTTP/1.1', 'Host: x']))).status).toBe(200);
  });

  it('refuses a body that does not fit MAX_BODY_BYTES_IN_FLIGHT with 503 and Retry-After, and takes it once the others are done', async () => {
    // One body of 3 KiB is being received (announced, partly sent): 1 KiB of the budget is left.
    const slow = await open();
    slow.write(
      request(['POST /echo HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 3072']) +
        '{"a":"',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const body = JSON.stringify({ a: 'x'.repeat(2000) });
    const busy = await rawRequest(port, postJson(body));
    expect(expectProblem(busy, 503).type).toMatch(/body-budget-exhausted$/);
    expect(busy.headers['retry-after']).toBe('1');
    slow.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await rawRequest(port, postJson(body))).status).toBe(200);
  });
});

describe('hardening configuration', () => {
  it.each([
    [
      { HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' },
      /HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS/,
    ],
    [{ MAX_URL_LENGTH: '9000', MAX_HEADER_BYTES: '8192' }, /MAX_URL_LENGTH must not exceed MAX_HEADER_BYTES/],
    [{ CORS_ORIGINS: 'https://ok.example.com,not an origin' }, /CORS_ORIGINS must match/],
    [{ MAX_JSON_DEPTH: '0' }, /MAX_JSON_DEPTH must be >= 1/],
  ])('refuses %j at start-up, naming the variable', async (env, message) => {
    await expect(
      createGateway(EchoModule, { name: 't', env: { LOG_LEVEL: 'silent', ...env } }),
    ).rejects.toThrow(message);
  });
});
