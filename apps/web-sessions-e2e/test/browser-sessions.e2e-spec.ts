import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core';
import {
  freePort,
  spawnApp,
  startDemoServices,
  type DemoServices,
  type SpawnedApp,
} from '@concierge/shared/util-testing';
import { apiCall, SESSION_COOKIE as SESSION, signInAsAlice } from './app-page';
import { launchChromium } from '@concierge/shared/util-testing/chromium';
import { startOtherOrigin } from './other-origin';
import { sessionGatewayEnv } from './web-gateway';

/**
 * The built web gateway as the token handler of a browser app, in a real Chromium: sign-in through the
 * demo identity service's form, the session cookie as the browser holds it, CSRF from another origin,
 * refresh past a 5 s token lifetime, sign-out.
 */
describe('browser sessions through the web gateway (Chromium)', () => {
  let services: DemoServices;
  let gateway: SpawnedApp;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    services = await startDemoServices({ IDENTITY_WEB_ORIGIN: origin, IDENTITY_TOKEN_TTL_SEC: '5' });
    gateway = await spawnApp(
      'web-bff',
      { ...sessionGatewayEnv(services, origin), PORT: String(port) },
      { timeoutMs: 30_000 },
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await services?.stop();
  });

  const signIn = (context: BrowserContext): Promise<Page> =>
    signInAsAlice(context, origin, services.urls.identity);

  it('signs in as alice through the provider form; the dashboard shows her name, also after a reload', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    expect(await page.textContent('#user-name')).toBe('Alice Liddell');
    expect(await page.textContent('#profile-email')).toBe('alice@example.com');
    expect(await page.locator('#orders li').count()).toBeGreaterThan(0);
    expect(await page.locator('#recommendations li').count()).toBeGreaterThan(0);
    await page.reload();
    await page.waitForSelector('#user-name:has-text("Alice Liddell")');
    expect((await apiCall(page, '/bff/user')).body.claims.name).toBe('Alice Liddell');
    await context.close();
  });

  it('is the Vite build the gateway serves: index.html revalidated, hashed assets immutable, the page CSP; it calls only /api and /bff of its origin, with X-CSRF', async () => {
    const context = await browser.newContext();
    const loaded: Response[] = [];
    const calls: Request[] = [];
    context.on('response', (r) => {
      if (new URL(r.url()).origin === origin && r.request().resourceType() !== 'fetch') loaded.push(r);
    });
    context.on('request', (r) => {
      if (['fetch', 'xhr'].includes(r.resourceType())) calls.push(r);
    });
    const page = await signIn(context);
    await page.click('button.order >> nth=0');
    await page.waitForSelector('#order-status:has-text("Order placed.")');

    const [index] = loaded.filter((r) => new URL(r.url()).pathname === '/');
    expect(index.headers()['cache-control']).toBe('no-cache');
    expect(index.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers()['content-security-policy']).toContain("connect-src 'self'");
    const assets = loaded.filter((r) => new URL(r.url()).pathname.startsWith('/assets/'));
    const kinds = new Set(assets.map((r) => new URL(r.url()).pathname.split('.').pop()));
    expect([...kinds].sort()).toEqual(['css', 'js']);
    for (const asset of assets) {
      expect(new URL(asset.url()).pathname).toMatch(/^\/assets\/index-[\w-]{8}\.(js|css)$/);
      expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    }

    const paths = calls.map((r) => `${r.method()} ${new URL(r.url()).pathname}`);
    expect(paths).toEqual(
      expect.arrayContaining(['GET /bff/user', 'GET /api/dashboard', 'POST /api/orders']),
    );
    for (const call of calls) {
      expect(new URL(call.url()).origin).toBe(origin);
      expect(new URL(call.url()).pathname).toMatch(/^\/(api|bff)\//);
      expect(call.headers()['x-csrf']).toBe('1');
    }
    await context.close();
  });

  it('shows a note on the dashboard when a part is missing (orders down), and the rest of it', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    await services.chaos('orders', { down: true });
    try {
      await page.reload();
      await page.waitForSelector('#partial:visible');
      expect(await page.textContent('#partial')).toContain('orders');
      expect(await page.textContent('#user-name')).toBe('Alice Liddell');
      expect(await page.locator('#orders li').count()).toBe(0);
      expect(await page.locator('#recommendations li').count()).toBeGreaterThan(0);
    } finally {
      await services.resetChaos('orders');
      await context.close();
    }
  });

  it('places an order from the dashboard with an Idempotency-Key, through the session', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    await services.resetStats('orders');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url() === `${origin}/api/orders`),
      page.click('button.order >> nth=0'),
    ]);
    expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await page.waitForSelector('#order-status:has-text("Order placed.")');
    expect((await services.stats('orders')).byRoute['POST /orders']).toBe(1);
    await context.close();
  });

  it('retries a failed order with the same Idempotency-Key, and the next order with a new one', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.url() === `${origin}/api/orders`) keys.push(r.headers()['idempotency-key']);
    });
    await services.chaos('orders', { down: true });
    try {
      await page.click('button.order >> nth=0');
      await page.waitForSelector('#order-status:has-text("The order failed")');
      expect(await page.textContent('#order-status')).toMatch(/^The order failed \(50\d\)\.$/);
    } finally {
      await services.resetChaos('orders');
    }
    await page.click('button.order >> nth=0');
    await page.waitForSelector('#order-status:has-text("Order placed.")');
    await page.evaluate("document.getElementById('order-status').textContent = ''");
    await page.click('button.order >> nth=0');
    await page.waitForSelector('#order-status:has-text("Order placed.")');
    expect(keys).toHaveLength(3);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    await context.close();
  });

  it('holds the session in a __Host- cookie that is HttpOnly, Secure, SameSite=Strict, host-only and path /', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    const cookies = await context.cookies(origin);
    const session = cookies.find((c) => c.name === SESSION);
    expect(session).toMatchObject({
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/',
      domain: '127.0.0.1',
    });
    expect(cookies.map((c) => c.name)).not.toContain('__Host-concierge-login');
    // Scripts on the page cannot read it, and nothing the page can see looks like a token.
    expect(await page.evaluate<string>('document.cookie')).not.toContain(SESSION);
    expect(JSON.stringify((await apiCall(page, '/bff/user')).body)).not.toMatch(/eyJ/);
    await context.close();
  });

  it('lets no page on another origin place an order with the cookie: form POST and fetch refused, nothing reaches orders', async () => {
    const context = await browser.newContext();
    await signIn(context);
    const attacker = await startOtherOrigin(origin);
    try {
      await services.resetStats('orders');
      const page = await context.newPage();
      await page.goto(attacker.url);
      expect(await page.evaluate<string>('window.tryFetch()')).toBe('blocked');
      // A no-cors request cannot carry the CSRF header; whatever the browser does with it, no order is made.
      expect(await page.evaluate<string>('window.tryNoCors()')).toBe('sent');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${origin}/api/orders`),
        page.evaluate("document.getElementById('f').submit()"),
      ]);
      expect(response.status()).toBe(403);
      expect((await services.stats('orders')).total).toBe(0);
    } finally {
      await attacker.close();
      await context.close();
    }
  });

  it('keeps the dashboard working past the 5 s token lifetime, with one refresh for 20 parallel requests', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    await page.waitForTimeout(5500);
    await services.resetStats('identity');
    const statuses = await page.evaluate(() =>
      Promise.all(
        Array.from({ length: 20 }, () =>
          fetch('/api/dashboard', { headers: { 'X-CSRF': '1' } }).then((r) => r.status),
        ),
      ),
    );
    expect(statuses).toEqual(Array(20).fill(200));
    expect((await services.stats('identity')).byRoute['POST /oauth/token']).toBe(1);
    await context.close();
  });

  it('signs out: the provider ends its session, the browser is sent back, then every call answers 401', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    const logout = await apiCall(page, '/bff/logout', 'POST');
    expect(logout.status).toBe(200);
    await page.goto(logout.body.endSessionUrl);
    expect(page.url()).toBe(`${origin}/`);
    await page.waitForSelector('#sign-in:visible');
    expect((await apiCall(page, '/bff/user')).status).toBe(401);
    expect((await apiCall(page, '/api/dashboard')).status).toBe(401);
    expect((await context.cookies(origin)).map((c) => c.name)).not.toContain(SESSION);
    await context.close();
  });
});
