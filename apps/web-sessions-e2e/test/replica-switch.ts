import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One origin in front of several gateway replicas, like a load balancer whose next pick the test names. */
export interface ReplicaSwitch {
  /** `http://127.0.0.1:<port>`: the origin the browser sees. */
  url: string;
  port: number;
  /** From now on every request goes to replica `index` (0 at first). */
  use(index: number): void;
  /** Requests each replica has answered so far. */
  served: number[];
  close(): Promise<void>;
}

/**
 * Forwards every request, untouched (method, path, headers, body; the answer's status, headers and body),
 * to the replica chosen with `use`. The `__Host-` session cookie belongs to one origin, so two replicas
 * serving one browser must stand behind one — as they do behind any load balancer.
 */
export async function startReplicaSwitch(port: number, replicaPorts: number[]): Promise<ReplicaSwitch> {
  let current = 0;
  const served = replicaPorts.map(() => 0);
  const server: Server = createServer((incoming, outgoing) => {
    const replica = current;
    const forwarded = request(
      {
        host: '127.0.0.1',
        port: replicaPorts[replica],
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        timeout: 10_000,
      },
      (answer) => {
        served[replica]++;
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('timeout', () => forwarded.destroy(new Error('replica timed out')));
    forwarded.on('error', () => (outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end()));
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    port,
    use: (index) => {
      current = index;
    },
    served,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
