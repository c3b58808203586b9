import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { OwnRedisServer } from './redis-server';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A real Redis Cluster of `masters` masters (no replicas) of the test's own on loopback ports: each a
 * `redis-server --cluster-enabled yes`, joined with `redis-cli --cluster create`. Resolves once every node
 * says `cluster_state:ok`. Masters can be stopped and restarted (same port, same node id) to test failures.
 */
export class OwnRedisCluster {
  readonly servers: OwnRedisServer[] = [];
  private dir = '';

  /** `host:port` of every master, as `REDIS_CLUSTER_NODES` lists them. */
  get nodes(): string[] {
    return this.servers.map((server) => `127.0.0.1:${server.port}`);
  }

  async start(masters = 3): Promise<void> {
    this.dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
    for (let i = 0; i < masters; i++) {
      const port = await freePort();
      const args = [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        `nodes-${port}.conf`,
        '--cluster-node-timeout',
        '1000',
      ];
      this.servers.push(new OwnRedisServer(port, args, this.dir));
    }
    await Promise.all(this.servers.map((server) => server.start()));
    await run(
      'redis-cli',
      ['--cluster', 'create', ...this.nodes, '--cluster-replicas', '0', '--cluster-yes'],
      { timeout: 20_000 },
    );
    await this.waitUntilOk();
  }

  /** Polls every running node until it reports `cluster_state:ok` (within `timeoutMs`). */
  async waitUntilOk(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const server of this.servers) {
      for (;;) {
        const { stdout } = await run('redis-cli', ['-p', String(server.port), 'cluster', 'info']).catch(
          () => ({ stdout: '' }),
        );
        if (stdout.includes('cluster_state:ok')) break;
        if (Date.now() > deadline) throw new Error(`the cluster is not ok within ${timeoutMs} ms`);
        await sleep(100);
      }
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
