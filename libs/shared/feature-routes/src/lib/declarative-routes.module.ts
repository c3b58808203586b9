import { Module } from '@nestjs/common';
import { ConfigurableDeclarativeRoutesModule } from './declarative-routes.module-definition';
import { DeclarativeRoutesRegistrar } from './declarative-routes.registrar';

/**
 * Pass-through routes declared in a routes file, served from a routes table behind one Fastify catch-all
 * and reloaded without a restart (SIGHUP, `POST /admin/reload`, `watch`).
 * Wire it with `DeclarativeRoutesModule.forRootAsync({ inject: [ConfigService], useFactory })`; it uses
 * the app's `Authenticator`, `RateLimiter` and `ResponseCache` when their modules are imported.
 */
@Module({
  providers: [DeclarativeRoutesRegistrar],
  exports: [DeclarativeRoutesRegistrar],
})
export class DeclarativeRoutesModule extends ConfigurableDeclarativeRoutesModule {}
