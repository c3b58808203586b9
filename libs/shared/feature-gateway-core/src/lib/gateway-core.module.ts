import { DynamicModule, Global, Module, ValidationPipe } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ProblemDetailsFilter } from './errors/problem-details.filter';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness.service';

export interface GatewayCoreOptions {
  /** The gateway's name, as logs and metrics show it. */
  name: string;
  /** The configuration, validated once before this module was built. */
  config: object;
}

export const GATEWAY_NAME = Symbol('GATEWAY_NAME');

/**
 * What every gateway has whatever it serves: its validated configuration (as a global `ConfigService`),
 * problem+json errors, and health endpoints. Added by `createGateway`, not imported by apps.
 */
@Global()
@Module({})
export class GatewayCoreModule {
  static forRoot({ name, config }: GatewayCoreOptions): DynamicModule {
    return {
      module: GatewayCoreModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, ignoreEnvVars: true, load: [() => config] }),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: GATEWAY_NAME, useValue: name },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          // Request DTOs are validated at the edge: unknown fields refused, values converted to their types.
          provide: APP_PIPE,
          useValue: new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
        },
        ReadinessService,
      ],
      exports: [GATEWAY_NAME, ReadinessService],
    };
  }
}
