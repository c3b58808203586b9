import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The browser suites' Chromium, behind its own import path (`@concierge/shared/util-testing/chromium`) so
 * that suites without a browser never load playwright-core.
 */

/** Debian's Chromium; nothing in this repository downloads a browser. */
const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_MISSING =
  `Debian's Chromium is not installed at ${CHROMIUM_PATH}; the browser tests drive it through ` +
  'playwright-core, which downloads no browser. Install it with: ' +
  'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium';

/** Headless Debian Chromium, or an error that says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
