import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SpawnedApp } from '@concierge/shared/util-testing';
import { spawnWebBffAlone } from './support/web-bff-alone';

const SOCKETS = 150;
const BODY_LIMIT = 1024 * 1024;
/** Each socket announces a full 1 MiB body, sends all but the last KiB of it, and stalls. */
const SENT = BODY_LIMIT - 1024;
const RSS_GROWTH_LIMIT_MB = 64;

function rssMb(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
}

interface Stalled {
  socket: Socket;
  /** The status line's code, once one arrived. */
  status?: number;
  answeredAfterMs?: number;
}

/** A client that starts a large upload without credentials and never finishes it. */
function stalledUpload(port: number, path: string, body: Buffer): Stalled {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  const stalled: Stalled = { socket };
  socket.on('connect', () => {
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: ${BODY_LIMIT}\r\n\r\n`,
    );
    socket.write(body);
  });
  socket.on('data', (chunk) => {
    if (stalled.status !== undefined) return;
    stalled.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1]);
    stalled.answeredAfterMs = Date.now() - started;
  });
  socket.on('error', () => undefined);
  return stalled;
}

describe('unauthenticated request bodies (e2e, built bundle)', () => {
  let gateway: SpawnedApp;

  beforeAll(async () => {
    gateway = await spawnWebBffAlone({ RATE_LIMIT_DEFAULT: 'off', BODY_LIMIT_BYTES: String(BODY_LIMIT) });
  }, 40_000);
  afterAll(() => gateway?.stop());

  it(`refuses ${SOCKETS} stalled 1 MB uploads to a protected route with 401 at once, without their bodies growing RSS by ${RSS_GROWTH_LIMIT_MB} MB`, async () => {
    // Warm: the route's code paths and the heap have met this request before the baseline.
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${gateway.url}/api/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"items":[]}',
      });
      await response.arrayBuffer();
      expect(response.status).toBe(401);
    }
    await sleep(500);
    const baseline = rssMb(gateway.process.pid as number);

    const body = Buffer.alloc(SENT, 0x20);
    const uploads = Array.from({ length: SOCKETS }, () => stalledUpload(gateway.port, '/api/orders', body));
    const deadline = Date.now() + 10_000;
    while (uploads.some((u) => u.status === undefined) && Date.now() < deadline) await sleep(50);
    // Whatever the gateway kept of the bodies is in its heap by now.
    await sleep(1_000);
    const after = rssMb(gateway.process.pid as number);
    for (const upload of uploads) upload.socket.destroy();

    process.stdout.write(
      `stalled unauthenticated uploads: RSS ${baseline.toFixed(1)} → ${after.toFixed(1)} MB\n`,
    );
    expect(uploads.filter((u) => u.status !== 401).map((u) => u.status ?? 'no answer')).toEqual([]);
    expect(after - baseline).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    expect(gateway.process.exitCode).toBeNull();
  }, 40_000);
});
