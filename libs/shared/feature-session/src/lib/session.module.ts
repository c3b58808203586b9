import { Module } from '@nestjs/common';
import { RedisConnection } from '@concierge/shared/data-access-redis';
import { SESSION_CREDENTIAL_SOURCE } from '@concierge/shared/feature-auth';
import { MemorySessionStore } from './memory-session.store';
import { RedisSessionStore } from './redis-session.store';
import { RelyingParty } from './relying-party';
import { SessionCredentials } from './session-credential.source';
import {
  RESOLVED_SESSION_OPTIONS,
  SESSION_MODULE_OPTIONS,
  SESSION_SERVICE,
  SessionConfigurableModule,
} from './session.module-definition';
import { SessionRoutesInstaller } from './session-routes.installer';
import { SessionService } from './session.service';
import {
  resolveSessionOptions,
  type ResolvedSessionOptions,
  type SessionModuleOptions,
} from './session.options';
import type { SessionStore } from './session.store';

async function createStore(options: ResolvedSessionOptions): Promise<SessionStore> {
  if (!options.redisUrl && !options.redisClusterNodes) return new MemorySessionStore();
  // Fail-fast like every shared store (no offline queue, a deadline, a breaker, concierge_redis_up).
  const connection = new RedisConnection({
    name: 'session',
    url: options.redisUrl,
    clusterNodes: options.redisClusterNodes,
    commandTimeoutMs: options.redisCommandTimeoutMs,
  });
  const store = new RedisSessionStore(connection, options.keyPrefix, true);
  await store.waitUntilReady();
  // Every replica shares the one session Redis: taking them all out of their load balancer would refuse
  // bearer-token requests too, which never need it. Cookie requests get 503 + Retry-After meanwhile.
  options.readiness?.register('session-redis', () => store.isReady(), { required: false });
  return store;
}

/**
 * Browser sessions for a gateway (the BFF token handler): `/bff/login`, `/bff/callback`, `/bff/user`,
 * `/bff/logout`, `/bff/backchannel-logout`, and every authenticated route accepting the session cookie
 * (with a CSRF check) wherever it accepts a bearer token. Off, registering nothing, unless `oidc` is set.
 * Wire it with `SessionModule.forRootAsync({ inject: [ConfigService], useFactory })`.
 */
@Module({
  providers: [
    {
      provide: RESOLVED_SESSION_OPTIONS,
      inject: [SESSION_MODULE_OPTIONS],
      useFactory: (o: SessionModuleOptions) => resolveSessionOptions(o) ?? null,
    },
    {
      provide: SESSION_SERVICE,
      inject: [RESOLVED_SESSION_OPTIONS],
      useFactory: async (options: ResolvedSessionOptions | null) =>
        options ? new SessionService(options, await createStore(options), new RelyingParty(options)) : null,
    },
    {
      provide: SESSION_CREDENTIAL_SOURCE,
      inject: [SESSION_SERVICE, RESOLVED_SESSION_OPTIONS],
      useFactory: (sessions: SessionService | null, options: ResolvedSessionOptions | null) =>
        sessions && options ? new SessionCredentials(sessions, options) : null,
    },
    SessionRoutesInstaller,
  ],
  exports: [SESSION_CREDENTIAL_SOURCE],
})
export class SessionModule extends SessionConfigurableModule {}
