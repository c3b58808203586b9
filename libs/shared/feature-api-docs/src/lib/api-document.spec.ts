import type { OpenAPIObject } from '@nestjs/swagger';
import { completeDocument, type DocumentAdditions } from './api-document';
import type { RouteRequirement } from './route-requirements';

const requirement = (overrides: Partial<RouteRequirement> = {}): RouteRequirement => ({
  public: false,
  scopes: [],
  roles: [],
  principal: 'any',
  unlimited: false,
  ...overrides,
});

const scanned = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 'test-bff', version: '1.0.0' },
  paths: {
    '/api/things/{id}': {
      get: {
        operationId: 'ThingsController_one',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: '' } },
      },
    },
    '/api/telemetry': {
      post: {
        operationId: 'TelemetryController_send',
        responses: { '202': { description: '' }, '422': { description: 'Already sent differently.' } },
      },
    },
    '/health/live': {
      get: { operationId: 'HealthController_live', responses: { '200': { description: '' } } },
    },
  },
});

const additions = (overrides: Partial<DocumentAdditions> = {}): DocumentAdditions => ({
  requirements: new Map([
    ['ThingsController_one', requirement({ scopes: ['things:read'], principal: 'user' })],
    ['TelemetryController_send', requirement({ scopes: ['devices:telemetry'], principal: 'device' })],
    ['HealthController_live', requirement({ public: true, unlimited: true })],
  ]),
  extraPaths: [],
  credentials: { bearer: true, deviceKey: false },
  ...overrides,
});

const PROBLEM = { $ref: '#/components/schemas/ProblemDetails' };

describe(completeDocument.name, () => {
  it('declares the accepted credentials as security schemes and the ProblemDetails schema', () => {
    const sut = completeDocument(scanned(), additions({ credentials: { bearer: true, deviceKey: true } }));

    expect(sut.components?.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }),
      deviceKey: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-Device-Key' }),
    });
    expect(sut.components?.schemas?.['ProblemDetails']).toMatchObject({
      required: ['type', 'title', 'status'],
    });
  });

  it('secures each operation as its decorators say, scopes noted beside the requirement', () => {
    const sut = completeDocument(scanned(), additions({ credentials: { bearer: true, deviceKey: true } }));

    const thing = sut.paths['/api/things/{id}'].get;
    expect(thing?.security).toEqual([{ bearer: [] }]);
    expect(thing).toMatchObject({
      'x-required-scopes': ['things:read'],
      description: expect.stringContaining('`things:read`'),
    });
    expect(sut.paths['/api/telemetry'].post?.security).toEqual([{ bearer: [] }, { deviceKey: [] }]);
    expect(sut.paths['/health/live'].get?.security).toEqual([]);
  });

  it("offers partners' API keys (X-Api-Key) beside bearer tokens on every operation but user-only ones", () => {
    const sut = completeDocument(
      scanned(),
      additions({ credentials: { bearer: true, deviceKey: false, apiKey: true } }),
    );

    expect(sut.components?.securitySchemes?.['apiKey']).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-Api-Key',
    });
    expect(sut.paths['/api/telemetry'].post?.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    expect(sut.paths['/api/things/{id}'].get?.security).toEqual([{ bearer: [] }]);
  });

  it('documents the errors an operation can meet, as problem+json', () => {
    const sut = completeDocument(scanned(), additions());

    const thing = sut.paths['/api/things/{id}'].get?.responses ?? {};
    expect(Object.keys(thing).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '429',
      '502',
      '503',
      '504',
      'default',
    ]);
    expect(thing['401']).toMatchObject({
      content: { 'application/problem+json': { schema: PROBLEM, example: { status: 401 } } },
    });
    // Plumbing exempt from rate limits calls no upstream: only "any other error".
    expect(Object.keys(sut.paths['/health/live'].get?.responses ?? {}).sort()).toEqual(['200', 'default']);
    // A body-taking method may be refused as malformed.
    expect(sut.paths['/api/telemetry'].post?.responses).toHaveProperty('400');
    // An error the controller declares itself keeps its words and becomes problem+json.
    expect(sut.paths['/api/telemetry'].post?.responses['422']).toMatchObject({
      description: 'Already sent differently.',
      content: { 'application/problem+json': { schema: PROBLEM } },
    });
  });

  it('merges extra paths as strict OpenAPI 3.0, problem+json for their errors, without overriding a controller', () => {
    const declared = {
      '/catalog/products/{id}': {
        get: {
          operationId: 'catalog-product',
          tags: ['catalog'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          security: [{ bearer: ['catalog:read'] }],
          responses: {
            default: { description: 'Passed through.' },
            '401': { description: 'Missing credentials.' },
          },
        },
      },
      '/catalog/categories': {
        get: {
          operationId: 'catalog-categories',
          tags: ['catalog'],
          parameters: [],
          responses: { default: { description: 'Passed through.' } },
        },
      },
      '/api/things/{id}': { get: { operationId: 'shadowed', tags: [], parameters: [], responses: {} } },
    };
    const sut = completeDocument(scanned(), additions({ extraPaths: [declared] }));

    expect(sut.paths['/catalog/products/{id}'].get).toMatchObject({
      'x-declared-route': true,
      security: [{ bearer: [] }],
      'x-required-scopes': ['catalog:read'],
      responses: {
        default: { description: 'Passed through.' },
        '401': {
          description: 'Missing credentials.',
          content: { 'application/problem+json': { schema: PROBLEM } },
        },
      },
    });
    expect(sut.paths['/catalog/categories'].get?.security).toEqual([]);
    expect(sut.paths['/api/things/{id}'].get?.operationId).toBe('ThingsController_one');
  });

  it('leaves security out where the application accepts no credentials, and its input untouched', () => {
    const input = scanned();
    const before = structuredClone(input);
    const sut = completeDocument(input, additions({ credentials: { bearer: false, deviceKey: false } }));

    expect(sut.components?.securitySchemes).toEqual({});
    expect(sut.paths['/api/things/{id}'].get?.security).toBeUndefined();
    expect(input).toEqual(before);
  });

  it('marks configured operations deprecated, with their Deprecation, Sunset and Link headers on every answer', () => {
    const notice = {
      deprecation: '@1793491200',
      sunset: 'Wed, 30 Jun 2027 00:00:00 GMT',
      link: 'https://developer.example/changes',
    };
    const sut = completeDocument(
      scanned(),
      additions({ deprecations: new Map([['GET /api/things/:id', notice]]) }),
    );

    const thing = sut.paths['/api/things/{id}'].get;
    expect(thing?.deprecated).toBe(true);
    expect(thing?.description).toContain('Deprecated since 2026-11-01');
    for (const status of ['200', '404', 'default']) {
      expect(thing?.responses[status]).toMatchObject({
        headers: {
          Deprecation: { schema: { example: '@1793491200' } },
          Sunset: { schema: { example: notice.sunset } },
          Link: {
            schema: { example: '<https://developer.example/changes>; rel="deprecation"; type="text/html"' },
          },
        },
      });
    }
    expect(sut.paths['/api/telemetry'].post?.deprecated).toBeUndefined();
  });

  it("gives a success the scanner left without words its status's reason phrase", () => {
    const sut = completeDocument(scanned(), additions());

    expect(sut.paths['/api/things/{id}'].get?.responses['200']).toMatchObject({ description: 'OK' });
    expect(sut.paths['/api/telemetry'].post?.responses['202']).toMatchObject({ description: 'Accepted' });
  });
});
