import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AdminEndpoints } from './admin/admin-endpoints';
import { ADMIN_SETTINGS, AdminServer } from './admin/admin.server';
import { CoreAdminEndpoints, EFFECTIVE_CONFIG } from './admin/core-admin.endpoints';
import { GatewayConfig } from './config/gateway-config';
import type { GatewayEnvironment } from './config/gateway-environment';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { BodyBudget } from './hardening/deferred-body';
import { GatewayValidationPipe } from './hardening/gateway-validation.pipe';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';

export interface GatewayCoreOptions {
  /** The gateway's name, as logs and metrics show it. */
  name: string;
  /** The configuration, validated once before this module was built (with the admin listener's settings). */
  config: GatewayEnvironment;
}

export const GATEWAY_NAME = Symbol('GATEWAY_NAME');

const DEFAULT_BODY_BUDGET_BYTES = 64 * 1024 * 1024;

function bodyBudgetOf(config: object): number {
  const value = (config as { MAX_BODY_BYTES_IN_FLIGHT?: unknown }).MAX_BODY_BYTES_IN_FLIGHT;
  return typeof value === 'number' ? value : DEFAULT_BODY_BUDGET_BYTES;
}

/**
 * What every gateway has whatever it serves: its validated configuration (typed, as `GatewayConfig`; and
 * as a global `ConfigService` for code that reads one variable by name),
 * problem+json errors, health endpoints, and the admin listener operators use (`AdminEndpoints`). Added by `createGateway`, not imported by apps.
 */
@Global()
@Module({})
export class GatewayCoreModule {
  static forRoot({ name, config }: GatewayCoreOptions): DynamicModule {
    return {
      module: GatewayCoreModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          ignoreEnvVars: true,
          load: [() => config],
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: GATEWAY_NAME, useValue: name },
        { provide: GatewayConfig, useValue: new GatewayConfig(config) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          // Request DTOs are validated at the edge: unknown fields (and reserved names) refused, values
          // converted to their types.
          provide: APP_PIPE,
          useValue: new GatewayValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            transform: true,
          }),
        },
        ReadinessService,
        // Bodies are read after the guards, within one budget for the whole process.
        { provide: BodyBudget, useValue: new BodyBudget(bodyBudgetOf(config)) },
        // The operators' listener (metrics, upstreams, config, routes): never the client port.
        { provide: EFFECTIVE_CONFIG, useValue: config },
        { provide: ADMIN_SETTINGS, useValue: config },
        AdminEndpoints,
        AdminServer,
        CoreAdminEndpoints,
      ],
      exports: [GATEWAY_NAME, GatewayConfig, ReadinessService, AdminEndpoints, AdminServer],
    };
  }
}
