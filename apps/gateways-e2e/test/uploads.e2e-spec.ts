import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SpawnedApp } from '@concierge/shared/util-testing';
import { spawnWebBffAlone } from './support/web-bff-alone';

const run = promisify(execFile);
const UPLOAD_BYTES = 2 * 1024 * 1024;

/** An upstream that counts the body bytes each request brought and keeps the headers it saw. */
interface UploadOrigin {
  url: string;
  received: { bytes: number; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

async function startUploadOrigin(): Promise<UploadOrigin> {
  const received: UploadOrigin['received'] = [];
  const server: Server = createServer((request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      received.push({ bytes, headers: request.headers });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends `head`, waits for the first bytes of an answer (or `waitMs`), then sends `body` if asked to; resolves with all that came back. */
function expectExchange(
  port: number,
  head: string,
  body: Buffer | undefined,
  waitMs: number,
): Promise<{ first: string; all: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let all = '';
    let first = '';
    const finish = () => {
      socket.destroy();
      resolve({ first, all });
    };
    const timer = setTimeout(finish, waitMs * 3);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk) => {
      all += chunk.toString('latin1');
      if (!first) {
        first = all;
        if (body && /^HTTP\/1\.1 100 /.test(first)) socket.write(body);
      }
      const final = all.replace(/^HTTP\/1\.1 100 [^\r]*\r\n\r\n/, '');
      const end = final.indexOf('\r\n\r\n');
      if (end !== -1 && final.length >= end + 4 + Number(/content-length: (\d+)/i.exec(final)?.[1] ?? 0)) {
        clearTimeout(timer);
        finish();
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      finish();
    });
    socket.on('error', () => undefined);
  });
}

describe('uploads through a declared route (e2e, built bundle)', () => {
  let origin: UploadOrigin;
  let gateway: SpawnedApp;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    origin = await startUploadOrigin();
    dir = mkdtempSync(join(tmpdir(), 'uploads-e2e-'));
    file = join(dir, 'upload.bin');
    writeFileSync(file, Buffer.alloc(UPLOAD_BYTES, 7));
    const routesFile = join(dir, 'routes.yaml');
    writeFileSync(
      routesFile,
      [
        'routes:',
        '  - id: upload',
        '    methods: [POST]',
        '    path: /uploads',
        `    upstream: { url: "${origin.url}" }`,
        '    auth: public',
        '    bodyLimitBytes: 8388608',
        '  - id: private-upload',
        '    methods: [POST]',
        '    path: /private-uploads',
        `    upstream: { url: "${origin.url}" }`,
        '    auth: { user: { scopes: [orders:write] } }',
        '',
      ].join('\n'),
    );
    gateway = await spawnWebBffAlone({ ROUTES_FILE: routesFile, RATE_LIMIT_DEFAULT: 'off' });
  }, 40_000);

  afterAll(async () => {
    await gateway?.stop();
    await origin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    origin.received.length = 0;
  });

  it("takes curl's default 2 MB upload (Expect: 100-continue): 100 Continue at once, 200, every byte upstream, no Expect upstream", async () => {
    const { stdout, stderr } = await run('curl', [
      '-sS',
      '-v',
      '-o',
      '-',
      '-H',
      'Content-Type: application/octet-stream',
      '--data-binary',
      `@${file}`,
      `${gateway.url}/uploads`,
    ]);
    expect(stderr).toMatch(/^> Expect: 100-continue/m);
    // curl waits a second for the interim answer, then sends anyway: the gateway must really answer it.
    expect(stderr).toMatch(/^< HTTP\/1\.1 100 Continue/m);
    expect(stderr).toMatch(/^< HTTP\/1\.1 200 /m);
    expect(JSON.parse(stdout)).toEqual({ bytes: UPLOAD_BYTES });
    expect(origin.received).toHaveLength(1);
    expect(origin.received[0].bytes).toBe(UPLOAD_BYTES);
    expect(origin.received[0].headers['expect']).toBeUndefined();
  });

  it('answers Expect: 100-continue before any byte of the body is sent, then streams the body upstream', async () => {
    const body = Buffer.alloc(64 * 1024, 1);
    const head = `POST /uploads HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\nExpect: 100-continue\r\n\r\n`;
    const { first, all } = await expectExchange(gateway.port, head, body, 2_000);
    expect(first).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    expect(all).toMatch(/\r\n\r\nHTTP\/1\.1 200 /);
    expect(origin.received.map((r) => r.bytes)).toEqual([body.length]);
  });

  it('refuses a protected upload without credentials with 401 at once, never asking for the body (no 100 Continue)', async () => {
    // Within the route's body limit, so that only the missing credentials can refuse it.
    const head = `POST /private-uploads HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/octet-stream\r\nContent-Length: 65536\r\nExpect: 100-continue\r\n\r\n`;
    const { first } = await expectExchange(gateway.port, head, undefined, 2_000);
    expect(first).toMatch(/^HTTP\/1\.1 401 /);
    expect(first).toMatch(/\r\nconnection: close\r\n/i);
    expect(origin.received).toEqual([]);
  });

  it('answers an Expect it cannot meet with 417 problem+json', async () => {
    const head = 'POST /uploads HTTP/1.1\r\nHost: gateway\r\nContent-Length: 4\r\nExpect: 200-ok\r\n\r\n';
    const { first } = await expectExchange(gateway.port, head, undefined, 2_000);
    expect(first).toMatch(/^HTTP\/1\.1 417 /);
    expect(first).toMatch(/content-type: application\/problem\+json/i);
  });
});
