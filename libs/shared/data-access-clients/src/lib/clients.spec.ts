import { Test, TestingModule } from '@nestjs/testing';
import { Observable, firstValueFrom } from 'rxjs';
import { DotSegmentException, ServiceClientsModule } from '@concierge/shared/data-access-service-clients';
import { json, startRecordingUpstream, type RecordingUpstream } from '../../test/recording-upstream';
import { CatalogClient } from './catalog.client';
import { DevicesClient } from './devices.client';
import { OrdersClient } from './orders.client';
import { UsersClient } from './users.client';

describe('typed clients', () => {
  let server: RecordingUpstream;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    server = await startRecordingUpstream((_req, res) => json(res, 200, [{ id: 'x' }]));
    const url = server.url;
    const clients = [UsersClient, CatalogClient, OrdersClient, DevicesClient];
    moduleRef = await Test.createTestingModule({
      imports: [
        ServiceClientsModule.forRootAsync({
          clients,
          useFactory: () => ({
            services: Object.fromEntries(clients.map((c) => [c.service, { baseUrl: url }])),
          }),
        }),
      ],
    }).compile();
  });

  afterAll(async () => {
    await moduleRef.close();
    await server.close();
  });

  const cases: Array<[string, (m: TestingModule) => Observable<unknown>, string, string]> = [
    [UsersClient.name + '.getUser', (m) => m.get(UsersClient).getUser('u 1'), 'GET', '/users/u%201'],
    [
      UsersClient.name + '.getUsers',
      (m) => m.get(UsersClient).getUsers(['a', 'b', 'a']),
      'GET',
      '/users?ids=a%2Cb',
    ],
    [CatalogClient.name + '.getProduct', (m) => m.get(CatalogClient).getProduct('p1'), 'GET', '/products/p1'],
    [
      CatalogClient.name + '.getProducts',
      (m) => m.get(CatalogClient).getProducts(['p1', 'p2']),
      'GET',
      '/products?ids=p1%2Cp2',
    ],
    [
      CatalogClient.name + '.listProducts',
      (m) => m.get(CatalogClient).listProducts({ category: 'lamps', q: 'red', offset: 20, limit: 10 }),
      'GET',
      '/products?category=lamps&q=red&offset=20&limit=10',
    ],
    [
      CatalogClient.name + '.getStock',
      (m) => m.get(CatalogClient).getStock('p1'),
      'GET',
      '/products/p1/stock',
    ],
    [
      CatalogClient.name + '.getStocks',
      (m) => m.get(CatalogClient).getStocks(['p1', 'p2']),
      'GET',
      '/stock?ids=p1%2Cp2',
    ],
    [
      CatalogClient.name + '.getRelated',
      (m) => m.get(CatalogClient).getRelated('p1', 4),
      'GET',
      '/products/p1/related?limit=4',
    ],
    [
      CatalogClient.name + '.getRecommendations',
      (m) => m.get(CatalogClient).getRecommendations('u1', 5),
      'GET',
      '/recommendations?userId=u1&limit=5',
    ],
    [
      OrdersClient.name + '.listOrders',
      (m) => m.get(OrdersClient).listOrders('u1', { limit: 5, offset: 10 }),
      'GET',
      '/orders?userId=u1&limit=5&offset=10',
    ],
    [OrdersClient.name + '.getOrder', (m) => m.get(OrdersClient).getOrder('o1'), 'GET', '/orders/o1'],
    [
      DevicesClient.name + '.getConfig',
      (m) => m.get(DevicesClient).getConfig('d1'),
      'GET',
      '/devices/d1/config',
    ],
    [
      DevicesClient.name + '.postTelemetry',
      (m) =>
        m.get(DevicesClient).postTelemetry('d1', { readings: [{ seq: 1, ts: 't', metrics: { c: 20 } }] }),
      'POST',
      '/devices/d1/telemetry',
    ],
    [
      DevicesClient.name + '.listCommands',
      (m) => m.get(DevicesClient).listCommands('d1'),
      'GET',
      '/devices/d1/commands?pending=true',
    ],
    [
      DevicesClient.name + '.ackCommand',
      (m) => m.get(DevicesClient).ackCommand('d1', 'c1'),
      'POST',
      '/devices/d1/commands/c1/ack',
    ],
    [
      DevicesClient.name + '.verifyKey',
      (m) => m.get(DevicesClient).verifyKey('k-1'),
      'POST',
      '/device-keys/verify',
    ],
  ];

  it.each(cases)('%s calls %s %s', async (_name, call, method, url) => {
    const before = server.requests.length;

    await firstValueFrom(call(moduleRef));

    expect(server.requests.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual([`${method} ${url}`]);
  });

  it.each<[string, (m: TestingModule) => Observable<unknown>]>([
    ['getProduct', (m: TestingModule) => m.get(CatalogClient).getProduct('..')],
    ['getStock', (m: TestingModule) => m.get(CatalogClient).getStock('.')],
    ['getRelated', (m: TestingModule) => m.get(CatalogClient).getRelated('..')],
    ['getOrder', (m: TestingModule) => m.get(OrdersClient).getOrder('..')],
    ['getUser', (m: TestingModule) => m.get(UsersClient).getUser('..')],
    ['ackCommand', (m: TestingModule) => m.get(DevicesClient).ackCommand('d1', '..')],
  ])('%s refuses a dot-segment id with a 400 and sends nothing', async (_name, call) => {
    const before = server.requests.length;

    const error = await Promise.resolve()
      .then(() => firstValueFrom(call(moduleRef)))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DotSegmentException);
    expect((error as DotSegmentException).getStatus()).toBe(400);
    expect(server.requests.length).toBe(before);
  });

  it('sends the device key in the body, never in the URL', async () => {
    await firstValueFrom(moduleRef.get(DevicesClient).verifyKey('secret-key'));

    const last = server.requests[server.requests.length - 1];
    expect(JSON.parse(last.body)).toEqual({ key: 'secret-key' });
    expect(last.url).not.toContain('secret');
  });

  it('accepts batch answers as arrays or as { items }', async () => {
    server.handle = (_req, res) => json(res, 200, { items: [{ id: 'p1' }] });

    await expect(firstValueFrom(moduleRef.get(CatalogClient).getProducts(['p1']))).resolves.toEqual([
      { id: 'p1' },
    ]);
  });

  it('makes no call for an empty batch', async () => {
    const before = server.requests.length;

    await expect(firstValueFrom(moduleRef.get(UsersClient).getUsers([]))).resolves.toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});
