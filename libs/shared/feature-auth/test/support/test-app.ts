import {
  Catch,
  Controller,
  createParamDecorator,
  Get,
  HttpException,
  Module,
  type ArgumentsHost,
  type ExceptionFilter,
  type ExecutionContext,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, responseHeadersOf } from '@concierge/shared/util-http';
import { attachRequestContext, requestContextOf } from '@concierge/shared/util-request-context';
import {
  Authenticated,
  Authenticator,
  AuthModule,
  CurrentPrincipal,
  Public,
  Roles,
  Scopes,
  type AuthModuleOptions,
  type Principal,
} from '../../src';

/** What the authenticated routes answer: who the caller is and what would flow upstream. */
export interface WhoAmI {
  principal: Principal;
  identity: Record<string, string> | undefined;
}

/** The identity the guard put in the request's context: what would flow upstream. */
const Identity = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    requestContextOf(context.switchToHttp().getRequest())?.identity,
);

function whoAmI(principal: Principal, identity: Record<string, string> | undefined): WhoAmI {
  return { principal, identity };
}

@Controller()
class PublicController {
  @Public()
  @Get('public')
  ping(): { ok: boolean } {
    return { ok: true };
  }
}

@Controller()
class AccountController {
  @Get('me')
  me(@CurrentPrincipal() principal: Principal, @Identity() identity?: Record<string, string>): WhoAmI {
    return whoAmI(principal, identity);
  }

  @Scopes('orders:read')
  @Get('orders')
  orders(@CurrentPrincipal() principal: Principal, @Identity() identity?: Record<string, string>): WhoAmI {
    return whoAmI(principal, identity);
  }

  @Authenticated({ principal: 'user' })
  @Get('account')
  account(@CurrentPrincipal() principal: Principal, @Identity() identity?: Record<string, string>): WhoAmI {
    return whoAmI(principal, identity);
  }

  @Roles('admin')
  @Get('admin')
  admin(@CurrentPrincipal() principal: Principal, @Identity() identity?: Record<string, string>): WhoAmI {
    return whoAmI(principal, identity);
  }
}

@Controller('device')
class DeviceController {
  @Authenticated({ principal: 'device' })
  @Get('config')
  config(@CurrentPrincipal() principal: Principal, @Identity() identity?: Record<string, string>): WhoAmI {
    return whoAmI(principal, identity);
  }
}

/** Stands in for the gateway core's filter: problem+json body and the headers that travel with it. */
@Catch(HttpException)
class ProblemFilter implements ExceptionFilter {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = exception.getResponse();
    for (const [name, value] of Object.entries(responseHeadersOf(body) ?? {})) reply.header(name, value);
    void reply.status(exception.getStatus()).type(PROBLEM_CONTENT_TYPE).send(body);
  }
}

/** A route registered straight on Fastify (as declarative pass-through routes are), using the Authenticator. */
function registerRawRoute(app: NestFastifyApplication): void {
  const authenticator = app.get(Authenticator);
  app
    .getHttpAdapter()
    .getInstance()
    .get(
      '/raw/orders',
      {
        preHandler: async (request, reply) => {
          try {
            authenticator.authorize(
              await authenticator.authenticate(request.headers, {}, requestContextOf(request)),
              {
                scopes: ['orders:read'],
              },
            );
          } catch (err) {
            if (!(err instanceof HttpException)) throw err;
            const body = err.getResponse();
            return reply
              .status(err.getStatus())
              .headers(responseHeadersOf(body) ?? {})
              .type(PROBLEM_CONTENT_TYPE)
              .send(body);
          }
        },
      },
      async (request) => ({ identity: requestContextOf(request)?.identity }),
    );
}

export interface TestApp {
  url: string;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/** A real Nest app on the Fastify adapter, with AuthModule and a request context per request, on port 0. */
export async function startTestApp(options: AuthModuleOptions): Promise<TestApp> {
  @Module({
    imports: [AuthModule.forRootAsync({ useFactory: () => options })],
    controllers: [PublicController, AccountController, DeviceController],
  })
  class TestAppModule {}

  const app = await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalFilters(new ProblemFilter());
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, _reply, done) => {
      attachRequestContext(request, { requestId: request.id, identity: {} });
      done();
    });
  registerRawRoute(app);
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), app, close: () => app.close() };
}
