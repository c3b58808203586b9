import { Counter, register, type Registry } from 'prom-client';

const AUTH_METRICS = {
  unknownKid: 'concierge_auth_unknown_kid_total',
  jwksFetches: 'concierge_auth_jwks_fetches_total',
  tokensRefused: 'concierge_auth_tokens_refused_total',
  deviceKeyChecks: 'concierge_auth_device_key_checks_total',
} as const;

/** What became of a device-key check: `limited` (failed-attempt budget used up) and `busy` never asked upstream. */
export type DeviceKeyOutcome = 'valid' | 'invalid' | 'limited' | 'busy' | 'unavailable';

function counter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: L[] = [],
): Counter<L> {
  return (
    (registry.getSingleMetric(name) as Counter<L> | undefined) ??
    new Counter({ name, help, labelNames, registers: [registry] })
  );
}

/** What authentication counts, on prom-client's default registry (where `/metrics` reads). */
export class AuthMetrics {
  private readonly unknownKids: Counter;
  private readonly jwksFetches: Counter<'outcome'>;
  private readonly refusals: Counter<'reason'>;
  private readonly deviceKeys: Counter<'outcome'>;

  constructor(registry: Registry = register) {
    this.unknownKids = counter(
      registry,
      AUTH_METRICS.unknownKid,
      'Bearer tokens naming a key (kid) not in the issuer\u2019s current key set.',
    );
    this.jwksFetches = counter(
      registry,
      AUTH_METRICS.jwksFetches,
      'Fetches of the issuer\u2019s JWKS by outcome (ok, failed).',
      ['outcome'],
    );
    this.deviceKeys = counter(
      registry,
      AUTH_METRICS.deviceKeyChecks,
      'Device-key checks by outcome (valid, invalid, limited, busy, unavailable).',
      ['outcome'],
    );
    this.refusals = counter(registry, AUTH_METRICS.tokensRefused, 'Bearer tokens refused, by reason.', [
      'reason',
    ]);
  }

  unknownKid(): void {
    this.unknownKids.inc();
  }

  jwksFetch(outcome: 'ok' | 'failed'): void {
    this.jwksFetches.labels(outcome).inc();
  }

  deviceKeyCheck(outcome: DeviceKeyOutcome): void {
    this.deviceKeys.labels(outcome).inc();
  }

  tokenRefused(reason: string): void {
    this.refusals.labels(reason).inc();
  }
}
