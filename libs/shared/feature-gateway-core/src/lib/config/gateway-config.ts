import type { GatewayEnvironment } from './gateway-environment';

/**
 * The validated environment as a typed injection token: inject `GatewayConfig` (no `@Inject` needed) and
 * read `config.env.UPSTREAM_TIMEOUT_MS` as a number, with no type restated at the read. An app that
 * extends the schema reads its own variables through `GatewayConfig<ItsEnvironment>`.
 */
export class GatewayConfig<E extends GatewayEnvironment = GatewayEnvironment> {
  constructor(readonly env: Readonly<E>) {}
}
