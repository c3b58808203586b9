import { clientToken, passwordToken } from '@concierge/shared/util-testing';
import { bodyOf, DEMO_KEYS, startPartnerGateway, type PartnerGatewayUnderTest } from './partner-gateway';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('partner-api credentials (e2e, built bundles)', () => {
  let gw: PartnerGatewayUnderTest;

  beforeAll(async () => {
    gw = await startPartnerGateway();
  }, 60_000);
  afterAll(() => gw?.close());

  it.each(['x-api-key', 'authorization'] as const)(
    'serves a partner whose key is in %s, with public product fields only',
    async (via) => {
      const response = await gw.call('/v1/products/p-0001', DEMO_KEYS.acme, { via });
      expect(response.status).toBe(200);
      const product = await bodyOf(response);
      expect(Object.keys(product).sort()).toEqual([
        'brand',
        'category',
        'description',
        'id',
        'imageUrl',
        'name',
        'price',
        'rating',
        'sku',
      ]);
      expect(product).toMatchObject({
        id: 'p-0001',
        price: { amount: expect.any(Number), currency: expect.any(String) },
      });
    },
  );

  it('serves a partner app that prefers tokens with its client-credentials token, as the same consumer', async () => {
    const token = await clientToken(gw.services.urls.identity, 'acme-tools', 'acme-demo-secret');
    const response = await fetch(`${gw.url}/v1/usage`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).days.map((d: { consumer: string }) => d.consumer)).toEqual([
      'acme-tools',
    ]);
  });

  it("refuses a customer's token with 403: the partner API is for partner apps", async () => {
    const token = await passwordToken(gw.services.urls.identity, 'alice', 'wonderland');
    const response = await fetch(`${gw.url}/v1/products/p-0001`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(403);
    expect((await bodyOf(response)).type).toMatch(/not-a-partner-app$/);
  });

  it('refuses a suspended app with 403 app-suspended, and serves it again once reactivated', async () => {
    const response = await gw.call('/v1/products/p-0001', DEMO_KEYS.initech);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await bodyOf(response)).type).toMatch(/app-suspended$/);

    const partner = await gw.partner('roomy');
    expect((await gw.call('/v1/products/p-0001', partner.key)).status).toBe(200);
    await gw.admin(`/apps/${partner.id}`, { method: 'PATCH', json: { status: 'suspended' } });
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 30_000) {
      await sleep(500);
      status = (await gw.call('/v1/products/p-0001', partner.key)).status;
    }
    expect(status).toBe(403);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 45_000);

  it('keeps both keys working through a rotation, and stops the old one within 30 s of its revocation', async () => {
    const partner = await gw.partner('roomy');
    const oldKeyId = partner.key.slice(3, partner.key.indexOf('.'));
    const rotated = await bodyOf(
      await gw.admin(`/apps/${partner.id}/keys/${oldKeyId}/rotate`, { method: 'POST' }),
    );
    expect((await gw.call('/v1/products/p-0001', partner.key)).status).toBe(200);
    expect((await gw.call('/v1/products/p-0001', rotated.key)).status).toBe(200);

    expect((await gw.admin(`/apps/${partner.id}/keys/${oldKeyId}`, { method: 'DELETE' })).status).toBe(204);
    const revokedAt = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 30_000) {
      await sleep(500);
      status = (await gw.call('/v1/products/p-0001', partner.key)).status;
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(30_000);
    expect((await gw.call('/v1/products/p-0001', rotated.key)).status).toBe(200);
  }, 45_000);
});
