import { randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import { OwnRedisCluster } from './redis-cluster';

/** A single Redis server, or a Redis Cluster of three masters. */
export type TestRedisKind = 'server' | 'cluster';

/** The two kinds, for `describe.each(TEST_REDIS_KINDS)`. */
export const TEST_REDIS_KINDS: readonly TestRedisKind[] = ['server', 'cluster'];

/** A Redis a suite's stores run on, with a key prefix of the suite's own, and the means to look inside. */
export interface TestRedis {
  kind: TestRedisKind;
  /** Where a store connects: `{ url }` for a server, `{ clusterNodes }` for a Cluster (RedisConnection's options). */
  connection: { url?: string; clusterNodes?: string[] };
  /** The same for a spawned gateway: `REDIS_URL` or `REDIS_CLUSTER_NODES`. */
  environment: Record<string, string>;
  /** Unique to this suite and run: two suites sharing one Redis never see each other's keys. */
  prefix: string;
  /** A plain client for looking at what the stores wrote (routed by slot on a Cluster). */
  client: Redis | Cluster;
  /** Every key under this suite's prefix matching `pattern` (a glob after the prefix), on every master. */
  keys(pattern?: string): Promise<string[]>;
  /** Deletes every key matching `pattern` (a whole-key glob, for keys outside the prefix), on every master. */
  unlinkMatching(pattern: string): Promise<void>;
  /** Deletes the suite's keys, closes the client, and stops a cluster the suite started itself. */
  stop(): Promise<void>;
}

/** The shared Redis of `npm test` (REDIS_URL, default the local one). */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * A Redis for a store's suite: `server` is the shared Redis (`REDIS_URL`); `cluster` is the cluster
 * `.ci/run` started (`TEST_REDIS_CLUSTER_NODES`) or, when that is unset, a 3-master cluster of the suite's
 * own, stopped by `stop()`. Either way the keys live under a prefix no other suite uses.
 */
export async function startTestRedis(kind: TestRedisKind, name: string): Promise<TestRedis> {
  const prefix = `test:${name}:${randomUUID()}:`;
  let own: OwnRedisCluster | undefined;
  let connection: TestRedis['connection'];
  let client: Redis | Cluster;
  if (kind === 'server') {
    connection = { url: REDIS_URL };
    client = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  } else {
    let nodes = process.env['TEST_REDIS_CLUSTER_NODES']?.split(',').filter(Boolean);
    if (!nodes?.length) {
      own = new OwnRedisCluster();
      await own.start(3);
      nodes = own.nodes;
    }
    connection = { clusterNodes: nodes };
    client = new Cluster(nodes.map(hostPort), { redisOptions: { maxRetriesPerRequest: 1 } });
  }
  const matching = async (pattern: string): Promise<string[]> => {
    const masters = client instanceof Cluster ? client.nodes('master') : [client];
    const found = await Promise.all(masters.map((node) => scanAll(node, pattern)));
    return found.flat().sort();
  };
  // One UNLINK per key: on a Cluster the keys of one call must share a slot.
  const unlinkMatching = async (pattern: string): Promise<void> => {
    for (const key of await matching(pattern)) await client.unlink(key);
  };
  return {
    kind,
    connection,
    environment: connection.url
      ? { REDIS_URL: connection.url }
      : { REDIS_CLUSTER_NODES: (connection.clusterNodes ?? []).join(',') },
    prefix,
    client,
    keys: (pattern = '*') => matching(`${prefix}${pattern}`),
    unlinkMatching,
    stop: async () => {
      try {
        await unlinkMatching(`${prefix}*`);
      } finally {
        client.disconnect();
        await own?.stop();
      }
    },
  };
}

function hostPort(node: string): { host: string; port: number } {
  const at = node.lastIndexOf(':');
  return { host: node.slice(0, at), port: Number(node.slice(at + 1)) };
}

async function scanAll(node: Redis, match: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 500);
    out.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return out;
}
