import { setTimeout as sleep } from 'node:timers/promises';
import { bodyOf, startWebGateway, type WebGatewayUnderTest } from './web-gateway';

// The service-client defaults (the gateway exposes no knob for them yet): the catalog's breaker opens after
// 5 consecutive failed attempts and lets one probe through 5 s later.
const HALF_OPEN_AFTER_MS = 5_000;

describe('web-bff circuit breaker on the catalog (e2e)', () => {
  let gw: WebGatewayUnderTest;
  let token: string;
  let productId: string;

  const catalogBreaker = async (): Promise<string> => {
    const body = await bodyOf(await fetch(`${gw.adminUrl}/health/upstreams`));
    return body.upstreams.find((upstream: { name: string }) => upstream.name === 'catalog').breaker;
  };

  beforeAll(async () => {
    gw = await startWebGateway();
    token = await gw.token('alice');
    productId = (await bodyOf(await gw.get('/api/products?limit=1', token))).items[0].id;
  });
  afterAll(() => gw.close());

  it('opens after consecutive failures, then fails fast without calling the catalog, until a probe closes it', async () => {
    await gw.services.chaos('catalog', { down: true });

    // Each product page makes three catalog calls, each retried: the breaker opens within a few pages.
    let open: Response | undefined;
    for (let page = 0; page < 10 && !open; page++) {
      const response = await gw.get(`/api/products/${productId}`, token);
      const body = await bodyOf(response);
      expect([502, 503]).toContain(response.status);
      if (body.type.endsWith('/upstream-circuit-open')) open = response;
    }
    expect(open?.status).toBe(503);
    expect(Number(open?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await catalogBreaker()).toBe('open');

    // Open: every page fails fast with 503 and the catalog's call counter stands still — even once the
    // catalog has healed, since nothing reaches it to tell.
    const calls = await gw.calls('catalog');
    const openedAt = Date.now();
    await gw.services.resetChaos('catalog');
    for (let page = 0; page < 5; page++) {
      const response = await gw.get(`/api/products/${productId}`, token);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await bodyOf(response)).type).toMatch(/\/upstream-circuit-open$/);
    }
    expect(await gw.calls('catalog')).toBe(calls);

    // Half-open after the delay: the next call is the probe; it succeeds and closes the breaker. The
    // probe may be any of the page's three calls (the other two still fail fast), so allow a second page.
    await sleep(Math.max(0, openedAt + HALF_OPEN_AFTER_MS + 250 - Date.now()));
    let healed: Response | undefined;
    for (let page = 0; page < 3 && healed?.status !== 200; page++) {
      healed = await gw.get(`/api/products/${productId}`, token);
    }
    expect(healed?.status).toBe(200);
    expect(await gw.calls('catalog')).toBeGreaterThan(calls);
    expect(await catalogBreaker()).toBe('closed');
    const after = await gw.get(`/api/products/${productId}`, token);
    expect(after.status).toBe(200);
    expect((await bodyOf(after))._meta).toEqual({ partial: false, missing: [] });
  }, 30_000);
});
