import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ObservabilityModuleOptions } from './observability.options';

export const {
  ConfigurableModuleClass: ObservabilityConfigurableModule,
  MODULE_OPTIONS_TOKEN: OBSERVABILITY_OPTIONS,
} = new ConfigurableModuleBuilder<ObservabilityModuleOptions>({ moduleName: 'Observability' })
  .setClassMethodName('forRoot')
  .build();

/** The gateway's tracer, or null when tracing is off. */
export const GATEWAY_TRACER = Symbol('GATEWAY_TRACER');
