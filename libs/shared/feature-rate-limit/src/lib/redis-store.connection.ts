import {
  RedisConnection,
  type RedisClient,
  type RedisConnectionOptions,
} from '@concierge/shared/data-access-redis';
import { RateLimitStoreUnavailableError } from './rate-limit.store';

/** What the Redis-backed limit stores (buckets, quotas) take: a connection, or the options to open one. */
export interface RedisStoreConnectionOptions extends Partial<Omit<RedisConnectionOptions, 'name'>> {
  /** A connection to use instead of opening one (the store then leaves closing it to its owner). */
  connection?: RedisConnection;
}

/**
 * A limit store's Redis connection: the one it was given, or its own (250 ms command deadline), which it
 * closes. Every command's failure becomes `RateLimitStoreUnavailableError`, so the caller applies
 * `RATE_LIMIT_FAIL_MODE` whichever store failed.
 */
export class RedisStoreConnection {
  readonly connection: RedisConnection;
  private readonly owned: boolean;

  /**
   * `names.store` names the class in a configuration error, `names.failure` starts an unavailable error's
   * message, `names.connection` is the connection's name (logs, `concierge_redis_up`).
   */
  constructor(
    private readonly names: { store: string; failure: string; connection: string },
    { connection, ...options }: RedisStoreConnectionOptions,
  ) {
    if (!connection && !options.url && !options.clusterNodes?.length) {
      throw new Error(`${names.store} needs a url, cluster nodes or a connection`);
    }
    this.owned = !connection;
    this.connection =
      connection ??
      new RedisConnection({
        ...options,
        commandTimeoutMs: options.commandTimeoutMs ?? 250,
        name: names.connection,
      });
  }

  async run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
    try {
      return await this.connection.run(command);
    } catch (error) {
      throw new RateLimitStoreUnavailableError(`${this.names.failure}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Resolves once connected, or after `timeoutMs` (false) — start-up should not hang on Redis. */
  waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    return this.connection.waitUntilReady(timeoutMs);
  }

  /** Whether Redis answers now (readiness). */
  isReady(): Promise<boolean> {
    return this.connection.ping();
  }

  async close(): Promise<void> {
    if (this.owned) await this.connection.close();
  }
}
