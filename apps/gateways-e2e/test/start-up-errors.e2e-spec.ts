import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, workspaceRoot } from '@concierge/shared/util-testing';
import { NOWHERE } from './support/web-bff-alone';

interface Exit {
  code: number | null;
  stderr: string;
  stdout: string;
}

/**
 * Starts the built web gateway with `env` and waits for it to exit (it must: the configuration is bad),
 * and for the end of its output: `close`, not `exit`, which can come before the last of stdout is read.
 */
async function startExpectingFailure(env: Record<string, string>): Promise<Exit> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(workspaceRoot(), 'dist', 'apps', 'web-bff', 'main.js')], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      IDENTITY_URL: NOWHERE,
      PORT: String(port),
      ADMIN_PORT: String(await freePort()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((resolve) =>
    child.once('close', (exitCode) => resolve(exitCode)),
  );
  clearTimeout(timer);
  return { code, stderr, stdout };
}

/** What the gateway says about its failure, beside the JSON log lines of the components that did start. */
const linesOf = ({ stderr }: Exit) =>
  stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('{'));

describe('start-up errors of a built gateway (e2e)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'start-up-e2e-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const routesFile = (yaml: string) => {
    const file = join(dir, `routes-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, yaml);
    return file;
  };

  function expectOneLine(exit: Exit, pattern: RegExp): string {
    expect(exit.code).toBe(1);
    const lines = linesOf(exit);
    expect(lines).toEqual([expect.stringMatching(pattern)]);
    // No stack trace, neither as text nor inside a JSON log line.
    expect(exit.stderr + exit.stdout).not.toMatch(/^\s+at |"stack"/m);
    return lines[0];
  }

  it('names RATE_LIMIT_DEFAULT when its policy is garbage, in one line, and exits 1', async () => {
    expectOneLine(
      await startExpectingFailure({ RATE_LIMIT_DEFAULT: 'garbage' }),
      /^web-bff: invalid configuration: RATE_LIMIT_DEFAULT .*garbage/,
    );
  }, 30_000);

  it('names JWT_HS256_SECRET when it is too short without ever printing it', async () => {
    const exit = await startExpectingFailure({ JWT_HS256_SECRET: 'short-secret-value' });
    expectOneLine(exit, /^web-bff: invalid configuration: JWT_HS256_SECRET /);
    expect(exit.stderr + exit.stdout).not.toContain('short-secret-value');
  }, 30_000);

  it('names a bad routes-file entry by index and id', async () => {
    const file = routesFile(
      [
        'routes:',
        '  - id: catalog-categories',
        '    methods: [GET]',
        '    path: /catalog/categories',
        '    upstream: { service: catalog, rewrite: /categories }',
        '    auth: public',
        '  - id: catalog-product',
        '    methods: [GET]',
        '    path: catalog/products/:id',
        '    upstream: { service: catalog }',
        '    auth: public',
        '',
      ].join('\n'),
    );
    expectOneLine(
      await startExpectingFailure({ ROUTES_FILE: file }),
      /^web-bff: \S+\.yaml: routes\[1\] "catalog-product"\.path: /,
    );
  }, 30_000);

  const collidingRoutes = [
    'routes:',
    '  - id: shadow-products',
    '    methods: [GET]',
    '    path: /api/products',
    '    upstream: { service: catalog, rewrite: /products }',
    '    auth: public',
    '',
  ].join('\n');

  it('finds a declared route that collides with a controller route before listening, naming the entry', async () => {
    const file = routesFile(collidingRoutes);
    const exit = await startExpectingFailure({ ROUTES_FILE: file });
    expectOneLine(
      exit,
      /^web-bff: \S+routes-\w+\.yaml: routes\[0\] "shadow-products": GET \/api\/products is already the route GET \/api\/products/,
    );
    expect(exit.stdout).not.toMatch(/listening on/);
  }, 30_000);

  it('writes, as it exits, the log lines still waiting for their batch', async () => {
    const exit = await startExpectingFailure({ ROUTES_FILE: routesFile(collidingRoutes), LOG_LEVEL: 'info' });
    expect(exit.code).toBe(1);
    const lines = exit.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: string; msg: string });
    // Logged at info milliseconds before the collision stops the start-up: still pending when the
    // process exits (neither 4 KB nor 100 ms have sent it), and written by the flush at `process.exit`.
    expect(lines.at(-1)).toMatchObject({ level: 'info', msg: 'Nest application successfully started' });
  }, 30_000);
});
