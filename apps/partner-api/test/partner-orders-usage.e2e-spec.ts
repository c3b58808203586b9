import { randomUUID } from 'node:crypto';
import { passwordToken } from '@concierge/shared/util-testing';
import { bodyOf, startPartnerGateway, type PartnerGatewayUnderTest } from './partner-gateway';

const ORDER = { items: [{ productId: 'p-0001', quantity: 2 }] };

describe('partner-api orders and usage (e2e, built bundles)', () => {
  let gw: PartnerGatewayUnderTest;

  beforeAll(async () => {
    gw = await startPartnerGateway();
  }, 60_000);
  afterAll(() => gw?.close());

  it('creates an order once per Idempotency-Key: the retry answers 200 with the same order, replayed', async () => {
    const partner = await gw.partner('roomy');
    const key = randomUUID();
    const first = await gw.call('/v1/orders', partner.key, {
      json: ORDER,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    const order = await bodyOf(first);
    expect(Object.keys(order).sort()).toEqual(['createdAt', 'id', 'items', 'status', 'total']);

    const retry = await gw.call('/v1/orders', partner.key, {
      json: ORDER,
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await bodyOf(retry)).id).toBe(order.id);
    const list = await bodyOf(await gw.call('/v1/orders', partner.key));
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it('refuses an order without Idempotency-Key with 400, before the orders service is asked', async () => {
    const partner = await gw.partner('roomy');
    await gw.services.resetStats('orders');
    const response = await gw.call('/v1/orders', partner.key, { json: ORDER });
    expect(response.status).toBe(400);
    expect((await bodyOf(response)).type).toMatch(/idempotency-key-required$/);
    expect((await gw.services.stats('orders')).total).toBe(0);
  });

  it("answers 404 for another partner's order, and leaves it out of the list", async () => {
    const [owner, other] = [await gw.partner('roomy'), await gw.partner('roomy')];
    const placed = await bodyOf(
      await gw.call('/v1/orders', owner.key, { json: ORDER, headers: { 'idempotency-key': randomUUID() } }),
    );
    expect((await gw.call(`/v1/orders/${placed.id}`, owner.key)).status).toBe(200);
    const foreign = await gw.call(`/v1/orders/${placed.id}`, other.key);
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await bodyOf(await gw.call('/v1/orders', other.key))).items).toEqual([]);
  });

  it('shows a partner exactly the requests it made, by operation and status class, and an operator everyone', async () => {
    const partner = await gw.partner('roomy');
    const bystander = await gw.partner('roomy');
    for (let i = 0; i < 3; i++) expect((await gw.call('/v1/products/p-0001', partner.key)).status).toBe(200);
    expect((await gw.call('/v1/products/no-such-product', partner.key)).status).toBe(404);
    expect((await gw.call('/v1/products?limit=2', partner.key)).status).toBe(200);
    expect((await gw.call('/v1/products?cursor=%%%', partner.key)).status).toBe(400);
    expect((await gw.call('/v1/products', bystander.key)).status).toBe(200);

    const report = await bodyOf(await gw.call('/v1/usage', partner.key));
    expect(report.total).toBe(6);
    expect(report.days).toHaveLength(1);
    expect(report.days[0]).toMatchObject({ consumer: partner.id, total: 6 });
    expect(report.days[0].operations).toEqual([
      { operation: 'GET /v1/products', total: 2, byStatusClass: { '2xx': 1, '4xx': 1 } },
      { operation: 'GET /v1/products/:id', total: 4, byStatusClass: { '2xx': 3, '4xx': 1 } },
    ]);
    // The report itself is a request too: it shows up in the next one.
    expect((await bodyOf(await gw.call('/v1/usage', partner.key))).total).toBe(7);

    // Operators read every consumer's on the admin listener; the client port has no such route.
    expect((await gw.call('/v1/admin/usage', partner.key)).status).toBe(404);
    const admin = await passwordToken(gw.services.urls.identity, 'admin', 'admin-demo');
    const asAdmin = await fetch(`${gw.url}/v1/admin/usage`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(asAdmin.status).toBe(404);
    await asAdmin.arrayBuffer();
    const all = await bodyOf(await fetch(`${gw.replicas[0].adminUrl}/admin/usage`));
    const totals = Object.fromEntries(
      all.days.map((d: { consumer: string; total: number }) => [d.consumer, d.total]),
    );
    expect(totals[partner.id]).toBe(8);
    expect(totals[bystander.id]).toBe(1);
  });

  it('refuses a usage range that is not one with 400, on the client port and the admin listener alike', async () => {
    const bad = await fetch(`${gw.replicas[0].adminUrl}/admin/usage?from=2026-12-02&to=2026-12-01`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await bodyOf(bad)).toMatchObject({
      status: 400,
      type: expect.stringMatching(/invalid-usage-range$/),
    });
    const partner = await gw.partner('roomy');
    expect((await gw.call('/v1/usage?from=2026-12-02&to=2026-12-01', partner.key)).status).toBe(400);
    expect((await gw.call('/v1/usage?from=2026-01-01&to=2026-12-01', partner.key)).status).toBe(400);
    expect((await gw.call('/v1/usage?from=yesterday', partner.key)).status).toBe(400);
    expect((await gw.call('/v1/usage?from=2026-02-30', partner.key)).status).toBe(400);
  });

  it('marks a deprecated operation with Deprecation, Sunset and Link', async () => {
    const partner = await gw.partner('roomy');
    const response = await gw.call('/v1/products/p-0001/availability', partner.key);
    expect(response.status).toBe(200);
    expect(response.headers.get('deprecation')).toBe(`@${Date.parse('2026-11-01T00:00:00Z') / 1000}`);
    expect(response.headers.get('sunset')).toBe('Wed, 30 Jun 2027 00:00:00 GMT');
    expect(response.headers.get('link')).toBe(
      '<https://developer.example/changes>; rel="deprecation"; type="text/html"',
    );
    expect((await gw.call('/v1/products/p-0001', partner.key)).headers.get('deprecation')).toBeNull();
  });

  it('says so in the API docs: deprecated: true and the three headers documented', async () => {
    const document = await bodyOf(await fetch(`${gw.url}/docs-json`));
    const availability = document.paths['/v1/products/{id}/availability'].get;
    expect(availability.deprecated).toBe(true);
    expect(availability.responses['200'].headers).toMatchObject({
      Deprecation: { schema: { example: `@${Date.parse('2026-11-01T00:00:00Z') / 1000}` } },
      Sunset: { schema: { example: 'Wed, 30 Jun 2027 00:00:00 GMT' } },
      Link: {
        schema: { example: '<https://developer.example/changes>; rel="deprecation"; type="text/html"' },
      },
    });
    expect(document.paths['/v1/products/{id}'].get.deprecated).toBeUndefined();
  });
});
