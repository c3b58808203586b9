import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { SessionModuleOptions } from './session.options';

export const {
  ConfigurableModuleClass: SessionConfigurableModule,
  MODULE_OPTIONS_TOKEN: SESSION_MODULE_OPTIONS,
} = new ConfigurableModuleBuilder<SessionModuleOptions>({ moduleName: 'Session' })
  .setClassMethodName('forRoot')
  // Global: the auth library's Authenticator, wherever it is instantiated, must find the credential source.
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();

/** The resolved options, or null when sessions are off. */
export const RESOLVED_SESSION_OPTIONS = 'concierge:resolved-session-options';
/** The `SessionService`, or null when sessions are off. */
export const SESSION_SERVICE = 'concierge:session-service';
