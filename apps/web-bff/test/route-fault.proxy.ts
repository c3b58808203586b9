import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A forwarding proxy in front of one demo service that can fail the paths matching `pattern` with 503
 * while every other path is served by the real service. The demo services' chaos switches act on a whole
 * service; this fails one route of it (e.g. the catalog's stock) so an optional part can be down while the
 * required part, on the same service, is up.
 */
export interface RouteFaultProxy {
  url: string;
  /** Fail matching paths (true) or forward them too (false). */
  fail(on: boolean): void;
  close(): Promise<void>;
}

export async function startRouteFaultProxy(target: string, pattern: RegExp): Promise<RouteFaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let failing = false;
  const server: Server = createServer((incoming, outgoing) => {
    if (failing && pattern.test(incoming.url ?? '')) {
      incoming.resume();
      outgoing.writeHead(503, { 'content-type': 'application/problem+json' });
      outgoing.end(
        JSON.stringify({
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'route down (test proxy)',
        }),
      );
      return;
    }
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host },
        agent,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    fail: (on) => (failing = on),
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
