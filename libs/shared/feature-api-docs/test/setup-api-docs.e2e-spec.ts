/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  Controller,
  Get,
  Injectable,
  Module,
  Param,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AUTH_MODULE_OPTIONS, Public, Scopes } from '@concierge/shared/feature-auth';
import { setupApiDocs } from '../src/lib/setup-api-docs';
import { DOCS_CONTENT_SECURITY_POLICY } from '../src/lib/swagger-ui.routes';

/** Stands in for the gateways' global auth guard: nothing passes without `@Public()`. */
@Injectable()
class DenyUnlessPublicGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const key = (Public() as any).KEY as string;
    if (this.reflector.getAllAndOverride<boolean>(key, [context.getHandler(), context.getClass()]))
      return true;
    throw new UnauthorizedException();
  }
}

@Controller('api/things')
class ThingsController {
  /** One thing, by its id. */
  @Get(':id')
  @Scopes('catalog:read')
  one(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get()
  @Public()
  list(): { id: string }[] {
    return [];
  }
}

/** Stands in for the declarative routes registrar. */
@Injectable()
class DeclaredRoutes {
  openApiPaths() {
    return {
      '/catalog/categories': {
        get: {
          operationId: 'catalog-categories',
          tags: ['catalog'],
          parameters: [],
          responses: { default: { description: 'Passed through.' } },
        },
      },
    };
  }
}

@Module({
  controllers: [ThingsController],
  providers: [
    { provide: APP_GUARD, useClass: DenyUnlessPublicGuard },
    {
      provide: AUTH_MODULE_OPTIONS,
      useValue: { realm: 'test', jwt: {}, deviceKeys: { verifier: async () => ({ valid: false }) } },
    },
    DeclaredRoutes,
  ],
})
class TestModule {}

describe(setupApiDocs.name, () => {
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), {
      logger: false,
    });
    setupApiDocs(app, { name: 'test-bff', version: '2.1.0', description: 'A gateway under test.' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('serves the document without credentials although every controller route needs them', async () => {
    expect((await fetch(`${url}/api/things/1`)).status).toBe(401);
    const response = await fetch(`${url}/docs-json`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as any;
    expect(document.info).toEqual({
      title: 'test-bff',
      version: '2.1.0',
      description: 'A gateway under test.',
      contact: {},
    });
  });

  it('describes the controllers with the security their decorators ask for, and the declared paths', async () => {
    const document = (await (await fetch(`${url}/docs-json`)).json()) as any;

    expect(document.paths['/api/things/{id}'].get).toMatchObject({
      operationId: 'ThingsController_one',
      security: [{ bearer: [] }, { deviceKey: [] }],
      'x-required-scopes': ['catalog:read'],
      responses: {
        '401': {
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
          },
        },
      },
    });
    expect(document.paths['/api/things'].get.security).toEqual([]);
    expect(document.paths['/catalog/categories'].get).toMatchObject({
      'x-declared-route': true,
      operationId: 'catalog-categories',
    });
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['bearer', 'deviceKey']);
  });

  it("serves Swagger UI and its assets without credentials, under the page's own Content-Security-Policy", async () => {
    for (const path of ['/docs', '/docs/swagger-ui-init.js', '/docs/swagger-ui-bundle.js']) {
      const response = await fetch(`${url}${path}`);
      await response.arrayBuffer();
      expect({ path, status: response.status, csp: response.headers.get('content-security-policy') }).toEqual(
        {
          path,
          status: 200,
          csp: DOCS_CONTENT_SECURITY_POLICY,
        },
      );
    }
    expect((await fetch(`${url}/api/things`)).headers.get('content-security-policy')).toBeNull();
    // Only the files the page loads: nothing else of the package's folder, nothing outside it.
    for (const path of ['/docs/package.json', '/docs/..%2F..%2Fpackage.json', '/docs/index.html']) {
      const response = await fetch(`${url}${path}`);
      await response.arrayBuffer();
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });
});
