import type { BrowserContext, Page } from 'playwright-core';

export const SESSION_COOKIE = '__Host-concierge-session';

/** What a page's call answered; bodies are loosely shaped JSON, checked field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; body: any };

/**
 * Opens the web app at `origin`, follows its sign-in link to the provider's form at `identity`, signs in
 * as alice and waits for the dashboard to show her name.
 */
export async function signInAsAlice(
  context: BrowserContext,
  origin: string,
  identity: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.click('#sign-in');
  expect(new URL(page.url()).origin).toBe(identity);
  await page.fill('input[name=username]', 'alice');
  await page.fill('input[name=password]', 'wonderland');
  await Promise.all([page.waitForURL(`${origin}/`), page.click('button[type=submit]')]);
  await page.waitForSelector('#user-name:has-text("Alice Liddell")');
  return page;
}

/** A same-origin call from the page, as the web app makes it (with `X-CSRF: 1`). */
export const apiCall = (page: Page, path: string, method = 'GET'): Promise<Answer> =>
  page.evaluate(
    async ([p, m]) => {
      const r = await fetch(p, { method: m, headers: { 'X-CSRF': '1' } });
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    [path, method] as const,
  );
