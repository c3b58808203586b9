import { randomUUID } from 'node:crypto';
import type { RedisClient, RedisConnection } from '@concierge/shared/data-access-redis';
import { SessionStoreUnavailableError } from './session-errors';
import type { SessionIndex, SessionStore } from './session.store';

type WithUnlock = RedisClient & {
  conciergeSessionUnlock(numKeys: number, key: string, owner: string): Promise<number>;
};

/** Deletes the lock only if this replica still owns it (one key: one slot on a Cluster). */
const UNLOCK_LUA =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Sessions in Redis (a server or a Cluster), so every replica serves every session: `<prefix>s:<key>`
 * holds the sealed session with its TTL; `<prefix>sid:<sid>` and `<prefix>sub:<sub>` are sets of keys for
 * back-channel logout; `<prefix>lock:<key>` is the refresh lock (SET NX PX, released only by its owner).
 *
 * Every command, transaction and script touches one key, so a Cluster never refuses one as CROSSSLOT
 * (a session and its indexes hash to different slots: they are written one after the other, the indexes
 * first, so a session that exists is always findable by a back-channel logout). The connection fails fast
 * (deadline, breaker); any failure rejects with `SessionStoreUnavailableError`, which the gateway answers
 * with 503 and `Retry-After` for the cookie's request.
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  private readonly owner = randomUUID();

  constructor(
    private readonly connection: RedisConnection,
    private readonly prefix: string,
    /** Whether `close()` closes the connection (it was opened for this store). */
    private readonly owned = false,
  ) {
    connection.client.defineCommand('conciergeSessionUnlock', { lua: UNLOCK_LUA });
  }

  /** Resolves once connected, or false after `timeoutMs`: start-up does not hang on Redis. */
  waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    return this.connection.waitUntilReady(timeoutMs);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.ask((redis) => redis.get(`${this.prefix}s:${key}`))) ?? undefined;
  }

  async set(key: string, sealed: string, ttlMs: number, index: SessionIndex): Promise<void> {
    const ttl = Math.max(1, Math.ceil(ttlMs));
    const names = index.sid ? [`sub:${index.sub}`, `sid:${index.sid}`] : [`sub:${index.sub}`];
    await this.ask((redis) =>
      Promise.all(
        names.map((name) => {
          const set = `${this.prefix}${name}`;
          // The index lives as long as its longest session; stale members are filtered on read.
          return redis.multi().sadd(set, key).pexpire(set, ttl, 'GT').pexpire(set, ttl, 'NX').exec();
        }),
      ),
    );
    await this.ask((redis) => redis.set(`${this.prefix}s:${key}`, sealed, 'PX', ttl));
  }

  async delete(key: string): Promise<void> {
    await this.ask((redis) => redis.del(`${this.prefix}s:${key}`));
  }

  async touch(key: string, ttlMs: number): Promise<void> {
    await this.ask((redis) => redis.pexpire(`${this.prefix}s:${key}`, Math.max(1, Math.ceil(ttlMs)), 'XX'));
  }

  async keysOf(match: { sid: string } | { sub: string }): Promise<string[]> {
    const name = 'sid' in match ? `sid:${match.sid}` : `sub:${match.sub}`;
    // Members whose session already expired are harmless: deleting them is a no-op.
    return this.ask((redis) => redis.smembers(`${this.prefix}${name}`));
  }

  async tryLock(key: string, ttlMs: number): Promise<boolean> {
    const reply = await this.ask((redis) =>
      redis.set(`${this.prefix}lock:${key}`, this.owner, 'PX', ttlMs, 'NX'),
    );
    return reply === 'OK';
  }

  async unlock(key: string): Promise<void> {
    await this.ask((redis) =>
      (redis as WithUnlock).conciergeSessionUnlock(1, `${this.prefix}lock:${key}`, this.owner),
    );
  }

  isReady(): Promise<boolean> {
    return this.connection.ping();
  }

  async close(): Promise<void> {
    if (this.owned) await this.connection.close();
  }

  private async ask<T>(command: (redis: RedisClient) => Promise<T>): Promise<T> {
    try {
      return await this.connection.run(command);
    } catch (error) {
      throw new SessionStoreUnavailableError(`Redis session store: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}
