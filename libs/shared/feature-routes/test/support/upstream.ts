import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the upstream saw of one request. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
}

/** A real upstream on an ephemeral port: counts calls, echoes what it received, and has a few special paths. */
export interface TestUpstream {
  url: string;
  calls: number;
  last?: Seen;
  cacheHits: number;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `size` bytes of one reused chunk, honouring backpressure: nothing is ever held whole. */
export function writeGenerated(out: NodeJS.WritableStream, size: number, done: () => void): void {
  let left = size;
  const pump = (): void => {
    while (left > 0) {
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= chunk.length;
      if (!out.write(chunk)) {
        out.once('drain', pump);
        return;
      }
    }
    done();
  };
  pump();
}

export async function startUpstream(): Promise<TestUpstream> {
  const state: TestUpstream = { url: '', calls: 0, cacheHits: 0, close: async () => undefined };
  let cachedServed = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.calls++;
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      const seen: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes };
      state.last = seen;
      const path = (req.url ?? '').split('?')[0];
      if (path.endsWith('/slow')) {
        setTimeout(() => json(res, 200, seen), 600);
      } else if (path.startsWith('/missing/')) {
        // An upstream's own problem document: its instance is the upstream's path, never the client's.
        res.writeHead(404, { 'content-type': 'application/problem+json', 'retry-after': '7' });
        res.end(
          JSON.stringify({
            type: 'https://catalog.internal/problems/no-item',
            title: 'Not Found',
            status: 404,
            detail: 'No item x.',
            instance: path,
            requestId: 'upstream-side-id',
            stack: 'at /srv/catalog/app.js:9',
          }),
        );
      } else if (path.endsWith('/boom')) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('secret stack at /srv/catalog/app.js:42');
      } else if (path.endsWith('/hop')) {
        res.writeHead(200, {
          'content-type': 'application/json',
          connection: 'keep-alive, x-upstream-hop',
          'keep-alive': 'timeout=5',
          'x-upstream-hop': 'should-not-pass',
          server: 'internal-catalog/1.2',
          'x-end-to-end': 'kept',
        });
        res.end(JSON.stringify(seen));
      } else if (path.endsWith('/order')) {
        json(
          res,
          200,
          {
            id: 'o-1',
            customer: { id: 'u-1', email: 'alice@example.com', internalScore: 7 },
            items: [
              { sku: 'a', price: 10, cost: 4 },
              { sku: 'b', price: 32, cost: 20 },
            ],
          },
          { etag: '"v1"' },
        );
      } else if (path.endsWith('/cached')) {
        cachedServed++;
        json(res, 200, { served: cachedServed }, { 'cache-control': 'public, max-age=60' });
      } else if (path.startsWith('/download/')) {
        const size = Number(path.split('/').pop());
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(size) });
        writeGenerated(res, size, () => res.end());
      } else {
        json(res, 200, seen);
      }
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
