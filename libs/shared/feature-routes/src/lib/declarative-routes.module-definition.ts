import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { DeclarativeRoutesOptions } from './declarative-routes.options';

/** `DeclarativeRoutesModule.forRoot` / `forRootAsync`. */
export const {
  ConfigurableModuleClass: ConfigurableDeclarativeRoutesModule,
  MODULE_OPTIONS_TOKEN: DECLARATIVE_ROUTES_OPTIONS,
} = new ConfigurableModuleBuilder<DeclarativeRoutesOptions>({ moduleName: 'DeclarativeRoutes' })
  .setClassMethodName('forRoot')
  .build();
