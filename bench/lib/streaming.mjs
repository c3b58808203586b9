// The streaming row: 200 MB down and 200 MB up through a declared route, watching the gateway's RSS.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';

const SIZE = 200 * 1024 * 1024;

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

async function gatewayPid(base) {
  // The gateway's own process id is not exposed over HTTP; find it by its listening port.
  const { port } = new URL(base);
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return Number(/pid=(\d+)/.exec(out)?.[1]);
}

function download(url) {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let bytes = 0;
      res.on('data', (d) => (bytes += d.length));
      res.on('end', () => resolve(bytes));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function upload(url) {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'content-length': SIZE } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve(JSON.parse(body).received));
      },
    ).on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 0x62);
    let sent = 0;
    Readable.from(
      (function* () {
        while (sent < SIZE) {
          sent += chunk.length;
          yield chunk;
        }
      })(),
    ).pipe(req);
  });
}

/** Growth of the gateway's RSS while 200 MB pass each way, and the throughput of each transfer. */
export async function measureStreaming(base) {
  const pid = await gatewayPid(base);
  const url = `${base}/bench/blob`;
  await download(url); // warm-up: buffers and pools reach their working size
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  let t = Date.now();
  const down = await download(url);
  const downMBps = SIZE / 1048576 / ((Date.now() - t) / 1000);
  t = Date.now();
  const up = await upload(url);
  const upMBps = SIZE / 1048576 / ((Date.now() - t) / 1000);
  clearInterval(sampler);
  return {
    bytesDown: down,
    bytesUp: up,
    downMBps: Math.round(downMBps),
    upMBps: Math.round(upMBps),
    rssBeforeMb: Math.round(before),
    rssPeakGrowthMb: Math.round(peak - before),
  };
}
