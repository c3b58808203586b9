/**
 * The gateway's Redis connections (a server or a Redis Cluster), made once for every shared store (rate
 * limits, response cache, sessions): fail-fast, with a command deadline and a breaker.
 */
export { RedisConnection, type RedisClient } from './lib/redis-connection';
export { parseClusterNodes, type RedisConnectionOptions } from './lib/redis-connection.options';
