import type { RedisOptions } from 'ioredis';

/** How one of the gateway's Redis connections is made: a single server or a Redis Cluster. */
export interface RedisConnectionOptions {
  /** What the connection is for (`rate-limit`, `response-cache`): Redis's CLIENT LIST, logs and metrics name it. */
  name: string;
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`; ignored when `clusterNodes` is given. */
  url?: string;
  /**
   * Seed nodes of a Redis Cluster (`host:port`); the client discovers the rest. Credentials and TLS come
   * from `url` when it is also given.
   */
  clusterNodes?: readonly string[];
  /** How long one command may wait for its answer before it fails, in ms. Default 100. */
  commandTimeoutMs?: number;
  /** How long a connection attempt may take, in ms. Default 1000. */
  connectTimeoutMs?: number;
  /** Consecutive failed commands that open the breaker (commands then fail at once). Default 3. */
  breakerFailures?: number;
  /** How long the open breaker fails commands before it lets one through to try, in ms. Default 1000. */
  breakerHalfOpenMs?: number;
  /** Extra ioredis options (TLS, username...), applied last. */
  redisOptions?: RedisOptions;
}

/** `host:port,host:port` (spaces allowed) as a list; throws naming a malformed entry. */
export function parseClusterNodes(spec: string): string[] {
  const nodes = spec
    .split(',')
    .map((node) => node.trim())
    .filter(Boolean);
  for (const node of nodes) {
    if (!/^(?:\[[0-9a-fA-F:]+\]|[^\s:/[\]]+):\d{1,5}$/.test(node))
      throw new Error(`"${node}" is not host:port`);
  }
  if (nodes.length === 0) throw new Error('no host:port listed');
  return nodes;
}
