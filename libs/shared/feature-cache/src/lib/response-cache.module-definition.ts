import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ResponseCacheModuleOptions } from './response-cache.options';

/** `ResponseCacheModule.forRoot` / `forRootAsync`. */
export const {
  ConfigurableModuleClass: ConfigurableResponseCacheModule,
  MODULE_OPTIONS_TOKEN: RESPONSE_CACHE_OPTIONS,
} = new ConfigurableModuleBuilder<ResponseCacheModuleOptions>({ moduleName: 'ResponseCache' })
  .setClassMethodName('forRoot')
  .build();
