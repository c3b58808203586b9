/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  passwordToken,
  startDemoServices,
  type DemoServices,
  type SpawnedApp,
} from '@concierge/shared/util-testing';
import { declaredPathsOf, GATEWAYS, startGateway, type GatewayName } from './support/gateways';
import { openApiViolations, operationsOf, successesWithoutSchema } from './support/openapi-check';

const PROBLEM_JSON = 'application/problem+json';

describe('GET /docs-json of the built gateways', () => {
  let services: DemoServices;
  const gateways = new Map<GatewayName, SpawnedApp>();
  const documents = new Map<GatewayName, any>();

  beforeAll(async () => {
    services = await startDemoServices();
    // One after another: four bundles booting at once on a loaded 2-core machine each took longer than
    // its start-up deadline. Those started are in `gateways`, so afterAll stops them if a later one fails.
    for (const name of GATEWAYS) gateways.set(name, await startGateway(name, services));
    for (const [name, gateway] of gateways) {
      const response = await fetch(`${gateway.url}/docs-json`);
      if (response.status !== 200)
        throw new Error(`${name} /docs-json: ${response.status} ${await response.text()}`);
      documents.set(name, await response.json());
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...gateways.values()].map((gateway) => gateway.stop()));
    await services?.stop();
  });

  describe.each(GATEWAYS)('%s', (name) => {
    const doc = () => documents.get(name);

    it('is a valid OpenAPI 3 document titled with the gateway name', () => {
      expect(openApiViolations(doc())).toEqual([]);
      expect(doc().info).toMatchObject({
        title: name,
        version: expect.any(String),
        description: expect.stringContaining('problem+json'),
      });
    });

    it('is served without credentials, outside rate limits and the response cache', async () => {
      const url = gateways.get(name)?.url;
      for (const path of ['/docs-json', '/docs']) {
        const response = await fetch(`${url}${path}`, { headers: { authorization: 'Bearer not-a-token' } });
        await response.arrayBuffer();
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        expect(response.headers.get('ratelimit')).toBeNull();
        expect(response.headers.get('ratelimit-policy')).toBeNull();
        expect(response.headers.get('age')).toBeNull();
      }
      const ui = await fetch(`${url}/docs`);
      expect(ui.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await ui.text()).toContain('swagger-ui');
    });

    it('gives every success a response schema with properties (or an array of such)', () => {
      expect(successesWithoutSchema(doc())).toEqual([]);
    });

    it('describes the controllers and the probes, and none of the operator endpoints', () => {
      const paths = Object.keys(doc().paths);
      expect(paths).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
      expect(
        paths.filter(
          (path) => path === '/metrics' || path === '/health/upstreams' || path.startsWith('/admin'),
        ),
      ).toEqual([]);
      const own = operationsOf(doc()).filter(
        ({ path, operation }) => !path.startsWith('/health') && !operation['x-declared-route'],
      );
      expect(own.length).toBeGreaterThan(0);
    });

    it('includes every route of its routes file', () => {
      const declared = declaredPathsOf(name, services);
      if (name === 'web-bff') expect(Object.keys(declared).length).toBeGreaterThan(0);
      for (const [path, item] of Object.entries(declared)) {
        for (const [method, operation] of Object.entries(item)) {
          expect({ path, method, operationId: doc().paths[path]?.[method]?.operationId }).toEqual({
            path,
            method,
            operationId: operation.operationId,
          });
        }
      }
    });

    it('declares its credentials as security schemes, and every non-public operation requires one', () => {
      const schemes = doc().components.securitySchemes;
      expect(schemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      if (name === 'iot-bff')
        expect(schemes.deviceKey).toEqual(
          expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Device-Key' }),
        );
      else expect(schemes.deviceKey).toBeUndefined();
      if (name === 'partner-api')
        expect(schemes.apiKey).toEqual(
          expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Api-Key' }),
        );
      else expect(schemes.apiKey).toBeUndefined();
      for (const { path, method, operation } of operationsOf(doc())) {
        const secured = (operation.security ?? []).length > 0;
        if (path.startsWith('/health'))
          expect({ path, security: operation.security }).toEqual({ path, security: [] });
        if (secured)
          expect({ path, method, unauthorized: operation.responses['401']?.content?.[PROBLEM_JSON] }).toEqual(
            { path, method, unauthorized: expect.anything() },
          );
      }
      expect(operationsOf(doc()).some(({ operation }) => (operation.security ?? []).length > 0)).toBe(true);
    });

    it('documents errors as problem+json with one shared schema', () => {
      expect(doc().components.schemas.ProblemDetails).toMatchObject({
        type: 'object',
        required: ['type', 'title', 'status'],
      });
      for (const { path, method, operation } of operationsOf(doc())) {
        // A declared route's `default` is whatever its upstream answers; elsewhere it is "any other error".
        const errors = Object.entries<any>(operation.responses).filter(
          ([status]) => Number(status) >= 400 || (status === 'default' && !operation['x-declared-route']),
        );
        expect({ path, method, errors: errors.length > 0 }).toEqual({ path, method, errors: true });
        for (const [status, response] of errors) {
          expect({ path, method, status, schema: response.content?.[PROBLEM_JSON]?.schema }).toEqual({
            path,
            method,
            status,
            schema: { $ref: '#/components/schemas/ProblemDetails' },
          });
        }
      }
    });
  });

  it('web-bff: the dashboard needs a bearer token with its scopes, and a wrong token is answered as documented', async () => {
    const dashboard = documents.get('web-bff').paths['/api/dashboard'].get;
    expect(dashboard.security).toEqual([{ bearer: [] }]);
    expect(dashboard['x-required-scopes']).toEqual(
      expect.arrayContaining(['profile:read', 'orders:read', 'catalog:read']),
    );
    expect(documents.get('web-bff').paths['/catalog/categories'].get).toMatchObject({
      'x-declared-route': true,
      security: [],
    });
    expect(Object.keys(dashboard.responses)).toEqual(
      expect.arrayContaining(['200', '401', '403', '429', '502', '503', '504']),
    );

    const url = gateways.get('web-bff')?.url;
    const refused = await fetch(`${url}/api/dashboard`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toContain(PROBLEM_JSON);
    await refused.arrayBuffer();
    const token = await passwordToken(services.urls.identity, 'alice', 'wonderland');
    const served = await fetch(`${url}/api/dashboard`, { headers: { authorization: `Bearer ${token}` } });
    expect(served.status).toBe(200);
    await served.arrayBuffer();
  });
});
