import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { SessionIndex, SessionStore } from './session.store';

const UNLOCK_LUA =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Sessions in Redis, so every replica serves every session: `<prefix>s:<key>` holds the sealed session
 * with its TTL; `<prefix>sid:<sid>` and `<prefix>sub:<sub>` are sets of keys for back-channel logout;
 * `<prefix>lock:<key>` is the refresh lock (SET NX PX, released only by its owner).
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  private readonly logger = new Logger(RedisSessionStore.name);
  private readonly redis: Redis;
  private readonly owner = randomUUID();
  private down = false;

  constructor(
    url: string,
    private readonly prefix: string,
    commandTimeoutMs = 1000,
  ) {
    this.redis = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: 2000,
    });
    this.redis.on('error', (error: Error) => {
      if (!this.down) this.logger.warn(`Redis unreachable for sessions: ${error.message}`);
      this.down = true;
    });
    this.redis.on('ready', () => {
      if (this.down) this.logger.log('Redis reachable again for sessions');
      this.down = false;
    });
  }

  /** Resolves once connected, or false after `timeoutMs`: start-up does not hang on Redis. */
  async waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    if (this.redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.redis.once('ready', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}s:${key}`)) ?? undefined;
  }

  async set(key: string, sealed: string, ttlMs: number, index: SessionIndex): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const multi = this.redis.multi().set(`${this.prefix}s:${key}`, sealed, 'PX', ttl);
    for (const name of index.sid ? [`sub:${index.sub}`, `sid:${index.sid}`] : [`sub:${index.sub}`]) {
      // The index lives as long as its longest session; stale members are filtered on read.
      multi.sadd(`${this.prefix}${name}`, key).pexpire(`${this.prefix}${name}`, ttl, 'GT');
      multi.pexpire(`${this.prefix}${name}`, ttl, 'NX');
    }
    await multi.exec();
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(`${this.prefix}s:${key}`);
  }

  async touch(key: string, ttlMs: number): Promise<void> {
    await this.redis.pexpire(`${this.prefix}s:${key}`, Math.max(1, Math.ceil(ttlMs)), 'XX');
  }

  async keysOf(match: { sid: string } | { sub: string }): Promise<string[]> {
    const name = 'sid' in match ? `sid:${match.sid}` : `sub:${match.sub}`;
    // Members whose session already expired are harmless: deleting them is a no-op.
    return this.redis.smembers(`${this.prefix}${name}`);
  }

  async tryLock(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(`${this.prefix}lock:${key}`, this.owner, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async unlock(key: string): Promise<void> {
    await this.redis.eval(UNLOCK_LUA, 1, `${this.prefix}lock:${key}`, this.owner);
  }

  isReady(): boolean {
    return this.redis.status === 'ready';
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
