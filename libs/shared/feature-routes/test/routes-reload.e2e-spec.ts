import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, Param } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { register, Registry } from 'prom-client';
import { AdminServer, createGateway } from '@concierge/shared/feature-gateway-core';
import { RateLimitModule } from '@concierge/shared/feature-rate-limit';
import { SCOPES } from '@concierge/shared/util-contracts';
import { DeclarativeRoutesModule, DeclarativeRoutesRegistrar } from '../src';
import { startUpstream, type Seen, type TestUpstream } from './support/upstream';

@Controller('api/ctrl')
class ControllerRoutes {
  @Get(':id')
  one(@Param('id') id: string) {
    return { controller: id };
  }
}

const probe = (rewrite: string, extra = '') =>
  `  - { id: probe, methods: [GET${extra}], path: /t/probe, upstream: { service: echo, rewrite: ${rewrite} }, auth: public }\n`;

const VERSION_A =
  'routes:\n' +
  probe('/a') +
  '  - { id: only-a, methods: [GET], path: /t/only-a, upstream: { service: echo }, auth: public }\n';
const VERSION_B =
  'routes:\n' +
  '  - id: probe\n    methods: [GET, POST]\n    path: /t/probe\n    upstream: { service: echo, rewrite: /b }\n' +
  '    auth: public\n    rateLimit: 2/60s\n';

/** `/admin/routes` as these tests read it. */
interface TableView {
  version: string;
  loadedAt: string;
  routes: unknown[];
  lastReload: { result: string; trigger: string; version: string; error?: string };
}

