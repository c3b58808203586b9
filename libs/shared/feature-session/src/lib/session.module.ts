import { Module } from '@nestjs/common';
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
  if (!options.redisUrl) return new MemorySessionStore();
  const store = new RedisSessionStore(options.redisUrl, options.keyPrefix);
  await store.waitUntilReady();
  // Without its sessions a replica can only answer 401s: it must leave the load balancer instead.
  options.readiness?.register('session-redis', () => store.isReady());
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
