import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a test's origin route answers; `calls` counts this route's requests, this one included. */
export type OriginReply = (
  request: IncomingMessage,
  calls: number,
) => {
  status?: number;
  /** Sent exactly as given: an array is several field lines. */
  headers?: Record<string, string | string[] | number>;
  body?: string;
  delayMs?: number;
  /** Fail instead of answering: `reset` closes the connection at once, `mid-response` after half the body. */
  abort?: 'reset' | 'mid-response';
};

/** A real upstream process for the cache to sit in front of: routes the test defines, calls it counts. */
export interface Origin {
  url: string;
  /** Answers `path` exactly (query included), or every path starting with it when it ends in `*`. */
  route(path: string, reply: OriginReply): void;
  /** Calls of an exact route, or of all the URLs a `*` route matched (ask with the pattern). */
  calls(path: string, method?: string): number;
  /** The last request a route received (to see the conditional headers the cache sent). */
  last(path: string): IncomingMessage | undefined;
  close(): Promise<void>;
}

function prefixPattern(routes: Map<string, OriginReply>, url: string): string | undefined {
  for (const pattern of routes.keys()) {
    if (pattern.endsWith('*') && url.startsWith(pattern.slice(0, -1))) return pattern;
  }
  return undefined;
}

/**
 * A plain HTTP origin on an ephemeral port that answers what each test route says, with exactly the
 * headers given (no framework adds any), and counts the calls per method and path.
 */
export async function startOrigin(): Promise<Origin> {
  const routes = new Map<string, OriginReply>();
  const counts = new Map<string, number>();
  const lastSeen = new Map<string, IncomingMessage>();
  const server: Server = createServer((request, response) => {
    const url = request.url ?? '/';
    // Requests of a prefix route are counted (and remembered) under its pattern: a suite sending many
    // unique URLs must not make the origin hold one entry per URL.
    const path = routes.has(url) ? url : (prefixPattern(routes, url) ?? url);
    const counter = `${request.method} ${path}`;
    counts.set(counter, (counts.get(counter) ?? 0) + 1);
    lastSeen.set(path, request);
    const reply = routes.get(path);
    request.resume();
    request.on('end', () => {
      const {
        status = 200,
        headers = {},
        body = '',
        delayMs = 0,
        abort,
      } = reply ? reply(request, counts.get(counter) ?? 0) : { status: 404, body: 'no such route' };
      setTimeout(() => {
        if (abort === 'reset') {
          response.socket?.destroy();
        } else if (abort === 'mid-response') {
          response.writeHead(status, {
            ...headers,
            'content-length': String(Buffer.byteLength(body)),
          } as OutgoingHttpHeaders);
          response.write(body.slice(0, Math.floor(body.length / 2)), () => response.socket?.destroy());
        } else {
          response.writeHead(status, headers as OutgoingHttpHeaders).end(status === 304 ? undefined : body);
        }
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    route: (path, reply) => routes.set(path, reply),
    calls: (path, method = 'GET') => counts.get(`${method} ${path}`) ?? 0,
    last: (path) => lastSeen.get(path),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