describe('routes reload (e2e, in process)', () => {
  let upstream: TestUpstream;
  let app: NestFastifyApplication;
  let base: string;
  let admin: string;
  let dir: string;
  let routesFile: string;

  /** Replaces the routes file at once (a rename), as a deployment tool would. */
  const writeRoutes = (yaml: string) => {
    const next = `${routesFile}.next`;
    writeFileSync(next, yaml);
    renameSync(next, routesFile);
  };
  const reload = () => fetch(`${admin}/admin/reload`, { method: 'POST' });
  const table = async () => (await (await fetch(`${admin}/admin/routes`)).json()) as TableView;
  const served = async (path = '/t/probe') => {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, url: response.ok ? ((await response.json()) as Seen).url : undefined };
  };
  const reloadCount = async (result: string) => {
    const metric = (await register.getSingleMetricAsString('concierge_routes_reload_total'))
      .split('\n')
      .find((line) => line.startsWith(`concierge_routes_reload_total{result="${result}"}`));
    return Number(metric?.split(' ')[1]);
  };

  beforeAll(async () => {
    upstream = await startUpstream();
    dir = mkdtempSync(join(tmpdir(), 'routes-reload-'));
    routesFile = join(dir, 'routes.yaml');
    writeFileSync(routesFile, VERSION_A);

    @Module({
      imports: [
        RateLimitModule.forRoot({ default: 'off', registry: new Registry() }),
        DeclarativeRoutesModule.forRootAsync({
          useFactory: () => ({
            routesFile,
            services: { echo: upstream.url },
            knownScopes: SCOPES,
            reloadOnSignal: false,
          }),
        }),
      ],
      controllers: [ControllerRoutes],
    })
    class TestModule {}

    ({ app } = await createGateway(TestModule, {
      name: 'routes-reload-e2e',
      env: { PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'silent' },
    }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = app.get(AdminServer).url;
  });

  afterAll(async () => {
    await app?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    writeRoutes(VERSION_A);
    expect((await reload()).status).toBe(200);
  });

  it('serves the new table from the next request on, 404, 405 + Allow and the API docs following it', async () => {
    expect(await served()).toEqual({ status: 200, url: '/a' });
    expect((await served('/t/only-a')).status).toBe(200);
    expect((await fetch(`${base}/t/probe`, { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD');
    const docPaths = async () =>
      Object.keys(((await (await fetch(`${base}/docs-json`)).json()) as { paths: object }).paths);
    expect(await docPaths()).toContain('/t/only-a');

    writeRoutes(VERSION_B);
    const outcome = await reload();
    expect(outcome.status).toBe(200);
    expect(await outcome.json()).toMatchObject({ result: 'ok', trigger: 'admin' });

    expect(await served()).toEqual({ status: 200, url: '/b' });
    expect((await served('/t/only-a')).status).toBe(404);
    const wrongMethod = await fetch(`${base}/t/probe`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(await docPaths()).not.toContain('/t/only-a');
    expect(await docPaths()).toContain('/t/probe');
    // The controllers are untouched by the swap.
    expect(await (await fetch(`${base}/api/ctrl/7`)).json()).toEqual({ controller: '7' });
  });

  it('finishes a request with the table it started on when a reload swaps the table meanwhile', async () => {
    writeRoutes('routes:\n' + probe('/a/slow'));
    await reload();
    const callsBefore = upstream.calls;
    const inFlight = served();
    // Swap only once the upstream has the first request (its answer takes 600 ms).
    while (upstream.calls === callsBefore) await new Promise((resolve) => setTimeout(resolve, 10));
    writeRoutes('routes:\n' + probe('/b/slow'));
    expect((await reload()).status).toBe(200);
    expect(await served()).toEqual({ status: 200, url: '/b/slow' });
    expect(await inFlight).toEqual({ status: 200, url: '/a/slow' });
  });

  it('gives a route its own rate-limit bucket, named after it, only while the table says so', async () => {
    const first = await fetch(`${base}/t/probe`);
    expect(first.headers.get('ratelimit-policy')).toBeNull();
    // A route id no other test has used: its bucket is new.
    writeRoutes(VERSION_B.replace('id: probe', 'id: probe-limited'));
    await reload();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${base}/t/probe`);
      await response.arrayBuffer();
      statuses.push(response.status);
      if (i === 0) expect(response.headers.get('ratelimit-policy')).toMatch(/^"probe-limited";q=2;w=60/);
    }
    expect(statuses).toEqual([200, 200, 429]);
    writeRoutes(VERSION_A);
    await reload();
    expect((await served()).status).toBe(200);
  });

  it.each([
    [
      'an unknown service',
      'routes:\n  - { id: probe, methods: [GET], path: /t/probe, upstream: { service: nowhere }, auth: public }\n',
      'routes[0] "probe".upstream.service: unknown service "nowhere"',
    ],
    [
      'a method and path a controller has',
      'routes:\n  - { id: taken, methods: [GET], path: /api/ctrl/:x, upstream: { service: echo }, auth: public }\n',
      'routes[0] "taken": GET /api/ctrl/:x is already',
    ],
    [
      'a path a controller would take first',
      'routes:\n  - { id: shadowed, methods: [GET], path: /api/ctrl/special, upstream: { service: echo }, auth: public }\n',
      'routes[0] "shadowed": GET /api/ctrl/special would be shadowed by',
    ],
    [
      'an unknown scope',
      'routes:\n  - { id: scoped, methods: [GET], path: /t/s, upstream: { service: echo }, auth: { user: { scopes: [nope] } } }\n',
      'routes[0] "scoped".auth.user.scopes[0]: unknown scope "nope"',
    ],
    ['a file that is no YAML', 'routes: [\n', 'is not valid YAML'],
  ])('keeps the old table on %s, answers 422 naming the entry, and shows it', async (_case, yaml, named) => {
    const before = await table();
    const errors = await reloadCount('error');
    writeRoutes(yaml);
    const outcome = await reload();
    expect(outcome.status).toBe(422);
    expect(outcome.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await outcome.json()) as { status: number; version: string; detail: string };
    expect(body).toMatchObject({ status: 422, version: before.version });
    expect(body.detail).toContain(named);

    expect(await served()).toEqual({ status: 200, url: '/a' });
    const after = await table();
    expect(after).toMatchObject({ version: before.version, loadedAt: before.loadedAt });
    expect(after.lastReload).toMatchObject({ result: 'error', trigger: 'admin' });
    expect(after.lastReload.error).toContain(named);
    expect(await reloadCount('error')).toBe(errors + 1);
  });

  it('shows the live table with its version, load time and the policies of each route', async () => {
    writeRoutes(VERSION_B);
    await reload();
    const view = await table();
    expect(view.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Date.parse(view.loadedAt)).not.toBeNaN();
    expect(view.lastReload).toMatchObject({ result: 'ok', version: view.version });
    expect(view.routes).toEqual([
      {
        id: 'probe',
        methods: ['GET', 'POST', 'HEAD'],
        path: '/t/probe',
        upstream: { service: 'echo', url: upstream.url, rewrite: '/b' },
        auth: 'public',
        rateLimit: '2/60s',
        cache: null,
      },
    ]);
    // The same routes laid out differently are the same version.
    writeRoutes(`# comment\n${VERSION_B.replace('rateLimit: 2/60s', 'rateLimit: "2/60s"')}`);
    await reload();
    expect((await table()).version).toBe(view.version);
    expect(app.get(DeclarativeRoutesRegistrar).routes.map((route) => route.id)).toEqual(['probe']);
  });
});
