import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  passwordToken,
  startDemoServices,
  type DemoServices,
  type SpawnedApp,
} from '@concierge/shared/util-testing';
import { launchChromium } from '@concierge/shared/util-testing/chromium';
import { startGateway } from './support/gateways';

/** Where the screenshots go (kept after the run, for people to look at). */
const SCREENSHOT_DIR = join(tmpdir(), 'concierge-docs-e2e');

/** Waits until the live response Swagger UI shows under an operation has `status`, and returns it. */
async function responseWithStatus(
  operation: Locator,
  status: string,
  timeoutMs = 15_000,
): Promise<{ status: string; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last = { status: '(none)', body: '' };
  while (Date.now() < deadline) {
    if ((await operation.locator('.live-responses-table tbody .response').count()) > 0) {
      last = await liveResponse(operation);
      if (last.status === status) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Swagger UI shows no ${status} response; last: ${last.status} ${last.body.slice(0, 500)}`);
}

/** The live response Swagger UI shows under an operation after "Execute". */
async function liveResponse(operation: Locator): Promise<{ status: string; body: string }> {
  const response = operation.locator('.live-responses-table tbody .response').first();
  return {
    status: (await response.locator('.response-col_status').innerText()).trim(),
    body: await response.locator('.response-col_description pre').first().innerText(),
  };
}

describe('Swagger UI of the built web gateway, in headless Chromium', () => {
  let services: DemoServices;
  let gateway: SpawnedApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // First, so a missing browser fails at once with the command that installs it.
    browser = await launchChromium();
    services = await startDemoServices();
    gateway = await startGateway('web-bff', services);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await services?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.setDefaultTimeout(15_000);
  });

  afterEach(async () => {
    await page?.close();
  });

  it('authorizes with a demo token and runs GET /api/dashboard from the page', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) pageErrors.push(message.text());
    });
    const token = await passwordToken(services.urls.identity, 'alice', 'wonderland');

    await page.goto(`${gateway.url}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'web-bff' }).waitFor();

    const operation = page.locator('.opblock-get', {
      has: page.locator('.opblock-summary-path[data-path="/api/dashboard"]'),
    });
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('button.try-out__btn').click();

    // Without credentials the gateway refuses, and the page shows its problem+json.
    await operation.locator('button.execute').click();
    const refused = await responseWithStatus(operation, '401');
    expect(JSON.parse(refused.body)).toMatchObject({ status: 401, title: expect.any(String) });

    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('input[type=text]').first().fill(token);
    await dialog.locator('button[aria-label="Apply credentials"]').click();
    await dialog.locator('button[aria-label="Remove authorization"]').waitFor();
    await dialog.locator('button.btn-done').click();
    await dialog.waitFor({ state: 'detached' });

    await operation.locator('button.execute').click();
    const shown = JSON.parse((await responseWithStatus(operation, '200')).body) as {
      user: { id: string };
      _meta: unknown;
    };
    expect(shown.user.id).toBe('u-1001');
    expect(shown).toHaveProperty('_meta');
    // The request the page made is shown as curl, with the token it was authorized with.
    expect(await operation.locator('.curl-command').innerText()).toContain(`Authorization: Bearer ${token}`);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await operation.screenshot({ path: join(SCREENSHOT_DIR, 'swagger-ui-dashboard.png') });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'swagger-ui-page.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('renders the declared routes and the security schemes without errors', async () => {
    await page.goto(`${gateway.url}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'web-bff' }).waitFor();
    expect(await page.locator('.opblock-summary-path[data-path="/catalog/categories"]').count()).toBe(1);
    expect(await page.locator('.swagger-ui .errors-wrapper').count()).toBe(0);
    await page.locator('.auth-wrapper button.authorize').click();
    expect(await page.locator('.modal-ux').innerText()).toContain('bearer');
  });
});
