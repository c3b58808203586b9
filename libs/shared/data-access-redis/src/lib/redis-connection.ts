import { Logger } from '@nestjs/common';
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import { RedisBreaker, RedisUnavailableError } from './redis-breaker';
import type { RedisConnectionOptions } from './redis-connection.options';
import { redisUpGauge } from './redis-metrics';

/** A client of either kind: everything the stores call exists on both. */
export type RedisClient = Redis | Cluster;

/**
 * One of the gateway's Redis connections (a server or a Cluster), made to fail fast: no offline queue
 * (a command while disconnected fails at once instead of waiting for a reconnect), a short command
 * deadline, no re-sending of unanswered commands (which could count twice), and a breaker that stops
 * sending while Redis does not answer. ioredis keeps reconnecting on its own; the breaker lets one command
 * through every `breakerHalfOpenMs`, so the store comes back by itself. `concierge_redis_up{connection}`
 * says whether it can be used.
 */
export class RedisConnection {
  readonly client: RedisClient;
  readonly name: string;
  private readonly breaker: RedisBreaker;
  private readonly logger: Logger;
  private readonly commandTimeoutMs: number;
  private readonly up = redisUpGauge();
  private down = false;

  constructor(options: RedisConnectionOptions) {
    const {
      name,
      commandTimeoutMs = 100,
      connectTimeoutMs = 1000,
      breakerFailures = 3,
      breakerHalfOpenMs = 1000,
    } = options;
    if (!options.url && !options.clusterNodes?.length)
      throw new Error(`Redis connection "${name}" needs a url or cluster nodes`);
    this.name = name;
    this.logger = new Logger(`Redis:${name}`);
    this.commandTimeoutMs = commandTimeoutMs;
    // No ioredis `commandTimeout`: it applies to ioredis's own handshake too (CLIENT SETNAME, the INFO
    // ready check), and on a loaded machine the handshake missed 250 ms, the connection was dropped and
    // retried over and over, and start-up's wait for it gave up with it still connecting: the first
    // lookups and writes failed as "not connected". The deadline is the commands' own, in `run`.
    const common: RedisOptions = {
      connectionName: `concierge-${name}`,
      connectTimeout: connectTimeoutMs,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // After a refused connection ioredis waits this long for a close that never comes; keep shutdown quick.
      disconnectTimeout: 200,
    };
    this.client = options.clusterNodes?.length
      ? new Cluster(
          options.clusterNodes.map((node) => {
            const at = node.lastIndexOf(':');
            return { host: node.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(node.slice(at + 1)) };
          }),
          {
            enableOfflineQueue: false,
            // No auto-pipelining: ioredis groups a Cluster pipeline by a command's first argument, which for
            // a script is its key count, not a key, so scripts of callers in different slots would be batched
            // together and refused ("All keys in the pipeline should belong to the same slots").
            enableAutoPipelining: false,
            // MOVED and ASK are followed at once (ioredis's default number of times: while slots move, a
            // command may meet several); each retry while a slot has no master waits little, and the
            // breaker, not the client, decides when to stop trying.
            maxRedirections: 16,
            retryDelayOnFailover: 20,
            retryDelayOnClusterDown: 20,
            retryDelayOnTryAgain: 20,
            slotsRefreshTimeout: connectTimeoutMs,
            clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
            redisOptions: { ...common, ...credentialsOf(options.url), ...options.redisOptions },
          },
        )
      : new Redis(options.url as string, {
          ...common,
          enableOfflineQueue: false,
          enableAutoPipelining: true,
          ...options.redisOptions,
        });
    // Failures must persist over two deadlines: one stalled event loop times out a burst, not an outage.
    this.breaker = new RedisBreaker(breakerFailures, breakerHalfOpenMs, 2 * commandTimeoutMs);
    this.up.labels(name).set(0);
    this.client.on('error', (error: Error) => this.markDown(`unreachable: ${error.message}`));
    this.client.on('ready', () => this.refresh());
    this.client.on('end', () => this.markDown('connection closed'));
    this.breaker.onChange((open) =>
      open ? this.markDown('not answering; commands fail at once for a while') : this.refresh(),
    );
  }

  /** Whether commands are sent now (connected, breaker closed). */
  get available(): boolean {
    return this.client.status === 'ready' && !this.breaker.open;
  }

  /**
   * Runs one command (or a few sent together) through the breaker; any failure — not connected, no answer
   * within the deadline, breaker open — rejects with `RedisUnavailableError`.
   */
  run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
    if (this.client.status !== 'ready') {
      return Promise.reject(
        new RedisUnavailableError(`Redis "${this.name}" is not connected (${this.client.status})`),
      );
    }
    return this.breaker.run(() => withinDeadline(command(this.client), this.commandTimeoutMs, this.name));
  }

  /** Resolves once connected, or with false after `timeoutMs`: start-up never hangs on Redis. */
  async waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ready: boolean) => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
        resolve(ready);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.once('ready', onReady);
    });
  }

  /** Whether Redis answers PING now (readiness), within the command deadline. */
  async ping(): Promise<boolean> {
    try {
      return (await this.run((client) => client.ping())) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.up.labels(this.name).set(0);
    if (this.client.status === 'end') return;
    // QUIT lets replies in flight arrive; a client still trying to connect just stops trying.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  private markDown(reason: string): void {
    this.up.labels(this.name).set(0);
    if (!this.down) this.logger.warn(`Redis "${this.name}" ${reason}`);
    this.down = true;
  }

  private refresh(): void {
    if (!this.available) return;
    this.up.labels(this.name).set(1);
    if (this.down) this.logger.log(`Redis "${this.name}" reachable again`);
    this.down = false;
  }
}

/** `pending`, or a rejection once `ms` pass without its answer (the command itself is not recalled). */
function withinDeadline<T>(pending: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis "${name}" did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
}

/** The credentials and TLS of a `redis(s)://` URL, for the nodes of a Cluster. */
function credentialsOf(url: string | undefined): RedisOptions {
  if (!url) return {};
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}
