import type { Type } from '@nestjs/common';

/** A typed client of one service: an injectable class that names the service it calls. */
export interface ServiceClientClass<N extends string = string> extends Type<unknown> {
  readonly service: N;
}

/** What a gateway says about one service it calls. */
export interface ServiceDeclaration<N extends string = string> {
  /** The typed client the gateway's code injects; none for a service only declared routes call. */
  client?: ServiceClientClass<N>;
  /**
   * The base URL used when `<NAME>_SERVICE_URL` is unset (e.g. the demo service on this machine); without
   * it the variable is required and a gateway that lacks it stops at start-up naming it.
   */
  defaultUrl?: string;
}

/** The services one gateway calls, by name. */
export type ServiceDeclarations = Readonly<Record<string, ServiceDeclaration>>;

/**
 * Declares the services a gateway calls, in the gateway's own folder. Everything else derives from it:
 * the `<NAME>_SERVICE_URL` variables of its validated environment (`serviceUrlEnvironment`), the
 * upstreams its service clients, declared routes and `/health/upstreams` know, and the typed clients it
 * can inject. A client declared under another service's name does not compile.
 *
 * @example
 * export const webServices = declareServices({
 *   catalog: { client: CatalogClient, defaultUrl: demoServiceUrl('catalog') },
 * });
 */
export function declareServices<const S extends ServiceDeclarations>(
  services: S & { [N in keyof S]: ServiceDeclaration<N & string> },
): S {
  return services;
}

/** The typed clients of a declaration, to be provided to the app. */
export function declaredClients(services: ServiceDeclarations): ServiceClientClass[] {
  const clients: ServiceClientClass[] = [];
  for (const declaration of Object.values(services)) if (declaration.client) clients.push(declaration.client);
  return clients;
}
