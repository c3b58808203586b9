import type { Static } from '@sinclair/typebox';
import type { IncomingMessage } from 'node:http';
import { Logger, Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { requestIdFrom } from '@concierge/shared/util-http';
import { setupApiDocs } from '@concierge/shared/feature-api-docs';
import {
  deriveGatewayDefaults,
  gatewayEnvironmentSchema,
  type EnvironmentOf,
  type GatewayEnvironment,
} from '../config/gateway-environment';
import { validateEnvironment, type EnvironmentSchema } from '../config/validate-environment';
import { GatewayCoreModule } from '../gateway-core.module';
import { PinoNestLogger } from '../logging/pino-nest.logger';
import { pinoOptions } from '../logging/pino-options';
import { logDestination } from '../logging/log-destination';
import { drainConnectionsOnClose, exitOnSignals } from './graceful-shutdown';
import { installRequestContextHooks } from './request-context.hooks';
import { lazyChildLoggerFactory } from '../logging/lazy-child-logger';
import { readBodiesAfterGuards } from '../hardening/read-body.interceptor';
import { startupErrorLines } from './startup-error';
import { deferControllerBodies } from '../hardening/deferred-body';
import { AccessLogController } from '../logging/access-log.controller';
import { hardenGateway } from '../hardening/harden-gateway';
import { hardenedServerOptions } from '../hardening/server.options';

export interface CreateGatewayOptions<S extends EnvironmentSchema = typeof gatewayEnvironmentSchema> {
  /** Logs and metrics name the gateway by it (e.g. `web-bff`). */
  name: string;
  /** The app's environment schema; `gatewayEnvironmentSchema` extended with the app's own variables. */
  schema?: S;
  /** Where configuration comes from; tests pass their own instead of touching `process.env`. */
  env?: Record<string, string | undefined>;
  /** App-specific set-up before the app listens, e.g. Fastify plugins (compression, ETags). */
  configure?: (app: NestFastifyApplication, config: EnvironmentOf<S>) => Promise<void> | void;
}

export interface Gateway<C = GatewayEnvironment> {
  app: NestFastifyApplication;
  config: C;
}

@Module({})
class GatewayRootModule {}

/**
 * Builds a gateway without listening: configuration validated once (an `InvalidEnvironmentError` names
 * every bad variable), Fastify with pino logs carrying the request id, request context, problem+json
 * errors, health endpoints, and the hardening every gateway shares (limits, timeouts, security headers,
 * CORS when origins are listed). Tests call this and `app.listen({ port: 0 })`; `bootstrapGateway` runs it.
 */
export async function createGateway<S extends EnvironmentSchema = typeof gatewayEnvironmentSchema>(
  appModule: Type | DynamicModule,
  {
    name,
    schema = gatewayEnvironmentSchema as unknown as S,
    env = process.env,
    configure,
  }: CreateGatewayOptions<S>,
): Promise<Gateway<EnvironmentOf<S>>> {
  // Every schema is the gateway's, extended (`extendEnvironment`): its result has the gateway's variables.
  const gatewayConfig: GatewayEnvironment = deriveGatewayDefaults(
    validateEnvironment(schema, env) as unknown as Static<typeof gatewayEnvironmentSchema>,
  );
  const config = gatewayConfig as unknown as EnvironmentOf<S>;
  const logger = pino(pinoOptions(name, gatewayConfig.LOG_LEVEL), logDestination());
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    childLoggerFactory: lazyChildLoggerFactory,
    logController: new AccessLogController(logger, {
      requestIdLogLabel: 'requestId',
      disableRequestLogging: !gatewayConfig.ACCESS_LOG,
    }),
    genReqId: (request: IncomingMessage) => requestIdFrom(request.headers['x-request-id']),
    bodyLimit: gatewayConfig.BODY_LIMIT_BYTES,
    // A client's X-Forwarded-* is not believed unless a trusted proxy list says so (rate limits key on it).
    trustProxy: false,
    // While draining, requests that arrive on open connections are served (with `Connection: close`).
    return503OnClosing: false,
    // Header budget, timeouts against slow clients (keep-alive longer than the usual load balancer's, so
    // the balancer closes first and never races us), problem+json for what Node's parser refuses.
    ...hardenedServerOptions(gatewayConfig),
  });
  // Controllers' bodies are read after their guards (`ReadBodyInterceptor`); other routes' at once.
  deferControllerBodies(adapter);
  const root: DynamicModule = {
    module: GatewayRootModule,
    imports: [GatewayCoreModule.forRoot({ name, config: gatewayConfig }), appModule],
  };
  const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
    // The hardened parsers (`hardenGateway`) are the only ones; Nest's would read bodies before any guard.
    bodyParser: false,
  });
  readBodiesAfterGuards(app);
  const fastify = app.getHttpAdapter().getInstance();
  // The request id header first, so that every refusal of the hardening carries it too.
  installRequestContextHooks(fastify);
  await hardenGateway(app, gatewayConfig);
  setupApiDocs(app, { name });
  drainConnectionsOnClose(fastify, { maxWaitMs: Math.min(1000, gatewayConfig.SHUTDOWN_TIMEOUT_MS / 4) });
  await configure?.(app, config);
  return { app, config };
}

/**
 * Starts a gateway for real: listens on PORT, and on SIGTERM/SIGINT stops accepting, lets in-flight
 * requests finish and exits — within SHUTDOWN_TIMEOUT_MS whatever happens. A bad configuration stops the
 * process at once with a message naming the variable.
 */
export async function bootstrapGateway<S extends EnvironmentSchema>(
  appModule: Type | DynamicModule,
  options: CreateGatewayOptions<S>,
): Promise<Gateway<EnvironmentOf<S>>> {
  let gateway: Gateway<EnvironmentOf<S>>;
  try {
    gateway = await createGateway(appModule, options);
    const config = gateway.config as unknown as GatewayEnvironment;
    exitOnSignals(gateway.app, config.SHUTDOWN_TIMEOUT_MS);
    // Routes are registered (and their collisions found) as the app initialises, before it listens.
    await gateway.app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    for (const line of startupErrorLines(options.name, error)) process.stderr.write(`${line}\n`);
    process.exit(1);
  }
  const { app } = gateway;
  new Logger(options.name).log(`listening on ${await app.getUrl()}`);
  return gateway;
}
