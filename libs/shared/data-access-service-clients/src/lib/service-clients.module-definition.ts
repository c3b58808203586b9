import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ServiceClientClass } from './service-declarations';
import { ServiceClientsModuleOptions } from './service-clients.options';

/**
 * `forRoot` / `forRootAsync`, global by default (one set of upstream pools per process). `clients` are
 * the typed clients the app injects (its declared services'), provided and exported beside the rest.
 */
export const {
  ConfigurableModuleClass: ServiceClientsConfigurableModule,
  MODULE_OPTIONS_TOKEN: SERVICE_CLIENTS_OPTIONS,
} = new ConfigurableModuleBuilder<ServiceClientsModuleOptions>({ moduleName: 'ServiceClients' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true, clients: [] as readonly ServiceClientClass[] }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
    providers: [...(definition.providers ?? []), ...extras.clients],
    exports: [...(definition.exports ?? []), ...extras.clients],
  }))
  .build();

/** The axios instance behind the clients (undici adapter). */
export const UPSTREAM_AXIOS = Symbol('UPSTREAM_AXIOS');
/** The undici transport (one pool per origin) behind that axios instance. */
export const UPSTREAM_TRANSPORT = Symbol('UPSTREAM_TRANSPORT');
/** How the clients send an attempt (direct undici, or axios over undici). */
export const UPSTREAM_EXCHANGER = Symbol('UPSTREAM_EXCHANGER');
