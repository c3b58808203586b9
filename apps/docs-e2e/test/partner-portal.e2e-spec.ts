/* eslint-disable @typescript-eslint/no-explicit-any */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startDemoServices, type DemoServices, type SpawnedApp } from '@concierge/shared/util-testing';
import { launchChromium } from '@concierge/shared/util-testing/chromium';
import { startGateway } from './support/gateways';
import { operationsOf } from './support/openapi-check';

/** A demo partner app's key (README), on the `free` plan: a handful of requests is far from its limits. */
const DEMO_KEY = 'ck_acme0001.partner-demo-secret-0001';
const SCREENSHOT_DIR = join(tmpdir(), 'concierge-docs-e2e');

/** The schema a response's JSON body points at, resolved. */
function schemaOf(document: any, response: any): any {
  const schema = response.content?.['application/json']?.schema;
  const ref: string | undefined = schema?.$ref ?? schema?.items?.$ref;
  return ref ? document.components.schemas[ref.split('/').pop() as string] : schema;
}

/** Waits until the live response Swagger UI shows under an operation has `status`. */
async function liveResponse(operation: Locator, status: string): Promise<{ status: string; body: string }> {
  const response = operation.locator('.live-responses-table tbody .response').first();
  await response.locator('.response-col_status', { hasText: status }).waitFor();
  return {
    status: (await response.locator('.response-col_status').innerText()).trim(),
    body: await response.locator('.response-col_description pre').first().innerText(),
  };
}

describe('the partner developer portal (Swagger UI of the built partner-api, in headless Chromium)', () => {
  let services: DemoServices;
  let gateway: SpawnedApp;
  let browser: Browser;
  let page: Page;
  let document: any;

  beforeAll(async () => {
    browser = await launchChromium();
    services = await startDemoServices();
    gateway = await startGateway('partner-api', services);
    document = await (await fetch(`${gateway.url}/docs-json`)).json();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await services?.stop();
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${gateway.url}/docs`);
    await page.locator('.swagger-ui .info .title', { hasText: 'partner-api' }).waitFor();
  });

  afterEach(async () => {
    await page?.close();
  });

  /** The operation's block on the page (a deprecated one has other classes: `opblock-deprecated`, its path struck through). */
  const block = (method: string, path: string) =>
    page
      .locator('.opblock', { has: page.locator(`.opblock-summary [data-path="${path}"]`) })
      .filter({ has: page.locator('.opblock-summary-method', { hasText: method.toUpperCase() }) });

  it('lists every /v1 operation with the fields of its response schema, and marks the deprecated one', async () => {
    const operations = operationsOf(document).filter(({ path }) => path.startsWith('/v1/'));
    expect(operations.length).toBeGreaterThanOrEqual(7);
    for (const { path, method, operation } of operations) {
      const success = Object.keys(operation.responses).find((status) => /^2\d\d$/.test(status)) as string;
      const fields = Object.keys(schemaOf(document, operation.responses[success])?.properties ?? {});
      expect({ path, method, fields: fields.length > 0 }).toEqual({ path, method, fields: true });

      const shown = block(method, path);
      await shown.locator('.opblock-summary-control').click();
      const row = shown.locator(`tr.response[data-code="${success}"]`);
      // The example Swagger UI renders from the schema names every field of the response.
      const example = await row.locator('.example, .highlight-code').first().innerText();
      for (const field of fields)
        expect({ path, field, shown: example.includes(`"${field}"`) }).toEqual({
          path,
          field,
          shown: true,
        });
      expect(await shown.locator('tr.response[data-code="429"]').count()).toBe(1);
      await shown.locator('.opblock-summary-control').click();
    }
    expect(await block('get', '/v1/products/{id}/availability').getAttribute('class')).toContain(
      'opblock-deprecated',
    );
    expect(await page.locator('.swagger-ui .errors-wrapper').count()).toBe(0);
  });

  it('"Authorize" takes an API key, and "Try it out" then gets 200 with it', async () => {
    const operation = block('get', '/v1/products/{id}');
    await operation.locator('.opblock-summary-control').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('input[placeholder="id"]').fill('p-0001');

    await operation.locator('button.execute').click();
    const refused = await liveResponse(operation, '401');
    expect(JSON.parse(refused.body)).toMatchObject({ status: 401 });

    await page.locator('.auth-wrapper button.authorize').click();
    const dialog = page.locator('.modal-ux');
    const apiKey = dialog.locator('.auth-container', { hasText: 'X-Api-Key' });
    await apiKey.locator('input').fill(DEMO_KEY);
    await apiKey.locator('button[aria-label="Apply credentials"]').click();
    await apiKey.locator('button[aria-label="Remove authorization"]').waitFor();
    await dialog.locator('button.btn-done').first().click();
    await dialog.waitFor({ state: 'detached' });

    await operation.locator('button.execute').click();
    const served = await liveResponse(operation, '200');
    expect(JSON.parse(served.body)).toMatchObject({ id: 'p-0001', price: { currency: expect.any(String) } });
    expect(await operation.locator('.curl-command').innerText()).toContain(`X-Api-Key: ${DEMO_KEY}`);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'partner-portal.png'), fullPage: true });
  });
});
