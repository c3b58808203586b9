import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AuthModuleOptions } from './auth-options';

/** `AuthModule.forRoot` / `forRootAsync`; global by default so `Authenticator` is injectable anywhere. */
export const { ConfigurableModuleClass: ConfigurableAuthModule, MODULE_OPTIONS_TOKEN: AUTH_MODULE_OPTIONS } =
  new ConfigurableModuleBuilder<AuthModuleOptions>({ moduleName: 'Auth' })
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
    .build();

/** The options after `resolveAuthOptions`: defaults filled in, validated once at start-up. */
export const RESOLVED_AUTH_OPTIONS = Symbol('RESOLVED_AUTH_OPTIONS');
