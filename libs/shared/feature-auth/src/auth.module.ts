import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { resolveAuthOptions, type AuthModuleOptions } from './auth-options';
import { AUTH_MODULE_OPTIONS, ConfigurableAuthModule, RESOLVED_AUTH_OPTIONS } from './auth.module-definition';
import { ApiKeyVerifier } from './api-key.verifier';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator.service';
import { DeviceKeys } from './device-keys.service';
import { BearerTokens } from './bearer-tokens.service';

/**
 * Authentication for a gateway, secure by default: registers the global `AuthGuard` and exports the
 * `Authenticator`. Wire it with `AuthModule.forRootAsync({ inject: [ConfigService], useFactory })`.
 */
@Module({
  providers: [
    {
      provide: RESOLVED_AUTH_OPTIONS,
      inject: [AUTH_MODULE_OPTIONS],
      useFactory: (o: AuthModuleOptions) => resolveAuthOptions(o),
    },
    BearerTokens,
    DeviceKeys,
    ApiKeyVerifier,
    Authenticator,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [Authenticator],
})
export class AuthModule extends ConfigurableAuthModule {}
