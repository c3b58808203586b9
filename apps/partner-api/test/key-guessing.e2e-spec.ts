import { bodyOf, DEMO_KEYS, startPartnerGateway, type PartnerGatewayUnderTest } from './partner-gateway';

describe('partner-api against a client guessing keys (e2e, built bundles)', () => {
  let gw: PartnerGatewayUnderTest;

  beforeAll(async () => {
    gw = await startPartnerGateway({ env: { API_KEY_ATTEMPTS_PER_IP: '5/60s' } });
  }, 60_000);
  afterAll(() => gw?.close());

  it('answers unknown keys from one address 401 up to the bound, then 429 without asking the consumers service', async () => {
    // A genuine key costs nothing of the bound (its check succeeded): only failed checks count.
    expect((await gw.call('/v1/products/p-0002', DEMO_KEYS.globex)).status).toBe(200);
    await gw.services.resetStats('consumers');
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 12; i++) {
      last = await gw.call('/v1/products/p-0001', `ck_guess${i}.not-a-secret-${i}`);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    expect(last?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The auth library's one limiter for unknown keys, the device keys' too.
    expect((await bodyOf(last as Response)).type).toMatch(/too-many-failed-attempts$/);
    expect((await gw.services.stats('consumers')).byRoute['POST /consumer-keys/verify'] ?? 0).toBe(5);
    // A key already proven valid from the same address is not held back.
    expect((await gw.call('/v1/products/p-0002', DEMO_KEYS.globex)).status).toBe(200);
  });
});
