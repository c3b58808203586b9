import { HttpService } from '@nestjs/axios';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AxiosInstance } from 'axios';
import {
  SERVICE_CLIENTS_OPTIONS,
  ServiceClientsConfigurableModule,
  UPSTREAM_AXIOS,
  UPSTREAM_EXCHANGER,
  UPSTREAM_TRANSPORT,
} from './service-clients.module-definition';
import { ServiceClientsModuleOptions, connectionsOf } from './service-clients.options';
import { createStockHttpService } from './transport/stock-http.factory';
import { createUpstreamAxios } from './transport/undici.adapter';
import { SharedPoolsDispatcher } from './transport/shared-pools.dispatcher';
import { UndiciTransport } from './transport/undici.transport';
import { axiosExchanger, directExchanger } from './transport/upstream-exchange';
import { UpstreamEvents } from './upstream-events';
import { UpstreamRegistry } from './upstream-registry';
import { UpstreamClient } from './upstream.client';

/** What the module provides and hands to the app alike. */
const PUBLIC_PROVIDERS = [UpstreamEvents, UpstreamRegistry, UpstreamClient];

/**
 * The calls to the services behind a gateway (and the typed clients it names in `clients`), over keep-alive undici pools, with deadlines,
 * retries, breakers and bulkheads per upstream. `ServiceClientsModule.forRootAsync({ inject, useFactory })`
 * once in the app; global unless `isGlobal: false`. Also provides `HttpService` (`@nestjs/axios`) backed
 * by the same undici transport, for code that wants plain axios calls.
 */
@Module({
  providers: [
    {
      provide: UPSTREAM_TRANSPORT,
      inject: [SERVICE_CLIENTS_OPTIONS],
      useFactory: (options: ServiceClientsModuleOptions) =>
        new UndiciTransport({ connections: connectionsOf(options) }),
    },
    { provide: UPSTREAM_AXIOS, inject: [UPSTREAM_TRANSPORT], useFactory: createUpstreamAxios },
    {
      provide: HttpService,
      inject: [UPSTREAM_AXIOS],
      useFactory: (instance: AxiosInstance) => new HttpService(instance),
    },
    {
      provide: UPSTREAM_EXCHANGER,
      inject: [SERVICE_CLIENTS_OPTIONS, UPSTREAM_TRANSPORT, UPSTREAM_AXIOS],
      useFactory: (
        options: ServiceClientsModuleOptions,
        transport: UndiciTransport,
        instance: AxiosInstance,
      ) => {
        if (options.transport === 'axios') return axiosExchanger(instance);
        // `@nestjs/axios` as it comes (axios' own http adapter, keep-alive agent): the benchmark's baseline.
        if (options.transport === 'stock-axios') return axiosExchanger(createStockHttpService().axiosRef);
        return directExchanger(transport);
      },
    },
    {
      provide: SharedPoolsDispatcher,
      inject: [UPSTREAM_TRANSPORT],
      useFactory: (transport: UndiciTransport) => new SharedPoolsDispatcher(transport),
    },
    ...PUBLIC_PROVIDERS,
  ],
  exports: [HttpService, SharedPoolsDispatcher, ...PUBLIC_PROVIDERS],
})
export class ServiceClientsModule extends ServiceClientsConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(UPSTREAM_TRANSPORT) private readonly transport: UndiciTransport) {
    super();
  }

  /** Closes the keep-alive pools (requests in flight finish first). */
  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }
}
