import {
  Catch,
  Controller,
  Get,
  HttpException,
  Injectable,
  Module,
  type ArgumentsHost,
  type CanActivate,
  type DynamicModule,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { responseHeadersOf } from '@concierge/shared/util-http';
import { attachRequestContext, requestContextOf } from '@concierge/shared/util-request-context';
import { RateLimit, RateLimitModule, SkipRateLimit, type RateLimitModuleOptions } from '../src';

/** Stands in for the auth guard: the verified user is whatever `x-test-user` says. */
@Injectable()
class TestAuthGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = request.headers['x-test-user'];
    const identity = requestContextOf(request)?.identity;
    if (identity && typeof user === 'string') identity['x-user-id'] = user;
    return true;
  }
}

/** Stands in for the gateway core's filter: the HttpException body and the headers attached to it. */
@Catch(HttpException)
class TestProblemFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const body = exception.getResponse();
    host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(exception.getStatus())
      .headers(responseHeadersOf(body) ?? {})
      .type('application/problem+json')
      .send(body);
  }
}

@Controller('items')
class ItemsController {
  @Get()
  list() {
    return { items: [] };
  }

  @Get('strict')
  @RateLimit('burst:2/1s;sustained:3/60s')
  strict() {
    return { strict: true };
  }

  @Get('free')
  @SkipRateLimit()
  free() {
    return { free: true };
  }
}

@RateLimit({ policies: '4/60s', keyBy: 'ip' })
@Controller('by-ip')
class ByIpController {
  @Get()
  get() {
    return { ok: true };
  }
}

@SkipRateLimit()
@Controller('health')
class HealthController {
  @Get('live')
  live() {
    return { status: 'ok' };
  }
}

@Module({})
class TestAppModule {
  static with(options: RateLimitModuleOptions): DynamicModule {
    return {
      module: TestAppModule,
      imports: [RateLimitModule.forRootAsync({ useFactory: () => options })],
      controllers: [ItemsController, ByIpController, HealthController],
      providers: [
        { provide: APP_GUARD, useClass: TestAuthGuard },
        { provide: APP_FILTER, useClass: TestProblemFilter },
      ],
    };
  }
}

/** A Nest app on the Fastify adapter with a request context per request, listening on an ephemeral port. */
export async function startTestApp(
  options: RateLimitModuleOptions,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const app = await NestFactory.create<NestFastifyApplication>(
    TestAppModule.with(options),
    new FastifyAdapter(),
    {
      logger: false,
    },
  );
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, _reply, done) => {
      attachRequestContext(request, { requestId: String(request.id), identity: {} });
      done();
    });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: await app.getUrl() };
}
