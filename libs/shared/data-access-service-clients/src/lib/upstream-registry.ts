import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CLIENTS_OPTIONS } from './service-clients.module-definition';
import {
  ResolvedUpstreamSettings,
  ServiceClientsModuleOptions,
  resolveUpstreamSettings,
} from './service-clients.options';
import { UpstreamEvents } from './upstream-events';
import { BreakerState, UpstreamPolicy } from './resilience/upstream-policy';

/** One configured upstream: its settings and its resilience policy. */
export interface Upstream {
  settings: ResolvedUpstreamSettings;
  policy: UpstreamPolicy;
}

/** One line of `/health/upstreams`. */
export interface UpstreamStatus {
  name: string;
  baseUrl: string;
  breaker: BreakerState;
}

/** The upstreams this gateway calls, each with its own policy; what `/health/upstreams` lists. */
@Injectable()
export class UpstreamRegistry {
  private readonly upstreams = new Map<string, Upstream>();
  private readonly isolated = new Map<string, Upstream>();
  private readonly logger = new Logger(UpstreamRegistry.name);

  constructor(
    @Inject(SERVICE_CLIENTS_OPTIONS) private readonly options: ServiceClientsModuleOptions,
    private readonly events: UpstreamEvents,
  ) {
    for (const settings of resolveUpstreamSettings(options)) this.add(settings);
  }

  /**
   * The upstream at `baseUrl` under `name`, added with the default settings when it is not configured
   * (a declared route's `upstream.url`): every caller of one upstream shares its breaker and bulkhead.
   */
  ensure(name: string, baseUrl: string): Upstream {
    const known = this.upstreams.get(name);
    if (known) return known;
    const [settings] = resolveUpstreamSettings({ ...this.options, services: { [name]: { baseUrl } } });
    return this.add(settings);
  }

  private add(settings: ResolvedUpstreamSettings): Upstream {
    const policy = new UpstreamPolicy(settings, {
      onBreakerStateChange: (from, to) => {
        // One line per change, not one per refused request: an open breaker refuses thousands a second.
        const line = `${settings.name}: circuit breaker ${from} → ${to}`;
        if (to === 'open') this.logger.warn(line);
        else this.logger.log(line);
        if (this.events.observed)
          this.events.emit({ type: 'breaker-state', service: settings.name, from, to });
      },
    });
    const upstream = { settings, policy };
    this.upstreams.set(settings.name, upstream);
    return upstream;
  }

  /**
   * The upstream called `name`; throws when the app did not configure it (a wiring mistake). With
   * `isolation`, the same service under a separate policy of that name (made on first use).
   */
  get(name: string, isolation?: string): Upstream {
    const upstream = this.upstreams.get(name);
    if (!upstream) throw new Error(`The ${name} service is not configured in ServiceClientsModule`);
    if (isolation === undefined) return upstream;
    const key = `${name}\u0000${isolation}`;
    let separate = this.isolated.get(key);
    if (!separate) {
      separate = { settings: upstream.settings, policy: new UpstreamPolicy(upstream.settings) };
      this.isolated.set(key, separate);
    }
    return separate;
  }

  /** Whether `name` is configured. */
  has(name: string): boolean {
    return this.upstreams.has(name);
  }

  /** Every configured upstream with its breaker state, for `/health/upstreams`. */
  list(): UpstreamStatus[] {
    return [...this.upstreams.values()].map(({ settings, policy }) => ({
      name: settings.name,
      baseUrl: settings.baseUrl,
      breaker: policy.breakerState,
    }));
  }
}
